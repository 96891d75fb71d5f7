/**
 * 简体中文 — the kiosk's first language. Every string a citizen can see lives
 * here and in en.ts. Plain words, short sentences: many readers are elderly.
 */
export const zhCN = {
  shell: {
    unavailableTitle: '本机暂停服务',
    unavailableBody: '设备正在维护，请稍后再试。',
    unavailableHotline: '法律咨询请拨打 {{number}} 公共法律服务热线',
    unavailableStaff: '如需帮助，请联系现场工作人员。',
  },
};
