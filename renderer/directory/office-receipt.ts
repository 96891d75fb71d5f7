import { QR_MAX_BYTES, type ReceiptInput, utf8Length } from '../../common/receipt/receipt';
import { type ReceiptBlock, receiptFooter, receiptText } from '../print/receipt-builder';

/**
 * An office's details on paper (机构查询 → 打印): name, what kind of office
 * and where it serves, address, hours, phone in large print, its services,
 * and a QR code of its map link when it has one. A sample entry says so in
 * words at the top. Pure, like renderer/print/receipt-builder.ts: the screen
 * passes every word in the language on screen and the time, so the preview
 * is what prints. The office's own details stay as written (Chinese).
 */

export interface OfficeForPrint {
  name: string;
  /** Already in words: 法律援助中心. */
  kind: string;
  /** Already in words: 本区. */
  scope: string;
  address: string;
  hours: string | null;
  phone: string | null;
  services: readonly string[];
  mapUrl: string | null;
  demo: boolean;
}

export interface OfficeReceiptLabels {
  title: string;
  kind: string;
  scope: string;
  address: string;
  hours: string;
  phone: string;
  services: string;
  /** The line printed on sample entries. */
  demo: string;
  /** Caption under the map code. */
  map: string;
  terminal: string;
  printedAt: string;
  hotline: string;
}

export interface OfficeReceiptContext {
  terminalName: string;
  printedAt: string;
  hotline: string;
  labels: OfficeReceiptLabels;
}

type Block = ReceiptBlock;

const text = receiptText;

/** A link the printer's QR store takes: short enough, no control characters. */
export function printableQr(data: string | null): data is string {
  return data !== null && data.trim() !== '' && utf8Length(data) <= QR_MAX_BYTES && !/\p{Cc}/u.test(data);
}

export function officeReceipt(office: OfficeForPrint, ctx: OfficeReceiptContext): ReceiptInput {
  const { labels } = ctx;
  const blocks: Block[] = [
    ...text(labels.title, { align: 'center', bold: true, size: 'double' }),
    { type: 'rule', style: 'solid' },
  ];
  if (office.demo) blocks.push(...text(labels.demo, { bold: true }), { type: 'rule', style: 'dashed' });
  blocks.push(
    ...text(office.name, { bold: true }),
    { type: 'pair', label: labels.kind, value: office.kind },
    { type: 'pair', label: labels.scope, value: office.scope },
    { type: 'rule', style: 'dashed' },
    ...text(`${labels.address}：${office.address}`),
  );
  if (office.hours !== null) blocks.push(...text(`${labels.hours}：${office.hours}`));
  if (office.phone !== null)
    blocks.push(...text(`${labels.phone}：`), ...text(office.phone, { bold: true, size: 'tall' }));
  if (office.services.length > 0) blocks.push(...text(`${labels.services}：${office.services.join('、')}`));
  if (printableQr(office.mapUrl)) blocks.push({ type: 'qr', data: office.mapUrl, caption: labels.map });
  blocks.push(...receiptFooter(ctx));
  return { blocks };
}
