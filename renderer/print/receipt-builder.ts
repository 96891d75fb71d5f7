import type { ArticleRef } from '../../common/api/content';
import { REFERENCE_PLACEHOLDER } from '../../common/api/submissions';
import { QR_MAX_BYTES, utf8Length, type ReceiptInput } from '../../common/receipt/receipt';

/**
 * Receipts the citizen takes away: an answer or an article on paper, with
 * where and when it was printed and the hotline. Pure: the screen passes the
 * words (in the language on screen) and the time, so what is previewed is
 * exactly what prints. The law texts and answers stay as written (Chinese).
 */

/** The printed words around the content, from the catalogue (`print.receipt.*`). */
export interface ReceiptLabels {
  answerTitle: string;
  articleTitle: string;
  guideTitle: string;
  steps: string;
  nextSteps: string;
  timeLimit: string;
  cites: string;
  terminal: string;
  printedAt: string;
  hotline: string;
  disclaimer: string;
  /** Caption under the QR link to the hub's public page. */
  link: string;
}

export interface ReceiptContext {
  terminalName: string;
  /** Already formatted for the language on screen. */
  printedAt: string;
  hotline: string;
  labels: ReceiptLabels;
  /** The hub's public page for what is printed (terminals with a hub); printed as a QR code. */
  link?: string;
}

export interface AnswerForPrint {
  question: string;
  answer: string;
  nextSteps: readonly { step: string; timeLimit?: string }[];
  cites: readonly ArticleRef[];
}

export interface ArticleForPrint {
  number: string;
  headings: readonly string[];
  text: string;
  law: { shortName: string; title: string };
  /** E.g. "版本日期：2012年12月28日", formatted by the screen. */
  versionLine: string;
}

/** One block of a receipt (text, pair, rule, QR code, cut). */
export type ReceiptBlock = ReceiptInput['blocks'][number];
type Block = ReceiptBlock;

/** A receipt text block holds at most this many characters (see common/receipt/receipt.ts). */
export const MAX_TEXT_BLOCK = 4000;
/** `print` takes a title of at most 80 characters. */
export const MAX_JOB_TITLE = 80;

/** Cuts text into pieces the receipt schema accepts, at line ends where it can and never inside a character. */
export function splitText(text: string, max = MAX_TEXT_BLOCK): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut <= 0) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(rest[cut] === '\n' ? cut + 1 : cut);
  }
  pieces.push(rest);
  return pieces;
}

/** Text blocks for `value`, cut where the receipt schema needs it. */
export function receiptText(
  value: string,
  options: { bold?: boolean; align?: 'left' | 'center' | 'right'; size?: 'normal' | 'double' | 'tall' } = {},
): Block[] {
  return splitText(value).map((t) => ({ type: 'text', text: t, ...options }));
}
const text = receiptText;

function heading(title: string): Block[] {
  return [...text(title, { align: 'center', bold: true, size: 'double' }), { type: 'rule', style: 'solid' }];
}

/**
 * The top of a submission's receipt: its title, the reference number (a
 * placeholder the service fills in as it stores the submission) in large
 * type and as a QR code, then a dashed line before the details.
 */
export function submissionReceiptHead(
  labels: { title: string; reference: string; qrCaption: string },
  size: 'double' | 'tall' = 'double',
): Block[] {
  return [
    ...text(labels.title, { align: 'center', bold: true, size }),
    { type: 'rule', style: 'solid' },
    ...text(labels.reference, { align: 'center' }),
    ...text(REFERENCE_PLACEHOLDER, { align: 'center', bold: true, size }),
    { type: 'qr', data: REFERENCE_PLACEHOLDER, caption: labels.qrCaption },
    { type: 'rule', style: 'dashed' },
  ];
}

/** The end of every slip: which terminal printed it, when (if given), the hotline in bold, then the cut. */
export interface ReceiptFooterLines {
  terminalName: string;
  /** Already formatted for the language on screen; left off when absent. */
  printedAt?: string;
  hotline: string;
  labels: { terminal: string; printedAt?: string; hotline: string };
}

export function receiptFooter(f: ReceiptFooterLines): Block[] {
  const printed: Block[] =
    f.printedAt === undefined || f.labels.printedAt === undefined
      ? []
      : [{ type: 'pair', label: f.labels.printedAt, value: f.printedAt }];
  return [
    { type: 'rule', style: 'solid' },
    { type: 'pair', label: f.labels.terminal, value: f.terminalName },
    ...printed,
    { type: 'pair', label: f.labels.hotline, value: f.hotline, bold: true },
    { type: 'cut' },
  ];
}

function footer(ctx: ReceiptContext): Block[] {
  // A link longer than the printer's QR store (long law titles, percent-encoded) is left off rather than failing the print.
  const link: Block[] =
    ctx.link === undefined || utf8Length(ctx.link) > QR_MAX_BYTES
      ? []
      : [{ type: 'qr', data: ctx.link, caption: ctx.labels.link }];
  return [...link, ...receiptFooter(ctx)];
}

/** "劳动合同法 第三十条": how the screen and the paper name a cited article. */
export function citationLabel(cite: Pick<ArticleRef, 'lawShort' | 'article'>): string {
  return `${cite.lawShort} ${cite.article}`;
}

export function answerReceipt(answer: AnswerForPrint, ctx: ReceiptContext): ReceiptInput {
  const { labels } = ctx;
  const blocks: Block[] = [
    ...heading(labels.answerTitle),
    ...text(answer.question, { bold: true }),
    ...text(answer.answer),
  ];
  if (answer.nextSteps.length > 0) {
    blocks.push({ type: 'rule', style: 'dashed' }, ...text(labels.nextSteps, { bold: true }));
    answer.nextSteps.forEach(({ step, timeLimit }, i) => {
      blocks.push(...text(`${i + 1}. ${step}`));
      if (timeLimit !== undefined) blocks.push(...text(`   【${labels.timeLimit}】${timeLimit}`, { bold: true }));
    });
  }
  if (answer.cites.length > 0) {
    blocks.push({ type: 'rule', style: 'dashed' }, ...text(labels.cites, { bold: true }));
    for (const cite of answer.cites) blocks.push(...text(`${cite.law} ${cite.article}`));
  }
  blocks.push({ type: 'rule', style: 'dashed' }, ...text(labels.disclaimer), ...footer(ctx));
  return { blocks };
}

export interface GuideForPrint {
  title: string;
  summary: string;
  steps: readonly { title: string; body: string; timeLimit?: string | undefined }[];
  cites: readonly ArticleRef[];
}

export function guideReceipt(guide: GuideForPrint, ctx: ReceiptContext): ReceiptInput {
  const { labels } = ctx;
  const blocks: Block[] = [...heading(labels.guideTitle), ...text(guide.title, { bold: true }), ...text(guide.summary)];
  if (guide.steps.length > 0) {
    blocks.push({ type: 'rule', style: 'dashed' }, ...text(labels.steps, { bold: true }));
    guide.steps.forEach(({ title, body, timeLimit }, i) => {
      blocks.push(...text(`${i + 1}. ${title}`, { bold: true }), ...text(body));
      if (timeLimit !== undefined) blocks.push(...text(`   【${labels.timeLimit}】${timeLimit}`, { bold: true }));
    });
  }
  if (guide.cites.length > 0) {
    blocks.push({ type: 'rule', style: 'dashed' }, ...text(labels.cites, { bold: true }));
    for (const cite of guide.cites) blocks.push(...text(`${cite.law} ${cite.article}`));
  }
  blocks.push({ type: 'rule', style: 'dashed' }, ...text(labels.disclaimer), ...footer(ctx));
  return { blocks };
}

export function articleReceipt(article: ArticleForPrint, ctx: ReceiptContext): ReceiptInput {
  const blocks: Block[] = [
    ...heading(ctx.labels.articleTitle),
    ...text(`${article.law.shortName} ${article.number}`, { bold: true }),
    ...text(article.law.title),
    ...text(article.versionLine),
  ];
  if (article.headings.length > 0) blocks.push(...text(article.headings.join(' ')));
  blocks.push({ type: 'rule', style: 'dashed' }, ...text(article.text), ...footer(ctx));
  return { blocks };
}

/** A job title the service accepts: at most {@link MAX_JOB_TITLE} characters, never a split character. */
export function jobTitle(title: string): string {
  const chars = [...title.trim()];
  if (chars.length <= MAX_JOB_TITLE) return chars.join('') || '—';
  return `${chars.slice(0, MAX_JOB_TITLE - 1).join('')}…`;
}
