import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charColumns, columnsForPaper, displayWidth } from './display-width';

describe('display width on the printer', () => {
  it.each([
    ['', 0],
    ['ABC-123', 7],
    ['中文', 4],
    ['无人律所 打印测试', 17],
    ['￥0.00', 6],
    // Narrow on a screen, but printed from the Chinese font in FS & mode.
    ['é', 2],
    ['─', 2],
    ['·', 2],
    ['“', 2],
    ['😀', 2],
    ['𠀀', 2],
    ['a\nb', 2],
    ['\x1b@', 1],
  ])('%j takes %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('counts a surrogate pair as one character', () => {
    expect('😀'.length).toBe(2);
    expect(displayWidth('😀😀')).toBe(4);
  });

  it('gives control characters no width and printable ASCII one', () => {
    expect(charColumns(0x1b)).toBe(0);
    expect(charColumns(0x7f)).toBe(0);
    expect(charColumns(0x85)).toBe(0);
    expect(charColumns(0x20)).toBe(1);
    expect(charColumns(0x7e)).toBe(1);
    expect(charColumns(0xa0)).toBe(2);
  });

  it('is additive', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(displayWidth(a + b)).toBe(displayWidth(a) + displayWidth(b));
      }),
    );
  });

  it('knows the paper widths', () => {
    expect(columnsForPaper(58)).toBe(32);
    expect(columnsForPaper(80)).toBe(48);
  });
});
