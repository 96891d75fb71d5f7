import type { ReceiptInput } from '../../common/receipt/receipt';
import { maskPhone } from '../../common/redact';
import { type ReceiptBlock, receiptFooter, receiptText, submissionReceiptHead } from '../print/receipt-builder';

/**
 * The receipt of a callback request (请律师回电), as a template: the service
 * fills in the reference number in the transaction that stores the request.
 * Pure: the screen passes the words in the language on screen and the time.
 * The number to call is printed masked (138****5678): a receipt left in the
 * tray must not hand a stranger the citizen's number.
 */

/** The printed words, from the catalogue (`videoCall.callback.receipt.*`). */
export interface CallbackReceiptLabels {
  title: string;
  reference: string;
  qrCaption: string;
  phone: string;
  topic: string;
  submittedAt: string;
  next: string;
  terminal: string;
  hotline: string;
}

export interface CallbackReceiptInput {
  labels: CallbackReceiptLabels;
  phone: string;
  /** The topic's words. */
  topic: string;
  /** Formatted for the language on screen. */
  submittedAt: string;
  terminalName: string;
  hotline: string;
}

const text = receiptText;

export function callbackReceipt(r: CallbackReceiptInput): ReceiptInput {
  const { labels } = r;
  const blocks: ReceiptBlock[] = [
    ...submissionReceiptHead(labels),
    { type: 'pair', label: labels.phone, value: maskPhone(r.phone) },
    { type: 'pair', label: labels.topic, value: r.topic },
    { type: 'pair', label: labels.submittedAt, value: r.submittedAt },
    { type: 'rule', style: 'dashed' },
    ...text(labels.next, { bold: true }),
    ...receiptFooter({
      terminalName: r.terminalName,
      hotline: r.hotline,
      labels: { terminal: labels.terminal, hotline: labels.hotline },
    }),
  ];
  return { blocks };
}
