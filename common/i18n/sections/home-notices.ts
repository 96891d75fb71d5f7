import type { Catalogue } from '../catalogue';

/**
 * Texts around the notices (公告) the home screen shows from the content
 * release. A notice's own title and body are written by administrators in
 * Chinese and shown as written.
 */
export const homeNoticesZhCN = {
  heading: '公告',
  open: '查看全文',
  close: '收起',
  dates: '{{from}} 至 {{to}}',
  oneDay: '仅 {{date}} 当天',
};

export const homeNoticesEn: Catalogue<typeof homeNoticesZhCN> = {
  heading: 'Notices',
  open: 'Read the notice',
  close: 'Close',
  dates: '{{from}} to {{to}}',
  oneDay: '{{date}} only',
};
