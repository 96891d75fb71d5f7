import type { Catalogue } from './catalogue';
import type { zhCN } from './zh-CN';

export const en: Catalogue<typeof zhCN> = {
  shell: {
    unavailableTitle: 'This kiosk is temporarily out of service',
    unavailableBody: 'The terminal is being restored. Please try again in a few minutes.',
    unavailableHotline: 'For legal advice, call the public legal service hotline {{number}}',
    unavailableStaff: 'If you need help, please ask the staff on site.',
  },
};
