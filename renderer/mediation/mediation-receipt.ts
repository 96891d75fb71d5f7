import type { ReceiptInput } from '../../common/receipt/receipt';
import { maskName, maskPhone } from '../../common/redact';
import { type ReceiptBlock, receiptFooter, receiptText, submissionReceiptHead } from '../print/receipt-builder';

/**
 * The mediation request's receipt, as a template: the service fills in the
 * reference number (`{{reference}}`) in the transaction that stores the
 * request. Pure: the screen passes the words in the language on screen and
 * the time. The applicant's name and phone are printed masked (张**,
 * 138****5678): a receipt left in the tray must not tell a stranger who is in
 * a dispute with whom; the ID number is not printed at all.
 */

/** The printed words around the request, from the catalogue (`mediation.receipt.*`). */
export interface MediationReceiptLabels {
  title: string;
  reference: string;
  qrCaption: string;
  applicant: string;
  phone: string;
  category: string;
  submittedAt: string;
  nextTitle: string;
  /** With the number of working days already filled in. */
  next: string;
  free: string;
  committee: string;
  address: string;
  committeePhone: string;
  keep: string;
  terminal: string;
  hotline: string;
}

export interface MediationReceiptInput {
  labels: MediationReceiptLabels;
  /** The dispute type's words. */
  category: string;
  applicantName: string;
  applicantPhone: string;
  /** Formatted for the language on screen. */
  submittedAt: string;
  /** The nearest people's mediation committee, from the directory; null when none is listed. */
  committee: { name: string; address: string; phone: string | null } | null;
  terminalName: string;
  hotline: string;
}

type Block = ReceiptBlock;

const text = receiptText;

export function mediationReceipt(r: MediationReceiptInput): ReceiptInput {
  const { labels } = r;
  const blocks: Block[] = [
    ...submissionReceiptHead(labels),
    { type: 'pair', label: labels.category, value: r.category },
    { type: 'pair', label: labels.applicant, value: maskName(r.applicantName) },
    { type: 'pair', label: labels.phone, value: maskPhone(r.applicantPhone) },
    { type: 'pair', label: labels.submittedAt, value: r.submittedAt },
    { type: 'rule', style: 'dashed' },
    ...text(labels.nextTitle, { bold: true }),
    ...text(labels.next),
    ...text(labels.free),
  ];
  if (r.committee !== null) {
    blocks.push(
      { type: 'rule', style: 'dashed' },
      ...text(labels.committee, { bold: true }),
      ...text(r.committee.name),
      { type: 'pair', label: labels.address, value: r.committee.address },
    );
    if (r.committee.phone !== null)
      blocks.push({ type: 'pair', label: labels.committeePhone, value: r.committee.phone, bold: true });
  }
  blocks.push(
    { type: 'rule', style: 'dashed' },
    ...text(labels.keep, { bold: true }),
    // No print time: the submission time above says when.
    ...receiptFooter({
      terminalName: r.terminalName,
      hotline: r.hotline,
      labels: { terminal: labels.terminal, hotline: labels.hotline },
    }),
  );
  return { blocks };
}
