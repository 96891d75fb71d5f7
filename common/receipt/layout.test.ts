import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth } from './display-width';
import { layoutReceipt, ReceiptLayout, wrapText, type LayoutLine } from './layout';
import { normalizePrintText } from './print-text';
import { Receipt, type ReceiptInput } from './receipt';

const texts = (lines: LayoutLine[]) => lines.flatMap((l) => (l.kind === 'text' ? [l.text] : []));
const layout = (input: ReceiptInput, columns = 32, more: { qr?: boolean; printable?: (c: string) => boolean } = {}) =>
  layoutReceipt(Receipt.parse(input), { columns, ...more });

describe('wrapText', () => {
  it('breaks Chinese anywhere, by width', () => {
    expect(wrapText('一二三四五六七八', 6)).toEqual(['一二三', '四五六', '七八']);
    expect(wrapText('一二三四五六', 7)).toEqual(['一二三', '四五六']);
  });

  it('keeps Latin words whole and drops the space it breaks at', () => {
    expect(wrapText('Legal Aid hotline 12348', 10)).toEqual(['Legal Aid', 'hotline', '12348']);
    expect(wrapText('编号ABC-123已受理', 8)).toEqual(['编号', 'ABC-123', '已受理']);
    expect(wrapText('abc  def', 3)).toEqual(['abc', 'def']);
    expect(wrapText('一二  三', 4)).toEqual(['一二', '三']);
  });

  it('breaks a word longer than a line where the line ends', () => {
    expect(wrapText('see https://example.invalid/abc', 10)).toEqual(['see https:', '//example.', 'invalid/ab', 'c']);
  });

  it('does not start a line with closing punctuation or end one with an opening bracket', () => {
    // Greedy would leave "，" alone at the head of the second line.
    expect(wrapText('一二三，四五', 6)).toEqual(['一二', '三，四', '五']);
    // Greedy would end the first line with "（" and start the third with "）".
    expect(wrapText('一二（三四）', 6)).toEqual(['一二', '（三', '四）']);
  });

  it('keeps paragraph breaks and indentation, trims trailing spaces', () => {
    expect(wrapText('  缩进\n\n下一段  ', 32)).toEqual(['  缩进', '', '下一段']);
  });

  it('never splits a surrogate pair', () => {
    expect(wrapText('😀😀😀', 5)).toEqual(['😀😀', '😀']);
  });

  it('refuses a width that cannot hold a Chinese character', () => {
    expect(() => wrapText('中', 1)).toThrow(RangeError);
  });

  it('fits every line and keeps every character, in order', () => {
    const chars = fc.constantFrom(...'ab Z9-，。（）中文字😀𠀀é─ \n  ');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 120 }), fc.integer({ min: 2, max: 48 }), (parts, columns) => {
        const text = normalizePrintText(parts.join(''));
        const lines = wrapText(text, columns);
        for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
        expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        expect(lines.length).toBeGreaterThanOrEqual(text.split('\n').length);
      }),
    );
  });

  it('keeps arbitrary Unicode well formed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 2, max: 48 }), (raw, columns) => {
        for (const line of wrapText(normalizePrintText(raw), columns)) {
          expect(displayWidth(line)).toBeLessThanOrEqual(columns);
          expect(line).not.toMatch(/\p{Cs}/u);
        }
      }),
    );
  });
});

describe('layoutReceipt', () => {
  it('pads a pair to the full width', () => {
    const { lines } = layout({ blocks: [{ type: 'pair', label: '参考编号', value: 'ABC-123' }] });
    expect(lines).toEqual([
      { kind: 'text', text: `参考编号${' '.repeat(17)}ABC-123`, width: 32, align: 'left', bold: false, size: 'normal' },
    ]);
  });

  it('puts a pair that does not fit on two lines, value on the right', () => {
    const value = '湖北省武汉市洪山区某社区党群服务中心一楼';
    const { lines } = layout({ blocks: [{ type: 'pair', label: '地址', value }] });
    expect(lines.map((l) => l.kind === 'text' && [l.text, l.align])).toEqual([
      ['地址', 'left'],
      ['湖北省武汉市洪山区某社区党群服务', 'right'],
      ['中心一楼', 'right'],
    ]);
  });

  it('draws rules across the paper', () => {
    const { lines } = layout({ blocks: [{ type: 'rule' }, { type: 'rule', style: 'dashed' }] }, 48);
    expect(texts(lines)).toEqual(['─'.repeat(24), '-'.repeat(48)]);
    const noBox = layout({ blocks: [{ type: 'rule' }] }, 32, { printable: (c) => c !== '─' });
    expect(texts(noBox.lines)).toEqual(['-'.repeat(32)]);
  });

  it('wraps double and wide text at half the columns', () => {
    const text = '一二三四五六七八九十一二三四五六七';
    for (const size of ['double', 'wide'] as const) {
      const { lines } = layout({ blocks: [{ type: 'text', text, size }] });
      expect(texts(lines)).toEqual(['一二三四五六七八', '九十一二三四五六', '七']);
    }
    const tall = layout({ blocks: [{ type: 'text', text, size: 'tall' }] });
    expect(texts(tall.lines)).toEqual(['一二三四五六七八九十一二三四五六', '七']);
  });

  it('lays out a QR code with its caption, or the data as text without QR support', () => {
    const input: ReceiptInput = { blocks: [{ type: 'qr', data: 'https://x.invalid/r/1', caption: '扫码查询' }] };
    expect(layout(input).lines).toEqual([
      { kind: 'qr', data: 'https://x.invalid/r/1' },
      { kind: 'text', text: '扫码查询', width: 8, align: 'center', bold: false, size: 'normal' },
    ]);
    expect(texts(layout(input, 12, { qr: false }).lines)).toEqual(['https://x.in', 'valid/r/1', '扫码查询']);
  });

  it('replaces what the printer cannot print, so the preview shows it too', () => {
    const { lines } = layout({ blocks: [{ type: 'text', text: '¥5 😀' }] }, 32, { printable: (c) => c !== '😀' });
    expect(texts(lines)).toEqual(['￥5 □']);
  });

  it('passes feeds and cuts through and yields a valid preview model', () => {
    const result = layout({
      blocks: [{ type: 'text', text: '好', bold: true }, { type: 'feed', lines: 3 }, { type: 'cut' }],
    });
    expect(result.lines.slice(1)).toEqual([{ kind: 'feed', lines: 3 }, { kind: 'cut' }]);
    expect(ReceiptLayout.parse(result)).toEqual(result);
  });

  it('refuses a paper narrower than 4 columns', () => {
    expect(() => layout({ blocks: [{ type: 'cut' }] }, 3)).toThrow(RangeError);
  });
});

describe('Receipt schema', () => {
  it('fills in defaults', () => {
    expect(Receipt.parse({ blocks: [{ type: 'text', text: 'x' }, { type: 'rule' }] }).blocks).toEqual([
      { type: 'text', text: 'x', align: 'left', bold: false, size: 'normal' },
      { type: 'rule', style: 'solid' },
    ]);
  });

  it('rejects unknown blocks, unknown keys and QR data that cannot fit', () => {
    expect(Receipt.safeParse({ blocks: [{ type: 'image' }] }).success).toBe(false);
    expect(Receipt.safeParse({ blocks: [{ type: 'cut', after: 1 }] }).success).toBe(false);
    expect(Receipt.safeParse({ blocks: [] }).success).toBe(false);
    // 84 Chinese characters are 252 bytes of UTF-8.
    expect(Receipt.safeParse({ blocks: [{ type: 'qr', data: '码'.repeat(84) }] }).success).toBe(false);
    expect(Receipt.safeParse({ blocks: [{ type: 'qr', data: '码'.repeat(83) }] }).success).toBe(true);
    expect(Receipt.safeParse({ blocks: [{ type: 'qr', data: 'a\x1bb' }] }).success).toBe(false);
  });
});
