import { createHash } from 'node:crypto';
import type { PageLanguage } from '../../common/hub/api/take-away-pages';
import { takeAwayPagesEn, takeAwayPagesZhCN } from '../../common/i18n/sections/take-away-pages';

/**
 * The take-away pages' HTML: one document shape for every page, one small
 * inline stylesheet, no script. Everything from the release or the request
 * goes through `text` or `attr`; markup is built only from our own strings.
 */

/**
 * Markup made here, as opposed to text that still needs escaping. A class,
 * not a shape: a value parsed from the release's JSON that happens to have
 * an `html` field is not markup, and `markup` refuses it.
 */
export class Html {
  readonly #made = true;
  private constructor(readonly html: string) {}

  static made(this: void, html: string): Html {
    return new Html(html);
  }

  static is(this: void, value: unknown): value is Html {
    return typeof value === 'object' && value !== null && #made in value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** One interpolated value: text escaped, markup as it is; anything else is a fault in the caller, never guessed at. */
function piece(value: unknown): string {
  if (typeof value === 'string') return escapeHtml(value);
  if (Html.is(value)) return value.html;
  throw new TypeError(`markup: expected text or markup, got ${Array.isArray(value) ? 'array' : typeof value}`);
}

/** Tagged template (not named `html`, so formatters leave the markup as written): interpolated strings are escaped, Html and lists of Html are put in as they are. */
export function markup(parts: TemplateStringsArray, ...values: (string | Html | readonly Html[])[]): Html {
  let out = parts[0]!;
  values.forEach((value, i) => {
    out += Array.isArray(value) ? (value as readonly unknown[]).map(piece).join('') : piece(value);
    out += parts[i + 1]!;
  });
  return Html.made(out);
}

export const HOTLINE = '12348';

export type PageWords = typeof takeAwayPagesZhCN;
const WORDS: Record<PageLanguage, PageWords> = { 'zh-CN': takeAwayPagesZhCN, en: takeAwayPagesEn };

/** The chrome's words in a language, with `{{name}}` filled from `values`. */
export function wordsFor(lang: PageLanguage) {
  const words = WORDS[lang];
  return (key: keyof PageWords, values: Record<string, string> = {}): string =>
    words[key].replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * Large type and strong contrast for a small phone held by someone who may
 * read poorly: 20 px body text, black on white, links underlined, nothing
 * wider than the screen. Kept inline so the page is one request.
 */
const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:#111;font:20px/1.7 system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
header,main,footer{max-width:40rem;margin:0 auto;padding:1rem}
header{background:#0b3d91;color:#fff;max-width:none}
header p{margin:0;font-weight:700}
header a{color:#fff}
h1{font-size:1.5rem;line-height:1.4;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:2px solid #0b3d91}
p,li{overflow-wrap:anywhere}
a{color:#0645ad}
.label{color:#444;font-size:1rem;margin:0}
.note{background:#fff4ce;border-left:4px solid #8a6100;padding:.5rem .75rem}
.article{white-space:pre-line}
footer{border-top:2px solid #ccc;color:#333;font-size:1rem}
footer strong{font-size:1.25rem;color:#111}
`.trim();

/** The CSP's hash of the stylesheet: that one `<style>` applies, nothing else inline does, and no script runs. */
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  // The empty icon in the page: else a phone asks for /favicon.ico, which is no public page.
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface PageParts {
  lang: PageLanguage;
  /** The page's title and its heading. */
  title: string;
  /** Above the heading: what kind of page this is. */
  label: string;
  body: Html;
  /** The release the content came from, shown small at the foot; undefined on a page without content. */
  releaseVersion?: string | undefined;
  /** This page in the other language (a relative link). */
  otherLanguageHref?: string | undefined;
}

export function renderPage(parts: PageParts): string {
  const t = wordsFor(parts.lang);
  const otherLang = parts.lang === 'en' ? 'zh-CN' : 'en';
  const other =
    parts.otherLanguageHref === undefined
      ? markup``
      : markup`<p><a href="${parts.otherLanguageHref}" lang="${otherLang}">${t('otherLanguage')}</a></p>`;
  const release =
    parts.releaseVersion === undefined ? markup`` : markup`<p>${t('release', { version: parts.releaseVersion })}</p>`;
  // The stylesheet goes in exactly as hashed for the CSP: a byte more and browsers ignore it.
  const page = markup`<!doctype html>
<html lang="${parts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${parts.title} · ${t('firmName')}</title>
<style>${Html.made(STYLE)}</style>
</head>
<body>
<header><p>${t('firmName')}</p></header>
<main>
<p class="label">${parts.label}</p>
<h1>${parts.title}</h1>
${parts.body}
</main>
<footer>
<p>${t('disclaimer')}</p>
<p><strong>${t('firmName')}</strong></p>
<p><a href="tel:${HOTLINE}">${t('hotline', { number: HOTLINE })}</a></p>
${release}${other}
</footer>
</body>
</html>
`;
  return page.html;
}
