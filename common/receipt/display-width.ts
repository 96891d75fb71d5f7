/**
 * Widths in receipt-printer columns (Font A: 12 dots per column).
 *
 * The rule is the printer's, not a screen's. A Chinese ESC/POS printer in
 * double-byte mode (`FS &`) prints every byte below 0x80 from its half-width
 * ASCII font and every GB code (two or four bytes) from its Chinese font,
 * whose cells are 24 dots — two columns. So `é`, `─`, `·` and `“`, narrow on
 * a screen, take two columns on paper just like `中`. Counting them as one
 * would overflow the line and the printer would wrap it somewhere we did not
 * choose, and the preview would no longer match the paper.
 */

/** Normal-font columns per paper width: 384 dots / 12 and 576 dots / 12. */
export const COLUMNS_BY_PAPER_MM = { 58: 32, 80: 48 } as const;
export type PaperWidthMm = keyof typeof COLUMNS_BY_PAPER_MM;

export function columnsForPaper(paperWidthMm: PaperWidthMm): number {
  return COLUMNS_BY_PAPER_MM[paperWidthMm];
}

/**
 * Columns one code point takes on paper: 1 for printable ASCII, 0 for
 * control characters (they never reach the printer as text), 2 for
 * everything else.
 */
export function charColumns(codePoint: number): 0 | 1 | 2 {
  if (codePoint >= 0x20 && codePoint <= 0x7e) return 1;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) return 0;
  return 2;
}

/** Columns `text` takes on one line; surrogate pairs count as one character. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charColumns(ch.codePointAt(0)!);
  return width;
}
