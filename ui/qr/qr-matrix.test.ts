import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrMatrix, qrPath } from './qr-matrix';

/** Paints the matrix as a bitmap (4 px a module, 4-module quiet zone) and reads it back with a real decoder. */
function decode(matrix: boolean[][]): string | undefined {
  const scale = 4;
  const quiet = 4;
  const side = (matrix.length + quiet * 2) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  matrix.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx) * 4;
          pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
        }
    }),
  );
  return jsQR(pixels, side, side)?.data;
}

describe('qrMatrix', () => {
  it('encodes Chinese text as UTF-8 that a decoder reads back exactly', () => {
    const text = '问：老板拖欠工资怎么办？\n依据：劳动合同法第三十条';
    expect(decode(qrMatrix(text))).toBe(text);
  });

  it('encodes links and long text', () => {
    expect(decode(qrMatrix('https://hub.example.gov.cn/p/answer/wages-unpaid'))).toBe(
      'https://hub.example.gov.cn/p/answer/wages-unpaid',
    );
    const long = '用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。'.repeat(5);
    expect(decode(qrMatrix(long))).toBe(long);
  });

  it('draws each run of dark modules once, shifted by the quiet zone', () => {
    expect(qrPath([[true, true, false, true]], 2)).toBe('M2 2h2v1h-2zM5 2h1v1h-1z');
    expect(qrPath([[false, false]], 4)).toBe('');
  });
});
