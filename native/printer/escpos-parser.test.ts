import { describe, expect, it } from 'vitest';
import { decodeEscPos, readEscPos } from './escpos-parser';

const b = (...bytes: number[]) => Uint8Array.from(bytes);

describe('readEscPos', () => {
  it('waits for the rest of a command split across reads', () => {
    expect(readEscPos(b(0x1b), 0)).toBeUndefined();
    expect(readEscPos(b(0x1b, 0x61), 0)).toBeUndefined();
    expect(readEscPos(b(0x10, 0x04), 0)).toBeUndefined();
    expect(readEscPos(b(0x1d, 0x28, 0x6b, 0x06, 0x00, 0x31, 0x50, 0x30, 0x41), 0)).toBeUndefined();
    expect(readEscPos(b(0x1d, 0x56, 0x42), 0)).toBeUndefined();
  });

  it('reads a status query and the length of a QR store', () => {
    expect(readEscPos(b(0x41, 0x10, 0x04, 0x02), 1)).toEqual({ item: { kind: 'status-query', n: 2 }, end: 4 });
    const store = b(0x1d, 0x28, 0x6b, 0x05, 0x00, 0x31, 0x50, 0x30, 0x10, 0x04, 0x41);
    expect(readEscPos(store, 0)).toEqual({ item: { kind: 'qr', fn: 0x50, params: b(0x30, 0x10, 0x04) }, end: 10 });
  });

  it('ends a text run at the first control byte', () => {
    expect(readEscPos(b(0xd6, 0xd0, 0x41, 0x0a, 0x42), 0)).toEqual({
      item: { kind: 'text', bytes: b(0xd6, 0xd0, 0x41) },
      end: 3,
    });
  });
});

describe('decodeEscPos', () => {
  it('decodes GB text in FS & mode with its style', () => {
    const job = b(0x1b, 0x40, 0x1c, 0x26, 0x1b, 0x61, 0x01, 0x1b, 0x45, 0x01, 0xd6, 0xd0, 0x0a, 0x1c, 0x2e);
    expect(decodeEscPos(job, { encoding: 'gb18030' })).toMatchObject({
      lines: [{ text: '中', align: 'center', bold: true, size: 'normal' }],
      problems: [],
    });
  });

  it('reports what a printer would garble', () => {
    const problems = (bytes: Uint8Array, encoding: 'gb18030' | 'gbk' = 'gb18030') =>
      decodeEscPos(bytes, { encoding }).problems;
    expect(problems(b(0xd6, 0xd0, 0x0a))).toEqual([expect.stringContaining('outside double-byte mode')]);
    expect(problems(b(0x1c, 0x26, 0x94, 0x39, 0xfc, 0x36, 0x0a), 'gbk')).toEqual([
      expect.stringContaining('four-byte'),
    ]);
    expect(problems(b(0x1c, 0x26, 0x80, 0x41, 0x0a), 'gbk')).toEqual([expect.stringContaining('invalid GB code')]);
    expect(problems(b(0x1c, 0x26, 0xd6, 0xd0, 0x1b, 0x74, 0x00, 0xce, 0xc4, 0x0a))).toEqual([
      expect.stringContaining('code page'),
    ]);
    expect(problems(b(0x41, 0x1b, 0x61, 0x01, 0x0a))).toEqual([expect.stringContaining('middle of a line')]);
    expect(problems(b(0x41))).toEqual([expect.stringContaining('never printed')]);
    expect(problems(b(0x1b, 0x7f, 0x0a))).toEqual([expect.stringContaining('unknown command 1B 7F')]);
    expect(problems(b(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30))).toEqual([
      expect.stringContaining('no data stored'),
    ]);
    expect(problems(b(0x1d, 0x28, 0x6b, 0x09))).toEqual([expect.stringContaining('ends inside a command')]);
  });

  it('counts cuts, feeds and status queries and keeps QR payloads', () => {
    const job = b(
      ...[0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x04],
      ...[0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x33],
      ...[0x1d, 0x28, 0x6b, 0x05, 0x00, 0x31, 0x50, 0x30, 0xe7, 0xa0],
      ...[0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
      ...[0x1b, 0x64, 0x02, 0x10, 0x04, 0x01, 0x1d, 0x56, 0x00, 0x1d, 0x56, 0x42, 0x00],
    );
    const decoded = decodeEscPos(job, { encoding: 'gb18030' });
    expect(decoded).toMatchObject({ cuts: 2, fedLines: 2, statusQueries: [1] });
    expect(decoded.qrCodes).toEqual([{ data: '\ufffd', moduleSize: 4, errorCorrection: 'H' }]);
  });
});
