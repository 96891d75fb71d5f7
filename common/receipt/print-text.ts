/**
 * Turning arbitrary text (a citizen's name, a lawyer's note, a law title)
 * into text a thermal printer can take.
 *
 * Done once, in common code, so the on-screen preview shows exactly the
 * characters that will be printed and the layout measures the same string the
 * encoder sends.
 */

/**
 * Printed in place of a character the printer cannot print. It is in both
 * GBK (A1 F5) and GB18030, and two columns wide like every character it
 * stands in for (printable ASCII is never replaced), so replacing never
 * changes the layout.
 */
export const REPLACEMENT_CHAR = '□';

/** Decides whether the printer's encoding and font can print one non-ASCII character. */
export type PrintablePredicate = (char: string) => boolean;

// Control characters would be read as ESC/POS commands: a name containing
// "\x1d\x56\x00" must not cut the paper.
const CONTROL = /^\p{Cc}$/u;
// Invisible or combining code points: printed from the Chinese font they would
// each take a blank or garbage two-column cell.
const INVISIBLE = /^[\p{Cf}\p{Mn}\p{Me}]$/u;
// Lone surrogates cannot be encoded at all; private-use and unassigned code
// points map to printer-specific user-defined areas.
const UNPRINTABLE = /^[\p{Cs}\p{Co}\p{Cn}]$/u;
// NBSP and the typographic spaces are not in GBK; the ideographic space
// U+3000 is, and keeps its two-column width for indenting Chinese paragraphs.
const OTHER_SPACE = /^\p{Zs}$/u;

/**
 * Text as it will be printed: NFC, line breaks as `\n`, tabs and odd spaces
 * as a plain space, `¥` as the full-width `￥` (in GBK and GB18030 alike,
 * where `¥` is `?` or four bytes), controls and invisible marks removed, and
 * whatever `printable` rejects replaced by {@link REPLACEMENT_CHAR}.
 * `printable` is consulted for non-ASCII characters only; ASCII always prints.
 */
export function normalizePrintText(text: string, printable?: PrintablePredicate): string {
  const unified = text
    .normalize('NFC')
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/\u00a5/g, '\uffe5');
  let out = '';
  for (const ch of unified) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0x7e && cp >= 0x20) out += ch;
    else if (ch === '\n') out += ch;
    else if (CONTROL.test(ch) || INVISIBLE.test(ch)) continue;
    else if (UNPRINTABLE.test(ch)) out += REPLACEMENT_CHAR;
    else if (cp !== 0x3000 && OTHER_SPACE.test(ch)) out += ' ';
    else if (printable !== undefined && !printable(ch)) out += REPLACEMENT_CHAR;
    else out += ch;
  }
  return out;
}

/** Like {@link normalizePrintText} for one-line fields (labels, values): line breaks become spaces. */
export function normalizePrintLine(text: string, printable?: PrintablePredicate): string {
  return normalizePrintText(text, printable).replace(/\n/g, ' ');
}
