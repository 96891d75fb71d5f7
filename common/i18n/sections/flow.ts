import type { Catalogue } from '../catalogue';

/**
 * What every form-filling flow says the same way (renderer/flow): the consent
 * buttons, a submission that did not go, the done step's code and receipt,
 * and printing the receipt again. A flow's own words (what it collects, what
 * happens next) stay in its own section.
 */
export const flowZhCN = {
  consent: {
    agree: '同意，继续',
    disagree: '不同意',
    version: '告知书版本：{{version}}',
  },
  submission: {
    failed: '没有提交成功',
    failedDetail: '请再点一次“提交申请”，不会重复提交。还不行请找现场工作人员。',
    unavailable: '这台机器现在不能提交申请',
    unavailableDetail: '需要帮助，请拨打法律咨询热线 {{hotline}}。',
  },
  done: {
    qr: '用手机扫一扫，把编号存到手机上',
    noPrinter: '这台机器不能打印回执，请把编号抄下来或者拍下来。',
    home: '回到首页',
  },
  reprint: {
    button: '再打印一张回执',
    failed: '没有补打成功',
    failedDetail: '请稍后再试一次。还不行，请找现场工作人员。',
    noPrinter: '这台机器没有安装打印机，不能补打回执。',
  },
};

export const flowEn: Catalogue<typeof flowZhCN> = {
  consent: {
    agree: 'I agree, continue',
    disagree: 'I do not agree',
    version: 'Notice version: {{version}}',
  },
  submission: {
    failed: 'It was not sent',
    failedDetail:
      'Please tap the send button again; it will not be sent twice. If it still fails, please ask the staff.',
    unavailable: 'This kiosk cannot send applications right now',
    unavailableDetail: 'For help, call the legal hotline {{hotline}}.',
  },
  done: {
    qr: 'Scan with your phone to keep the number',
    noPrinter: 'This kiosk cannot print receipts. Please write the number down or take a photo.',
    home: 'Back to home',
  },
  reprint: {
    button: 'Print the receipt again',
    failed: 'The receipt was not printed again',
    failedDetail: 'Please try again in a moment. If it still fails, please ask the staff.',
    noPrinter: 'This kiosk has no printer, so the receipt cannot be printed again.',
  },
};
