import { createHash } from 'node:crypto';
import { en } from '../common/i18n/en';
import { zhCN } from '../common/i18n/zh-CN';
import { KIOSK_BACKGROUND } from './window-options';

/**
 * The page shown when the kiosk cannot serve: the service is down or
 * restarting, its configuration is invalid, or the relaunch budget is spent.
 * It is static, self-contained HTML that needs nothing from the service, and
 * says in plain words where else to get legal help: the 12348 hotline.
 */

export const DEFAULT_HOTLINE = '12348';

// Same shape the configuration schema accepts for phone numbers.
const PHONE_NUMBER = /^[0-9+\-() ]{3,20}$/;

/**
 * The public legal-service hotline from the terminal's configuration file,
 * read leniently: the page must appear even when the file is missing or
 * invalid — which is one of the reasons it is shown.
 */
export function hotlineFromConfigText(text: string | undefined): string {
  if (text === undefined) return DEFAULT_HOTLINE;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return DEFAULT_HOTLINE;
  }
  if (typeof data !== 'object' || data === null || !('hotlines' in data)) return DEFAULT_HOTLINE;
  const hotlines = data.hotlines;
  if (typeof hotlines !== 'object' || hotlines === null || !('publicLegalService' in hotlines)) return DEFAULT_HOTLINE;
  const value = hotlines.publicLegalService;
  return typeof value === 'string' && PHONE_NUMBER.test(value.trim()) ? value.trim() : DEFAULT_HOTLINE;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function withNumber(template: string, hotline: string): string {
  return escapeHtml(template).replaceAll('{{number}}', `<span class="number">${escapeHtml(hotline)}</span>`);
}

type ShellStrings = typeof zhCN.shell;

function section(lang: string, s: ShellStrings, hotline: string, cls: string): string {
  return [
    `<section lang="${lang}" class="${cls}">`,
    `<h1>${escapeHtml(s.unavailableTitle)}</h1>`,
    `<p>${escapeHtml(s.unavailableBody)}</p>`,
    `<p class="hotline">${withNumber(s.unavailableHotline, hotline)}</p>`,
    `<p>${escapeHtml(s.unavailableStaff)}</p>`,
    '</section>',
  ].join('');
}

const STYLE = [
  `html,body{margin:0;height:100%;background:${KIOSK_BACKGROUND};color:#2d2a26;cursor:none;user-select:none;overflow:hidden}`,
  'body{display:flex;justify-content:center;align-items:center;text-align:center;padding:0 6vw;box-sizing:border-box;',
  '  font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif}',
  'main{display:flex;flex-direction:column;gap:5vh;max-width:70rem}',
  '.primary h1{font-size:4.2rem;font-weight:600;margin:0 0 2rem}',
  '.primary p{font-size:2.2rem;line-height:1.5;margin:0.8rem 0}',
  '.secondary{color:#5b554d;border-top:2px solid #d9d2c4;padding-top:3vh}',
  '.secondary h1{font-size:2.2rem;font-weight:600;margin:0 0 1rem}',
  '.secondary p{font-size:1.5rem;line-height:1.5;margin:0.5rem 0}',
  '.number{font-weight:700;color:#1f4e79;white-space:nowrap}',
  '.primary .number{font-size:3.4rem}',
].join('\n');

/**
 * The page carries its own CSP: no script of any kind, styles only by hash,
 * nothing loaded from anywhere.
 */
export function fallbackPageHtml(hotline: string): string {
  const styleHash = createHash('sha256').update(STYLE, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'`;
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    `<title>${escapeHtml(zhCN.shell.unavailableTitle)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    section('zh-CN', zhCN.shell, hotline, 'primary'),
    section('en', en.shell, hotline, 'secondary'),
    '</main>',
    '</body>',
    '</html>',
  ].join('\n');
}

/** A data: URL needs no file, no server and no writable disk. */
export function fallbackPageUrl(html: string): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
