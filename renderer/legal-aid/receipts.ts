import type { ReceiptInput } from '../../common/receipt/receipt';
import { maskIdNumber, maskName, maskPhone } from '../../common/redact';
import { type ReceiptBlock, receiptFooter, receiptText, submissionReceiptHead } from '../print/receipt-builder';

/**
 * The two legal-aid slips. Pure: the screen passes every word already
 * translated (the language on screen) and the time, so what the citizen sees
 * is what prints.
 *
 * - The application receipt is a template: the service puts the reference
 *   number it allocates, in the same transaction that stores the application,
 *   wherever `{{reference}}` stands. The name, the ID number
 *   and the phone number are printed masked (李**, 420***********0241,
 *   138****5678), as on the mediation receipt — a slip left at the kiosk must
 *   not tell a stranger who applied for legal aid, nor give them an ID
 *   number. The reference on the slip is what the office asks for.
 * - The check result holds no personal data at all.
 */

type Block = ReceiptBlock;

export interface OfficeForReceipt {
  name: string;
  address: string;
  phone: string | null;
  hours: string | null;
  demo: boolean;
}

export interface ReceiptFooter {
  terminalName: string;
  /** Already formatted for the language on screen. */
  printedAt: string;
  hotline: string;
  labels: { terminal: string; printedAt: string; hotline: string };
}

export interface ApplicationReceiptInput {
  labels: {
    title: string;
    reference: string;
    qrCaption: string;
    applicant: string;
    idNumber: string;
    phone: string;
    matter: string;
    submittedAt: string;
    next: string;
    materials: string;
    office: string;
    address: string;
    officePhone: string;
    hours: string;
    demo: string;
    keep: string;
  };
  applicant: { name: string; idNumber: string; phone: string };
  /** The matter's category, in words. */
  matter: string;
  /** What happens next, one sentence each ("7天内决定…"). */
  nextSteps: readonly string[];
  /** What to bring, one item each. */
  materials: readonly string[];
  office: OfficeForReceipt | null;
  footer: ReceiptFooter;
}

/**
 * Titles and the reference print double height but normal width ('tall'):
 * double width would break "法律援助申请回执" and a 14-character reference
 * over two lines even on 80 mm paper (24 double-width columns).
 */
const text = receiptText;

function list(items: readonly string[]): Block[] {
  return items.flatMap((item, i) => text(`${i + 1}. ${item}`));
}

type OfficeLabels = Pick<ApplicationReceiptInput['labels'], 'office' | 'address' | 'officePhone' | 'hours' | 'demo'>;

function officeBlocks(office: OfficeForReceipt | null, labels: OfficeLabels): Block[] {
  if (office === null) return [];
  const blocks: Block[] = [
    { type: 'rule', style: 'dashed' },
    ...text(labels.office, { bold: true }),
    ...text(office.name, { bold: true }),
  ];
  if (office.demo) blocks.push(...text(labels.demo));
  blocks.push({ type: 'pair', label: labels.address, value: office.address.slice(0, 400) });
  if (office.phone !== null) blocks.push({ type: 'pair', label: labels.officePhone, value: office.phone, bold: true });
  if (office.hours !== null) blocks.push({ type: 'pair', label: labels.hours, value: office.hours.slice(0, 400) });
  return blocks;
}

/** The receipt sent with the application: the reference large and as a QR code, what happens next, the office, who applied (masked). */
export function applicationReceipt(input: ApplicationReceiptInput): ReceiptInput {
  const { labels } = input;
  return {
    blocks: [
      ...submissionReceiptHead(labels, 'tall'),
      { type: 'pair', label: labels.applicant, value: maskName(input.applicant.name) },
      { type: 'pair', label: labels.idNumber, value: maskIdNumber(input.applicant.idNumber) },
      { type: 'pair', label: labels.phone, value: maskPhone(input.applicant.phone) },
      { type: 'pair', label: labels.matter, value: input.matter },
      { type: 'pair', label: labels.submittedAt, value: input.footer.printedAt },
      { type: 'rule', style: 'dashed' },
      ...text(labels.next, { bold: true }),
      ...list(input.nextSteps),
      ...(input.materials.length > 0 ? [...text(labels.materials, { bold: true }), ...list(input.materials)] : []),
      ...officeBlocks(input.office, labels),
      { type: 'rule', style: 'dashed' },
      ...text(labels.keep, { bold: true }),
      ...receiptFooter(input.footer),
    ],
  };
}

export interface ResultReceiptInput {
  labels: {
    title: string;
    outcome: string;
    why: string;
    articles: string;
    materials: string;
    where: string;
    timeLimits: string;
    office: string;
    address: string;
    officePhone: string;
    hours: string;
    demo: string;
  };
  /** The outcome in words. */
  outcome: string;
  /** Hardship review, the route: short lines under the outcome. */
  notes: readonly string[];
  reasons: readonly string[];
  /** "法律援助法 第四十二条". */
  articles: readonly string[];
  materials: readonly string[];
  /** Art. 38 in words. */
  where: string | null;
  office: OfficeForReceipt | null;
  timeLimits: readonly string[];
  /** "以上只是初步判断…". */
  disclaimer: string;
  footer: ReceiptFooter;
}

/** "打印这份结果": what the check said and why, what to bring, where to go. No personal data. */
export function resultReceipt(input: ResultReceiptInput): ReceiptInput {
  const { labels } = input;
  const blocks: Block[] = [
    ...text(labels.title, { align: 'center', bold: true, size: 'tall' }),
    { type: 'rule', style: 'solid' },
    ...text(labels.outcome, { bold: true }),
    ...text(input.outcome, { bold: true, size: 'tall' }),
    ...input.notes.flatMap((n) => text(n)),
  ];
  if (input.reasons.length > 0)
    blocks.push({ type: 'rule', style: 'dashed' }, ...text(labels.why, { bold: true }), ...list(input.reasons));
  if (input.articles.length > 0)
    blocks.push(...text(labels.articles, { bold: true }), ...text(input.articles.join('、')));
  if (input.materials.length > 0)
    blocks.push({ type: 'rule', style: 'dashed' }, ...text(labels.materials, { bold: true }), ...list(input.materials));
  if (input.where !== null)
    blocks.push({ type: 'rule', style: 'dashed' }, ...text(labels.where, { bold: true }), ...text(input.where));
  blocks.push(...officeBlocks(input.office, labels));
  if (input.timeLimits.length > 0)
    blocks.push(
      { type: 'rule', style: 'dashed' },
      ...text(labels.timeLimits, { bold: true }),
      ...list(input.timeLimits),
    );
  blocks.push({ type: 'rule', style: 'dashed' }, ...text(input.disclaimer), ...receiptFooter(input.footer));
  return { blocks };
}
