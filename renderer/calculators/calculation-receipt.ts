import type { ReceiptInput } from '../../common/receipt/receipt';
import { type ReceiptBlock, receiptFooter, receiptText } from '../print/receipt-builder';

/**
 * A calculator's result on paper (算一算 → 打印): the figure, what was
 * entered, each step of the sum with the provisions it rests on, the notes,
 * and that it is an estimate. Pure, like renderer/print/receipt-builder.ts:
 * the screen passes the words, already translated and formatted, and the
 * time, so the preview is exactly what prints.
 */

export interface CalculationForPrint {
  /** The calculator's name: 经济补偿金. */
  name: string;
  /** The figure as shown: 288,000.00 元. */
  amount: string;
  /** 大写：人民币贰拾捌万捌仟元整. */
  capitals: string;
  inputs: readonly { label: string; value: string }[];
  steps: readonly { text: string; basis: string }[];
  notes: readonly string[];
  /** Every provision, as the law writes it: 劳动合同法 第四十七条. */
  cites: readonly string[];
  /** 这是估算，具体以仲裁委/法院认定为准。 */
  disclaimer: string;
}

export interface CalculationReceiptLabels {
  title: string;
  amount: string;
  inputs: string;
  steps: string;
  notes: string;
  cites: string;
  terminal: string;
  printedAt: string;
  hotline: string;
}

export interface CalculationReceiptContext {
  terminalName: string;
  printedAt: string;
  hotline: string;
  labels: CalculationReceiptLabels;
}

type Block = ReceiptBlock;

const text = receiptText;

/** A pair block holds a label of at most 100 and a value of at most 400 characters; longer ones print as a line of text. */
function pair(label: string, value: string): Block[] {
  return [...label].length <= 100 && [...value].length <= 400
    ? [{ type: 'pair', label, value }]
    : text(`${label}：${value}`);
}

export function calculationReceipt(calc: CalculationForPrint, ctx: CalculationReceiptContext): ReceiptInput {
  const { labels } = ctx;
  const blocks: Block[] = [
    ...text(labels.title, { align: 'center', bold: true, size: 'double' }),
    ...text(calc.name, { align: 'center', bold: true }),
    { type: 'rule', style: 'solid' },
    ...text(labels.amount),
    ...text(calc.amount, { bold: true, size: 'double' }),
    ...text(calc.capitals),
    ...text(calc.disclaimer, { bold: true }),
  ];
  if (calc.inputs.length > 0) {
    blocks.push({ type: 'rule', style: 'dashed' }, ...text(labels.inputs, { bold: true }));
    for (const { label, value } of calc.inputs) blocks.push(...pair(label, value));
  }
  if (calc.steps.length > 0) {
    blocks.push({ type: 'rule', style: 'dashed' }, ...text(labels.steps, { bold: true }));
    calc.steps.forEach((s, i) => {
      blocks.push(...text(`${i + 1}. ${s.text}`));
      if (s.basis !== '') blocks.push(...text(`   ${s.basis}`));
    });
  }
  if (calc.notes.length > 0) {
    blocks.push({ type: 'rule', style: 'dashed' }, ...text(labels.notes, { bold: true }));
    for (const note of calc.notes) blocks.push(...text(`· ${note}`));
  }
  if (calc.cites.length > 0) {
    blocks.push({ type: 'rule', style: 'dashed' }, ...text(labels.cites, { bold: true }));
    for (const cite of calc.cites) blocks.push(...text(cite));
  }
  blocks.push(...receiptFooter(ctx));
  return { blocks };
}
