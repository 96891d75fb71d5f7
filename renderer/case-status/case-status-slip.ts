import type { ReceiptInput } from '../../common/receipt/receipt';
import { type ReceiptBlock, receiptFooter, receiptText } from '../print/receipt-builder';
import type { StatusWords, Translate } from './case-status-view';

/**
 * 打印进度单: a case's progress on paper, in the words shown on screen —
 * the reference, the status and what to do next. Nothing about the person:
 * the slip may be left behind at the kiosk. Pure.
 */

export interface CaseStatusSlipLabels {
  title: string;
  reference: string;
  kind: string;
  asOf: string;
  next: string;
  terminal: string;
  printedAt: string;
  hotline: string;
}

/** The slip's printed words, from the catalogue in the language on screen. */
export function caseStatusSlipLabels(t: Translate): CaseStatusSlipLabels {
  return {
    title: t('caseStatus.slip.title'),
    reference: t('caseStatus.answer.reference'),
    kind: t('caseStatus.answer.kind'),
    asOf: t('caseStatus.slip.asOf'),
    next: t('caseStatus.answer.next'),
    terminal: t('caseStatus.slip.terminal'),
    printedAt: t('caseStatus.slip.printedAt'),
    hotline: t('caseStatus.slip.hotline'),
  };
}

export interface CaseStatusForSlip {
  reference: string;
  kind: string;
  /** When the status was last changed (or last learned, offline), formatted for the language on screen. */
  asOf: string;
  /** Said above the status when it is the last one known, not the latest. */
  offlineNotice?: string;
  words: StatusWords;
}

export function caseStatusSlip(
  status: CaseStatusForSlip,
  ctx: { terminalName: string; printedAt: string; hotline: string; labels: CaseStatusSlipLabels },
): ReceiptInput {
  const { labels } = ctx;
  const text = receiptText;
  const blocks: ReceiptBlock[] = [
    ...text(labels.title, { align: 'center', bold: true, size: 'double' }),
    { type: 'rule', style: 'solid' },
    { type: 'pair', label: labels.reference, value: status.reference, bold: true },
    { type: 'pair', label: labels.kind, value: status.kind },
    { type: 'pair', label: labels.asOf, value: status.asOf },
    { type: 'rule', style: 'dashed' },
  ];
  if (status.offlineNotice !== undefined) blocks.push(...text(status.offlineNotice));
  blocks.push(...text(status.words.label, { bold: true, size: 'tall' }));
  for (const line of status.words.lines) blocks.push(...text(line));
  if (status.words.next.length > 0) {
    blocks.push(...text(labels.next, { bold: true }));
    for (const line of status.words.next) blocks.push(...text(line));
  }
  blocks.push(...receiptFooter(ctx));
  return { blocks };
}
