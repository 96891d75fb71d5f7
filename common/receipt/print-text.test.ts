import { describe, expect, it } from 'vitest';
import { normalizePrintLine, normalizePrintText, REPLACEMENT_CHAR } from './print-text';

describe('normalizePrintText', () => {
  it('swaps ¥ for the full-width ￥ that GBK and GB18030 both have', () => {
    expect(normalizePrintText('¥12.50')).toBe('￥12.50');
  });

  it('removes control characters, so text cannot smuggle in commands', () => {
    expect(normalizePrintText('张\x1b@三\x1dV\x00\x10\x04\x01')).toBe('张@三V');
    expect(normalizePrintText('a\x7fb\u0085c')).toBe('ab\nc');
  });

  it('unifies line breaks and spaces', () => {
    expect(normalizePrintText('a\r\nb\rc\u2028d')).toBe('a\nb\nc\nd');
    expect(normalizePrintText('a\tb\u00a0c\u2003d')).toBe('a b c d');
    // The ideographic space indents Chinese paragraphs and is in GBK.
    expect(normalizePrintText('\u3000\u3000第一条')).toBe('\u3000\u3000第一条');
  });

  it('composes and drops what would print as an empty cell', () => {
    expect(normalizePrintText('e\u0301')).toBe('é');
    expect(normalizePrintText('a\u200bb\u00adc')).toBe('abc');
    expect(normalizePrintText('❤\ufe0f👨\u200d👩')).toBe('❤👨👩');
  });

  it('replaces what no printer can print', () => {
    expect(normalizePrintText('a\ud800b')).toBe(`a${REPLACEMENT_CHAR}b`);
    expect(normalizePrintText('\ue000')).toBe(REPLACEMENT_CHAR);
    expect(normalizePrintText('\u0378')).toBe(REPLACEMENT_CHAR);
  });

  it('asks the printer about non-ASCII characters only', () => {
    const asked: string[] = [];
    const printable = (ch: string) => {
      asked.push(ch);
      return ch !== '😀';
    };
    expect(normalizePrintText('OK 好😀', printable)).toBe(`OK 好${REPLACEMENT_CHAR}`);
    expect(asked).toEqual(['好', '😀']);
  });

  it('keeps one-line fields on one line', () => {
    expect(normalizePrintLine('第一行\n第二行')).toBe('第一行 第二行');
  });
});
