import type { Align, TextSize } from '../../common/receipt/receipt';
import { decodePrintText } from './gb-text';
import type { PrinterEncoding } from './models';

/**
 * Reading ESC/POS back: the simulator uses it to tell status queries from
 * print data in a byte stream that arrives in arbitrary pieces, and tests use
 * it to see what a receipt would look like on paper. It knows the commands
 * our encoder sends and the common ones around them; anything else is
 * reported, not guessed.
 */

export type EscPosItem =
  | { kind: 'text'; bytes: Uint8Array }
  | { kind: 'line-feed' }
  | { kind: 'initialize' }
  | { kind: 'chinese-mode'; on: boolean }
  | { kind: 'align'; n: number }
  | { kind: 'bold'; on: boolean }
  | { kind: 'chinese-size'; n: number }
  | { kind: 'size'; n: number }
  | { kind: 'feed'; lines: number }
  | { kind: 'qr'; fn: number; params: Uint8Array }
  | { kind: 'cut'; partial: boolean }
  | { kind: 'status-query'; n: number }
  | { kind: 'code-page'; bytes: Uint8Array }
  | { kind: 'other'; bytes: Uint8Array }
  | { kind: 'unknown'; bytes: Uint8Array };

export interface ReadItem {
  item: EscPosItem;
  /** Offset just past the item. */
  end: number;
}

const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
const DLE = 0x10;
const LF = 0x0a;

/** ESC/FS/GS commands with one parameter byte that we recognise but do not interpret. */
const ONE_PARAM_OTHER: Record<number, ReadonlySet<number>> = {
  [ESC]: new Set([0x21, 0x2d, 0x33, 0x4a, 0x4d, 0x47, 0x20, 0x56, 0x7b, 0x63]),
  [FS]: new Set([0x2d, 0x57]),
  [GS]: new Set([0x42, 0x48, 0x66, 0x68, 0x77, 0x72, 0x61, 0x4c]),
};

/**
 * The item at `offset`, or undefined when the bytes end inside a command
 * (wait for more). A text run stops at the first control byte; GB codes
 * never contain one (lead bytes are ≥ 0x81, trail bytes ≥ 0x30).
 */
export function readEscPos(bytes: Uint8Array, offset: number): ReadItem | undefined {
  const at = (i: number) => bytes[offset + i];
  const need = (n: number) => offset + n <= bytes.length;
  const take = (n: number) => bytes.slice(offset, offset + n);
  const b0 = at(0);
  if (b0 === undefined) return undefined;
  const item = (it: EscPosItem, length: number): ReadItem => ({ item: it, end: offset + length });

  if (b0 >= 0x20 && b0 !== 0x7f) {
    let end = offset;
    while (end < bytes.length && bytes[end]! >= 0x20 && bytes[end] !== 0x7f) end++;
    return { item: { kind: 'text', bytes: bytes.slice(offset, end) }, end };
  }
  if (b0 === LF) return item({ kind: 'line-feed' }, 1);
  if (b0 !== ESC && b0 !== FS && b0 !== GS && b0 !== DLE) return item({ kind: 'unknown', bytes: take(1) }, 1);
  if (!need(2)) return undefined;
  const b1 = at(1)!;

  if (b0 === DLE) {
    if (b1 === 0x04 || b1 === 0x05) {
      if (!need(3)) return undefined;
      return b1 === 0x04 ? item({ kind: 'status-query', n: at(2)! }, 3) : item({ kind: 'other', bytes: take(3) }, 3);
    }
    if (b1 === 0x14) return need(5) ? item({ kind: 'other', bytes: take(5) }, 5) : undefined;
    return item({ kind: 'unknown', bytes: take(1) }, 1);
  }
  if (b0 === ESC && b1 === 0x40) return item({ kind: 'initialize' }, 2);
  if (b0 === FS && (b1 === 0x26 || b1 === 0x2e)) return item({ kind: 'chinese-mode', on: b1 === 0x26 }, 2);
  if (b0 === GS && b1 === 0x28) {
    if (!need(5)) return undefined;
    const length = 5 + at(3)! + at(4)! * 256;
    if (!need(length)) return undefined;
    if (at(2) === 0x6b && length >= 7 && at(5) === 0x31) {
      return item({ kind: 'qr', fn: at(6)!, params: bytes.slice(offset + 7, offset + length) }, length);
    }
    return item({ kind: 'other', bytes: take(length) }, length);
  }
  if (b0 === GS && b1 === 0x56) {
    if (!need(3)) return undefined;
    const m = at(2)!;
    if (m === 0x00 || m === 0x30 || m === 0x01 || m === 0x31)
      return item({ kind: 'cut', partial: m === 0x01 || m === 0x31 }, 3);
    if (m === 0x41 || m === 0x42) return need(4) ? item({ kind: 'cut', partial: m === 0x42 }, 4) : undefined;
    return item({ kind: 'unknown', bytes: take(3) }, 3);
  }
  if (b0 === ESC && b1 === 0x70) return need(5) ? item({ kind: 'other', bytes: take(5) }, 5) : undefined;

  if (!need(3)) return undefined;
  const n = at(2)!;
  if (b0 === ESC && b1 === 0x61) return item({ kind: 'align', n }, 3);
  if (b0 === ESC && b1 === 0x45) return item({ kind: 'bold', on: (n & 1) === 1 }, 3);
  if (b0 === ESC && b1 === 0x64) return item({ kind: 'feed', lines: n }, 3);
  if (b0 === FS && b1 === 0x21) return item({ kind: 'chinese-size', n }, 3);
  if (b0 === GS && b1 === 0x21) return item({ kind: 'size', n }, 3);
  // ESC t (code table) and FS C (Chinese code system) mid-receipt are what garble Chinese.
  if ((b0 === ESC && b1 === 0x74) || (b0 === FS && b1 === 0x43)) return item({ kind: 'code-page', bytes: take(3) }, 3);
  if (ONE_PARAM_OTHER[b0]?.has(b1)) return item({ kind: 'other', bytes: take(3) }, 3);
  return item({ kind: 'unknown', bytes: take(2) }, 2);
}

export interface DecodedLine {
  text: string;
  align: Align;
  bold: boolean;
  size: TextSize;
}

export interface DecodedQr {
  data: string;
  moduleSize: number | undefined;
  errorCorrection: 'L' | 'M' | 'Q' | 'H' | undefined;
}

export interface DecodedPrint {
  /** Printed lines, each ended by LF or `ESC d`. */
  lines: DecodedLine[];
  /** Symbols actually printed (`fn 51`), with the data stored before each. */
  qrCodes: DecodedQr[];
  cuts: number;
  /** Lines fed with `ESC d`. */
  fedLines: number;
  statusQueries: number[];
  /** What a real printer would garble or ignore; empty for a well-formed job. */
  problems: string[];
}

export interface DecodeOptions {
  encoding: PrinterEncoding;
  /** The printer is fixed in double-byte mode (no `FS &` needed). */
  chineseAlways?: boolean;
}

const GS_SIZES: Record<number, TextSize> = { 0x00: 'normal', 0x11: 'double', 0x10: 'wide', 0x01: 'tall' };
const FS_SIZES: Record<number, TextSize> = { 0x00: 'normal', 0x0c: 'double', 0x04: 'wide', 0x08: 'tall' };
const ALIGNS: Align[] = ['left', 'center', 'right'];
const EC_LEVELS = { 0x30: 'L', 0x31: 'M', 0x32: 'Q', 0x33: 'H' } as const;

/** Decodes a whole print job as the printer would print it. */
export function decodeEscPos(bytes: Uint8Array, options: DecodeOptions): DecodedPrint {
  const out: DecodedPrint = { lines: [], qrCodes: [], cuts: 0, fedLines: 0, statusQueries: [], problems: [] };
  const power = {
    chinese: options.chineseAlways === true,
    align: 'left' as Align,
    bold: false,
    size: 'normal' as TextSize,
  };
  let mode = { ...power };
  let pending = '';
  let lineStyle: Omit<DecodedLine, 'text'> | undefined;
  let qr: { stored: Uint8Array | undefined; moduleSize?: number; ec?: DecodedQr['errorCorrection'] } = {
    stored: undefined,
  };
  const flushLine = () => {
    out.lines.push({ text: pending, ...(lineStyle ?? { align: mode.align, bold: mode.bold, size: mode.size }) });
    pending = '';
    lineStyle = undefined;
  };

  let offset = 0;
  while (offset < bytes.length) {
    const read = readEscPos(bytes, offset);
    if (read === undefined) {
      out.problems.push(`job ends inside a command at byte ${offset}: ${hex(bytes.slice(offset))}`);
      break;
    }
    const { item } = read;
    switch (item.kind) {
      case 'text':
        // Alignment is fixed by the time a line's first character arrives.
        lineStyle ??= { align: mode.align, bold: mode.bold, size: mode.size };
        pending += decodeText(item.bytes, mode.chinese, options.encoding, offset, out.problems);
        break;
      case 'line-feed':
        flushLine();
        break;
      case 'initialize':
        if (pending !== '') out.problems.push(`ESC @ at byte ${offset} discards unprinted text "${pending}"`);
        pending = '';
        lineStyle = undefined;
        mode = { ...power };
        break;
      case 'chinese-mode':
        mode.chinese = item.on || options.chineseAlways === true;
        break;
      case 'align':
        if (pending !== '') out.problems.push(`ESC a at byte ${offset} is in the middle of a line and has no effect`);
        mode.align = ALIGNS[item.n % 48] ?? mode.align;
        break;
      case 'bold':
        mode.bold = item.on;
        break;
      case 'chinese-size':
        mode.size = FS_SIZES[item.n & 0x0c] ?? mode.size;
        break;
      case 'size': {
        const size = GS_SIZES[item.n];
        if (size === undefined) out.problems.push(`GS ! ${hex([item.n])} is not a size the layout uses`);
        mode.size = size ?? mode.size;
        break;
      }
      case 'feed':
        if (pending !== '') flushLine();
        out.fedLines += item.lines;
        break;
      case 'qr':
        if (item.fn === 0x43) qr.moduleSize = item.params[0];
        else if (item.fn === 0x45) qr.ec = EC_LEVELS[item.params[0] as keyof typeof EC_LEVELS];
        else if (item.fn === 0x50) qr.stored = item.params.slice(1);
        else if (item.fn === 0x51) {
          if (qr.stored === undefined) out.problems.push(`QR print at byte ${offset} with no data stored`);
          else
            out.qrCodes.push({
              data: new TextDecoder().decode(qr.stored),
              moduleSize: qr.moduleSize,
              errorCorrection: qr.ec,
            });
        }
        break;
      case 'cut':
        if (pending !== '') flushLine();
        out.cuts++;
        break;
      case 'status-query':
        out.statusQueries.push(item.n);
        break;
      case 'code-page':
        out.problems.push(`code page switch ${hex(item.bytes)} at byte ${offset}`);
        break;
      case 'other':
        break;
      case 'unknown':
        out.problems.push(`unknown command ${hex(item.bytes)} at byte ${offset}`);
        break;
    }
    offset = read.end;
    if (item.kind === 'initialize') qr = { stored: undefined };
  }
  if (pending !== '') out.problems.push(`text "${pending}" is never printed (no line feed after it)`);
  return out;
}

function decodeText(
  bytes: Uint8Array,
  chinese: boolean,
  encoding: PrinterEncoding,
  offset: number,
  problems: string[],
): string {
  if (!chinese) {
    if (bytes.some((b) => b >= 0x80)) problems.push(`bytes ≥ 0x80 outside double-byte mode at byte ${offset}`);
    return Array.from(bytes, (b) => String.fromCharCode(b)).join('');
  }
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const b1 = bytes[i + 1] ?? -1;
    if (b >= 0x81 && b <= 0xfe && b1 >= 0x30 && b1 <= 0x39) {
      if (encoding !== 'gb18030')
        problems.push(
          `four-byte GB18030 code ${hex(bytes.slice(i, i + 4))} sent to a ${encoding} printer at byte ${offset + i}`,
        );
      i += 4;
    } else if (b >= 0x81 && b <= 0xfe && b1 >= 0x40 && b1 <= 0xfe && b1 !== 0x7f) {
      i += 2;
    } else {
      problems.push(`invalid GB code ${hex(bytes.slice(i, i + 2))} at byte ${offset + i}`);
      i += 1;
    }
  }
  return decodePrintText(bytes, encoding);
}

export function hex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}
