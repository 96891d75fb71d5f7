import { layoutReceipt, type ReceiptLayout } from '../../common/receipt/layout';
import { QR_MAX_BYTES, type Align, type Receipt, type TextSize } from '../../common/receipt/receipt';
import { encodePrintText, printableFor } from './gb-text';
import type { PrinterModel } from './models';

/**
 * ESC/POS for Chinese receipts. The encoder only makes bytes; sending them is
 * the transport's job (printer.ts), so every byte is testable without a port.
 */

const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
const LF = 0x0a;

const ALIGN_CODE: Record<Align, number> = { left: 0, center: 1, right: 2 };
/** `FS !` for Chinese characters: bit 2 double width, bit 3 double height. */
const FS_SIZE: Record<TextSize, number> = { normal: 0x00, wide: 0x04, tall: 0x08, double: 0x0c };
/** `GS !`: width multiplier in the high nibble, height in the low one. */
const GS_SIZE: Record<TextSize, number> = { normal: 0x00, wide: 0x10, tall: 0x01, double: 0x11 };
const QR_ERROR_CORRECTION = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 } as const;

export type EncoderErrorCode = 'not-in-chinese-mode' | 'qr-unsupported' | 'qr-too-long' | 'bad-argument';

export class EncoderError extends Error {
  override readonly name = 'EncoderError';
  constructor(
    readonly code: EncoderErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The model fields the encoder needs; a full {@link PrinterModel} will do. */
export type EncoderModel = Pick<PrinterModel, 'encoding' | 'chineseMode' | 'cutter' | 'feedBeforeCut' | 'qr'>;

export class EscPosEncoder {
  private readonly chunks: Uint8Array[] = [];
  private chinese: boolean;

  constructor(private readonly model: EncoderModel) {
    this.chinese = model.chineseMode === 'always';
  }

  /** `ESC @`: clears the buffer and every mode, including double-byte mode. */
  initialize(): this {
    this.chinese = this.model.chineseMode === 'always';
    return this.raw([ESC, 0x40]);
  }

  /** `FS &` / `FS .`. On a printer fixed in double-byte mode there is nothing to send. */
  chineseMode(on = true): this {
    if (this.model.chineseMode === 'always') return this;
    this.chinese = on;
    return this.raw([FS, on ? 0x26 : 0x2e]);
  }

  /** `ESC a n`; takes effect only at the start of a line. */
  align(align: Align): this {
    return this.raw([ESC, 0x61, ALIGN_CODE[align]]);
  }

  /** `ESC E n`. */
  bold(on: boolean): this {
    return this.raw([ESC, 0x45, on ? 1 : 0]);
  }

  /**
   * `FS !` then `GS !`: some printers size Chinese characters by one and ASCII
   * by the other, and where both apply the last one wins, so both are sent
   * and agree.
   */
  size(size: TextSize): this {
    return this.raw([FS, 0x21, FS_SIZE[size], GS, 0x21, GS_SIZE[size]]);
  }

  /**
   * Text in the model's encoding, normalized as the layout does (`¥` → `￥`,
   * controls removed, unprintable characters → `□`). Anything beyond ASCII
   * needs double-byte mode: outside it the printer would read GB bytes as
   * single-byte code-page characters.
   */
  text(text: string): this {
    const bytes = encodePrintText(text, this.model.encoding);
    if (!this.chinese && bytes.some((b) => b >= 0x80)) {
      throw new EncoderError('not-in-chinese-mode', 'non-ASCII text needs chineseMode() first');
    }
    return this.raw(bytes);
  }

  /** Text and a line feed, which prints the line. */
  line(text: string): this {
    return this.text(text).newline();
  }

  newline(count = 1): this {
    return this.raw(new Array<number>(checkCount(count, 1, 255)).fill(LF));
  }

  /** `ESC d n`: print and feed `lines` lines. */
  feed(lines: number): this {
    return this.raw([ESC, 0x64, checkCount(lines, 0, 255)]);
  }

  /** Model 2 QR code from `data` (UTF-8), stored then printed with the model's module size and error correction. */
  qr(data: string): this {
    const qr = this.model.qr;
    if (qr === null) throw new EncoderError('qr-unsupported', 'this printer model has no QR command');
    const payload = new TextEncoder().encode(data);
    if (payload.length === 0 || payload.length > QR_MAX_BYTES) {
      throw new EncoderError('qr-too-long', `QR data must be 1–${QR_MAX_BYTES} bytes, got ${payload.length}`);
    }
    const stored = payload.length + 3;
    return this.raw([GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00])
      .raw([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, qr.moduleSize])
      .raw([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, QR_ERROR_CORRECTION[qr.errorCorrection]])
      .raw([GS, 0x28, 0x6b, stored & 0xff, stored >> 8, 0x31, 0x50, 0x30])
      .raw(payload)
      .raw([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]);
  }

  /**
   * Ends the slip as the model can: `full` feeds the last line past the blade
   * and cuts (`GS V 0`); `partial` lets the printer feed to the blade itself
   * (`GS V 66 n`); `none` only feeds it past the tear bar.
   */
  cut(): this {
    const { cutter, feedBeforeCut } = this.model;
    switch (cutter) {
      case 'full':
        if (feedBeforeCut > 0) this.feed(feedBeforeCut);
        return this.raw([GS, 0x56, 0x00]);
      case 'partial':
        return this.raw([GS, 0x56, 0x42, feedBeforeCut]);
      case 'none':
        return feedBeforeCut > 0 ? this.feed(feedBeforeCut) : this;
    }
  }

  raw(bytes: ArrayLike<number>): this {
    this.chunks.push(Uint8Array.from(bytes));
    return this;
  }

  encode(): Uint8Array {
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

function checkCount(n: number, min: number, max: number): number {
  if (!Number.isInteger(n) || n < min || n > max)
    throw new EncoderError('bad-argument', `expected an integer ${min}–${max}, got ${n}`);
  return n;
}

/** The receipt laid out for this printer: what it will print and what the screen should show. */
export function layoutForModel(receipt: Receipt, model: PrinterModel): ReceiptLayout {
  return layoutReceipt(receipt, {
    columns: model.columns,
    qr: model.qr !== null,
    printable: printableFor(model.encoding),
  });
}

/**
 * One print job: initialise, double-byte mode, the laid-out lines (style
 * commands only where the style changes), and double-byte mode off again so
 * the printer is left as it started.
 */
export function renderReceipt(receipt: Receipt, model: PrinterModel): Uint8Array {
  const encoder = new EscPosEncoder(model).initialize().chineseMode();
  // What ESC @ leaves the printer in.
  let align: Align = 'left';
  let bold = false;
  let size: TextSize = 'normal';
  const setAlign = (a: Align) => {
    if (a !== align) encoder.align(a);
    align = a;
  };
  for (const line of layoutForModel(receipt, model).lines) {
    switch (line.kind) {
      case 'text':
        setAlign(line.align);
        if (line.bold !== bold) encoder.bold(line.bold);
        if (line.size !== size) encoder.size(line.size);
        bold = line.bold;
        size = line.size;
        encoder.line(line.text);
        break;
      case 'qr':
        setAlign('center');
        encoder.qr(line.data);
        break;
      case 'feed':
        encoder.feed(line.lines);
        break;
      case 'cut':
        encoder.cut();
        break;
    }
  }
  return encoder.chineseMode(false).encode();
}
