import { z } from 'zod';

/**
 * A receipt as a small typed document. It says what to print, not how: the
 * same receipt is laid out for a 58 mm or an 80 mm printer (the width belongs
 * to the printer, see `layoutReceipt`) and rendered both to ESC/POS bytes and
 * to the on-screen preview.
 */

export const ALIGNS = ['left', 'center', 'right'] as const;
export const Align = z.enum(ALIGNS);
export type Align = z.infer<typeof Align>;

/** `double` is double width and height, `tall` double height, `wide` double width. */
export const TEXT_SIZES = ['normal', 'double', 'tall', 'wide'] as const;
export const TextSize = z.enum(TEXT_SIZES);
export type TextSize = z.infer<typeof TextSize>;

/**
 * At module size 6 a version-11 symbol (61 modules, 251 bytes at error
 * correction M) is 366 dots: the largest that fits a 58 mm printer's 384.
 */
export const QR_MAX_BYTES = 250;

/** UTF-8 length without TextEncoder, which pure code does not have. */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

export const TextBlock = z.strictObject({
  type: z.literal('text'),
  /** `\n` starts a new line; everything else wraps at the paper width. */
  text: z.string().max(4000),
  align: Align.default('left'),
  bold: z.boolean().default(false),
  size: TextSize.default('normal'),
});

/** A label on the left and its value on the right, e.g. 参考编号 … ABC-123. */
export const PairBlock = z.strictObject({
  type: z.literal('pair'),
  label: z.string().max(100),
  value: z.string().max(400),
  bold: z.boolean().default(false),
});

/** A full-width line: `solid` is drawn with ─, `dashed` with -. */
export const RuleBlock = z.strictObject({
  type: z.literal('rule'),
  style: z.enum(['solid', 'dashed']).default('solid'),
});

export const QrBlock = z.strictObject({
  type: z.literal('qr'),
  data: z
    .string()
    .min(1)
    .refine((s) => utf8Length(s) <= QR_MAX_BYTES, `expected at most ${QR_MAX_BYTES} bytes of QR data (UTF-8)`)
    // A printer without QR support prints the data as text instead.
    .refine((s) => !/\p{Cc}/u.test(s), 'QR data may not contain control characters'),
  /** Printed centred under the code, e.g. 扫码查询办理进度. */
  caption: z.string().max(200).optional(),
});

export const FeedBlock = z.strictObject({
  type: z.literal('feed'),
  lines: z.number().int().min(1).max(10),
});

export const CutBlock = z.strictObject({ type: z.literal('cut') });

export const ReceiptBlock = z.discriminatedUnion('type', [
  TextBlock,
  PairBlock,
  RuleBlock,
  QrBlock,
  FeedBlock,
  CutBlock,
]);
export type ReceiptBlock = z.output<typeof ReceiptBlock>;

export const Receipt = z.strictObject({
  blocks: z.array(ReceiptBlock).min(1).max(300),
});
/** A parsed receipt, every default filled in. */
export type Receipt = z.output<typeof Receipt>;
/** What a caller writes before `Receipt.parse` fills in the defaults. */
export type ReceiptInput = z.input<typeof Receipt>;

/** The block with every piece of text in it (text, pair label and value, QR data and caption) passed through `f`. */
export function mapBlockText(block: ReceiptBlock, f: (s: string) => string): ReceiptBlock {
  switch (block.type) {
    case 'text':
      return { ...block, text: f(block.text) };
    case 'pair':
      return { ...block, label: f(block.label), value: f(block.value) };
    case 'qr':
      return { ...block, data: f(block.data), ...(block.caption !== undefined ? { caption: f(block.caption) } : {}) };
    default:
      return block;
  }
}
