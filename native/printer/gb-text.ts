import iconv from 'iconv-lite';
import { normalizePrintText, type PrintablePredicate } from '../../common/receipt/print-text';
import type { PrinterEncoding } from './models';

/**
 * Text in the printer's double-byte encoding. iconv-lite's `gbk` is the same
 * table as `gb2312`, `euc-cn` and `cp936`; `gb18030` adds four-byte sequences,
 * which only printers with a GB18030 font can print.
 */

/**
 * Whether `bytes` are one character as the printer reads it in `FS &` mode:
 * a byte below 0x80 is ASCII and any byte from 0x80 up starts a GB code. So
 * GBK's one-byte `€` (0x80) would swallow the next byte and is not printable.
 */
function isPrinterCharacter(bytes: Uint8Array, encoding: PrinterEncoding): boolean {
  const [b0 = -1, b1 = -1, b2 = -1, b3 = -1] = bytes;
  const lead = (b: number) => b >= 0x81 && b <= 0xfe;
  if (bytes.length === 1) return b0 < 0x80;
  if (bytes.length === 2) return lead(b0) && b1 >= 0x40 && b1 <= 0xfe && b1 !== 0x7f;
  const digit = (b: number) => b >= 0x30 && b <= 0x39;
  return encoding === 'gb18030' && bytes.length === 4 && lead(b0) && digit(b1) && lead(b2) && digit(b3);
}

const cache: Record<PrinterEncoding, Map<string, boolean>> = { gb18030: new Map(), gbk: new Map() };

/**
 * Whether the printer can print `char` (one code point). Detected by a round
 * trip: iconv-lite writes `?` for what the table lacks, which must not be
 * mistaken for a real `?`.
 */
export function canPrint(char: string, encoding: PrinterEncoding): boolean {
  const known = cache[encoding].get(char);
  if (known !== undefined) return known;
  const bytes = iconv.encode(char, encoding);
  const ok = iconv.decode(bytes, encoding) === char && isPrinterCharacter(bytes, encoding);
  cache[encoding].set(char, ok);
  return ok;
}

export function printableFor(encoding: PrinterEncoding): PrintablePredicate {
  return (char) => canPrint(char, encoding);
}

/**
 * Bytes for `text` in double-byte mode, after the same normalization the
 * layout uses (so `¥` becomes `￥` and unprintable characters `□`). Every
 * character goes through the one table: switching code pages mid-text is
 * what garbles Chinese on these printers.
 */
export function encodePrintText(text: string, encoding: PrinterEncoding): Uint8Array {
  const normalized = normalizePrintText(text, printableFor(encoding));
  return new Uint8Array(iconv.encode(normalized, encoding));
}

export function decodePrintText(bytes: Uint8Array, encoding: PrinterEncoding): string {
  return iconv.decode(bytes, encoding);
}
