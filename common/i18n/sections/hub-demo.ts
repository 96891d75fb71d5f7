import type { Catalogue } from '../catalogue';

/**
 * The demo hub's accounts file (written by `npm start` into the demo hub's
 * data directory): the logins and passwords of the demo administrator and
 * lawyer, for whoever tries the product on their own machine. Both
 * languages go into the one file, so it reads the same whatever the locale.
 */
export const hubDemoZhCN = {
  accountsFile: {
    title: '演示中心的演示账号',
    intro: '这些账号只用于在本机试用演示中心。密码在第一次启动时随机生成，只写在这个文件里，不会出现在日志中。',
    administratorName: '演示管理员',
    lawyerName: '演示律师',
    administrator: '管理员',
    lawyer: '律师',
    heading: '{{role}}（{{name}}）',
    login: '登录名：{{login}}',
    password: '密码：{{password}}',
    totpAtFirstSignIn:
      '管理员第一次登录时要先设置双因素验证：用手机上的身份验证器应用扫描控制台显示的二维码，再输入应用显示的 6 位验证码。',
    console: '控制台的地址在 npm start 输出的 HUB_URL= 一行。',
    reset: '删除这个文件后再运行 npm start，会为这两个账号重新生成密码。',
  },
};

export const hubDemoEn: Catalogue<typeof hubDemoZhCN> = {
  accountsFile: {
    title: 'Demo accounts of the demo hub',
    intro:
      'These accounts are for trying the demo hub on this machine only. Their passwords were made at the first start and are written only in this file, never in a log.',
    administratorName: 'Demo administrator',
    lawyerName: 'Demo lawyer',
    administrator: 'Administrator',
    lawyer: 'Lawyer',
    heading: '{{role}} ({{name}})',
    login: 'Login: {{login}}',
    password: 'Password: {{password}}',
    totpAtFirstSignIn:
      'At their first sign-in the administrator sets up two-factor sign-in: scan the QR code the console shows with an authenticator app on a phone, then enter the 6-digit code the app shows.',
    console: 'The console’s address is on the HUB_URL= line npm start prints.',
    reset: 'Delete this file and run npm start again to give both accounts new passwords.',
  },
};
