import { z } from 'zod';
import { charColumns, displayWidth } from './display-width';
import { normalizePrintLine, normalizePrintText, type PrintablePredicate } from './print-text';
import { Align, TextSize, type Receipt, type ReceiptBlock } from './receipt';

/**
 * Receipt layout: the one place where a receipt becomes lines. The ESC/POS
 * encoder prints these lines and the on-screen preview draws them, so what a
 * citizen sees is what prints: same breaks, same characters (replacements
 * included), same alignment and sizes.
 */

export const LayoutLine = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    /** Exactly what is printed on this line; never wider than the line allows. */
    text: z.string(),
    /** Columns of `text` in its own (unscaled) glyphs. */
    width: z.number().int().nonnegative(),
    align: Align,
    bold: z.boolean(),
    size: TextSize,
  }),
  /** The renderer draws the symbol from `data`; the printer builds its own from the same bytes. */
  z.object({ kind: z.literal('qr'), data: z.string() }),
  z.object({ kind: z.literal('feed'), lines: z.number().int().positive() }),
  z.object({ kind: z.literal('cut') }),
]);
export type LayoutLine = z.infer<typeof LayoutLine>;
export type TextLine = Extract<LayoutLine, { kind: 'text' }>;

/** Also the preview model the service sends to the screen. */
export const ReceiptLayout = z.object({
  columns: z.number().int().min(2),
  lines: z.array(LayoutLine),
});
export type ReceiptLayout = z.infer<typeof ReceiptLayout>;

export interface LayoutOptions {
  /** Normal-font columns of the printer: 32 on 58 mm, 48 on 80 mm. */
  columns: number;
  /** False for printers without QR support: the data is then printed as text. */
  qr?: boolean;
  /** The printer's character check; without it every character is assumed printable. */
  printable?: PrintablePredicate;
}

/** How much wider and taller than normal a size prints. */
export function sizeScale(size: TextSize): { width: 1 | 2; height: 1 | 2 } {
  switch (size) {
    case 'double':
      return { width: 2, height: 2 };
    case 'wide':
      return { width: 2, height: 1 };
    case 'tall':
      return { width: 1, height: 2 };
    case 'normal':
      return { width: 1, height: 1 };
  }
}

export function layoutReceipt(receipt: Receipt, options: LayoutOptions): ReceiptLayout {
  const { columns } = options;
  if (!Number.isInteger(columns) || columns < 4)
    throw new RangeError(`a receipt needs at least 4 columns, got ${columns}`);
  const lines: LayoutLine[] = [];
  for (const block of receipt.blocks) lines.push(...layoutBlock(block, options));
  return { columns, lines };
}

function layoutBlock(block: ReceiptBlock, { columns, qr = true, printable }: LayoutOptions): LayoutLine[] {
  const text = (t: string, align: Align, bold: boolean, size: TextSize): TextLine => ({
    kind: 'text',
    text: t,
    width: displayWidth(t),
    align,
    bold,
    size,
  });
  switch (block.type) {
    case 'text': {
      const perLine = Math.floor(columns / sizeScale(block.size).width);
      return wrapText(normalizePrintText(block.text, printable), perLine).map((t) =>
        text(t, block.align, block.bold, block.size),
      );
    }
    case 'pair': {
      const label = normalizePrintLine(block.label, printable).trim();
      const value = normalizePrintLine(block.value, printable).trim();
      const gap = columns - displayWidth(label) - displayWidth(value);
      if (gap >= 1) return [text(label + ' '.repeat(gap) + value, 'left', block.bold, 'normal')];
      // Too long for one line: the label reads first, the value stays on the right.
      return [
        ...wrapText(label, columns).map((t) => text(t, 'left', block.bold, 'normal')),
        ...wrapText(value, columns).map((t) => text(t, 'right', block.bold, 'normal')),
      ];
    }
    case 'rule': {
      const solid = block.style === 'solid' && (printable === undefined || printable('─'));
      const t = solid ? '─'.repeat(Math.floor(columns / 2)) : '-'.repeat(columns);
      return [text(t, 'left', false, 'normal')];
    }
    case 'qr': {
      const caption =
        block.caption === undefined
          ? []
          : wrapText(normalizePrintText(block.caption, printable), columns).map((t) =>
              text(t, 'center', false, 'normal'),
            );
      // Without QR support the data (usually a URL or a reference) is still worth having on paper.
      const code: LayoutLine[] = qr
        ? [{ kind: 'qr', data: block.data }]
        : wrapText(normalizePrintText(block.data, printable), columns).map((t) => text(t, 'center', false, 'normal'));
      return [...code, ...caption];
    }
    case 'feed':
      return [{ kind: 'feed', lines: block.lines }];
    case 'cut':
      return [{ kind: 'cut' }];
  }
}

interface Unit {
  text: string;
  width: number;
  space: boolean;
}

// 避头尾 (kinsoku): closing punctuation may not start a line and opening
// brackets may not end one; a lone "，" at the head of a line reads as an error.
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’…—～·,.;:!?)]}%']);
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{']);

/**
 * Splits normalized print text into lines of at most `columns` columns.
 * `\n` always breaks. Lines break at spaces or between wide characters; a
 * Latin word is kept whole unless it is longer than a line, and then broken
 * where the line ends. Spaces at a break are dropped; leading spaces of a
 * paragraph are kept (indentation). Works on code points, so a surrogate
 * pair is never split.
 */
export function wrapText(text: string, columns: number): string[] {
  if (columns < 2) throw new RangeError(`cannot wrap to ${columns} column(s): a wide character needs 2`);
  return text.split('\n').flatMap((paragraph) => wrapParagraph(paragraph, columns));
}

function toUnits(paragraph: string): Unit[] {
  const units: Unit[] = [];
  let word = '';
  const flush = () => {
    if (word !== '') units.push({ text: word, width: word.length, space: false });
    word = '';
  };
  for (const ch of paragraph) {
    const w = charColumns(ch.codePointAt(0)!);
    if (w === 0) continue;
    if (ch === ' ') {
      flush();
      units.push({ text: ' ', width: 1, space: true });
    } else if (w === 1) {
      word += ch;
    } else {
      flush();
      units.push({ text: ch, width: 2, space: false });
    }
  }
  flush();
  return units;
}

function wrapParagraph(paragraph: string, columns: number): string[] {
  const lines: string[] = [];
  let line: Unit[] = [];
  let width = 0;
  const widthOf = (units: Unit[]) => units.reduce((n, u) => n + u.width, 0);
  const startLine = (units: Unit[]) => {
    line = units;
    width = widthOf(units);
  };
  const endLine = () => {
    while (line.length > 0 && line[line.length - 1]!.space) line.pop();
    lines.push(line.map((u) => u.text).join(''));
    startLine([]);
  };

  for (const unit of toUnits(paragraph)) {
    if (unit.space) {
      // A wrapped line does not start with the space it was broken at.
      if (line.length === 0 && lines.length > 0) continue;
      if (width + 1 <= columns) {
        line.push(unit);
        width += 1;
      } else {
        endLine();
      }
      continue;
    }
    if (width + unit.width <= columns) {
      line.push(unit);
      width += unit.width;
      continue;
    }
    if (unit.width > columns) {
      // Longer than any line (a URL, a long number): break it where lines end.
      for (const ch of unit.text) {
        if (width + 1 > columns) endLine();
        line.push({ text: ch, width: 1, space: false });
        width += 1;
      }
      continue;
    }
    const last = line[line.length - 1];
    const carry =
      last !== undefined &&
      !last.space &&
      line.slice(0, -1).some((u) => !u.space) &&
      (NO_LINE_START.has(firstChar(unit.text)) || NO_LINE_END.has(lastChar(last.text))) &&
      last.width + unit.width <= columns;
    if (carry) {
      line.pop();
      endLine();
      startLine([last, unit]);
    } else {
      endLine();
      startLine([unit]);
    }
  }
  if (line.length > 0 || lines.length === 0) endLine();
  return lines;
}

function firstChar(s: string): string {
  return String.fromCodePoint(s.codePointAt(0) ?? 0);
}

function lastChar(s: string): string {
  return [...s].at(-1) ?? '';
}
