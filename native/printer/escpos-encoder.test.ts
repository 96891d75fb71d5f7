import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Receipt, type ReceiptInput } from '../../common/receipt/receipt';
import { decodeEscPos, hex } from './escpos-parser';
import { EncoderError, EscPosEncoder, layoutForModel, renderReceipt } from './escpos-encoder';
import { canPrint } from './gb-text';
import { findPrinterModel, type PrinterModel } from './models';

const model = (id: string): PrinterModel => {
  const found = findPrinterModel(id);
  if (!found) throw new Error(id);
  return found;
};
const GB18030 = model('generic-80mm-gb18030');
const GBK = model('generic-58mm-gbk');
const SIMULATED = model('simulated-80mm');
const bytes = (encoder: EscPosEncoder) => hex(encoder.encode());
const enc = (m: PrinterModel = GB18030) => new EscPosEncoder(m);

describe('EscPosEncoder, byte for byte', () => {
  it('initialises and switches double-byte mode', () => {
    expect(bytes(enc().initialize().chineseMode().chineseMode(false))).toBe('1B 40 1C 26 1C 2E');
  });

  it('sends nothing for double-byte mode on a printer fixed in it', () => {
    const fixed = { ...GB18030, chineseMode: 'always' as const };
    expect(bytes(enc(fixed).initialize().chineseMode().text('中'))).toBe('1B 40 D6 D0');
  });

  it('aligns, bolds and sizes', () => {
    expect(bytes(enc().align('left').align('center').align('right'))).toBe('1B 61 00 1B 61 01 1B 61 02');
    expect(bytes(enc().bold(true).bold(false))).toBe('1B 45 01 1B 45 00');
    expect(bytes(enc().size('double'))).toBe('1C 21 0C 1D 21 11');
    expect(bytes(enc().size('wide'))).toBe('1C 21 04 1D 21 10');
    expect(bytes(enc().size('tall'))).toBe('1C 21 08 1D 21 01');
    expect(bytes(enc().size('normal'))).toBe('1C 21 00 1D 21 00');
  });

  it('writes Chinese in GB codes inside FS &', () => {
    expect(bytes(enc().chineseMode().line('中文 OK'))).toBe('1C 26 D6 D0 CE C4 20 4F 4B 0A');
    expect(bytes(enc(GBK).chineseMode().text('测试'))).toBe('1C 26 B2 E2 CA D4');
  });

  it('prints ¥ as ￥ (A3 A4) on GB18030 and GBK printers alike', () => {
    expect(bytes(enc(GB18030).chineseMode().text('¥5'))).toBe('1C 26 A3 A4 35');
    expect(bytes(enc(GBK).chineseMode().text('¥5'))).toBe('1C 26 A3 A4 35');
  });

  it('replaces what a GBK printer cannot print with □ (A1 F5), and prints it on GB18030', () => {
    expect(bytes(enc(GBK).chineseMode().text('😀'))).toBe('1C 26 A1 F5');
    expect(bytes(enc(GB18030).chineseMode().text('😀'))).toBe('1C 26 94 39 FC 36');
    // GBK's one-byte € (0x80) would swallow the next byte in FS & mode.
    expect(bytes(enc(GBK).chineseMode().text('€1'))).toBe('1C 26 A1 F5 31');
    expect(bytes(enc(GB18030).chineseMode().text('€1'))).toBe('1C 26 A2 E3 31');
  });

  it('never lets text carry commands', () => {
    expect(bytes(enc().text('A\x1d\x56\x00B'))).toBe('41 56 42');
  });

  it('refuses Chinese outside double-byte mode instead of switching code pages', () => {
    expect(() => enc().initialize().text('中')).toThrow(EncoderError);
    expect(() => enc().chineseMode().initialize().text('中')).toThrow(/chineseMode/);
    expect(bytes(enc().initialize().text('ABC'))).toBe('1B 40 41 42 43');
  });

  it('feeds and breaks lines', () => {
    expect(bytes(enc().feed(3).newline(2))).toBe('1B 64 03 0A 0A');
    expect(() => enc().feed(256)).toThrow(EncoderError);
  });

  it('stores and prints a model 2 QR code, module 6, error correction M', () => {
    expect(bytes(enc().qr('ABC'))).toBe(
      [
        '1D 28 6B 04 00 31 41 32 00',
        '1D 28 6B 03 00 31 43 06',
        '1D 28 6B 03 00 31 45 31',
        '1D 28 6B 06 00 31 50 30 41 42 43',
        '1D 28 6B 03 00 31 51 30',
      ].join(' '),
    );
  });

  it('counts QR bytes in UTF-8 and puts lengths over 255 in pH', () => {
    const store = hex(enc().qr('码').encode()).split(' 1D 28 6B ')[3];
    expect(store).toBe('06 00 31 50 30 E7 A0 81');
    const long = enc().qr('x'.repeat(250)).encode();
    expect(hex(long.slice(25, 33))).toBe('1D 28 6B FD 00 31 50 30');
    expect(() => enc().qr('x'.repeat(251))).toThrow(EncoderError);
    expect(() => enc({ ...GB18030, qr: null }).qr('x')).toThrow(/QR/);
  });

  it('cuts as the model can', () => {
    expect(bytes(enc(GB18030).cut())).toBe('1D 56 42 00');
    expect(bytes(enc(SIMULATED).cut())).toBe('1B 64 03 1D 56 00');
    expect(bytes(enc(GBK).cut())).toBe('1B 64 04');
    expect(bytes(enc({ ...GBK, feedBeforeCut: 0 }).cut())).toBe('');
  });
});

describe('renderReceipt', () => {
  it('renders a small receipt byte for byte', () => {
    const receipt = Receipt.parse({
      blocks: [
        { type: 'text', text: '测试', align: 'center', bold: true, size: 'double' },
        { type: 'pair', label: '费用', value: '¥1' },
        { type: 'qr', data: 'A' },
        { type: 'cut' },
      ],
    });
    const expected = [
      '1B 40 1C 26',
      '1B 61 01 1B 45 01 1C 21 0C 1D 21 11 B2 E2 CA D4 0A',
      // The pair: left, normal, 费用 (4) + 41 spaces + ￥1 (3) = 48 columns.
      `1B 61 00 1B 45 00 1C 21 00 1D 21 00 B7 D1 D3 C3 ${Array(41).fill('20').join(' ')} A3 A4 31 0A`,
      '1B 61 01',
      '1D 28 6B 04 00 31 41 32 00 1D 28 6B 03 00 31 43 06 1D 28 6B 03 00 31 45 31 1D 28 6B 04 00 31 50 30 41 1D 28 6B 03 00 31 51 30',
      '1D 56 42 00',
      '1C 2E',
    ].join(' ');
    expect(hex(renderReceipt(receipt, GB18030))).toBe(expected);
  });

  it('sends style commands only where the style changes', () => {
    const receipt = Receipt.parse({ blocks: [{ type: 'text', text: '一\n二\n三', bold: true }] });
    expect(hex(renderReceipt(receipt, GB18030))).toBe('1B 40 1C 26 1B 45 01 D2 BB 0A B6 FE 0A C8 FD 0A 1C 2E');
  });

  it('prints the QR data as text on a printer without QR support', () => {
    const receipt = Receipt.parse({ blocks: [{ type: 'qr', data: 'https://x.invalid/1', caption: '扫码' }] });
    const decoded = decodeEscPos(renderReceipt(receipt, { ...GB18030, qr: null }), { encoding: 'gb18030' });
    expect(decoded.qrCodes).toEqual([]);
    expect(decoded.lines.map((l) => [l.text, l.align])).toEqual([
      ['https://x.invalid/1', 'center'],
      ['扫码', 'center'],
    ]);
  });

  const blockArb: fc.Arbitrary<ReceiptInput['blocks'][number]> = fc.oneof(
    fc.record({
      type: fc.constant('text' as const),
      text: fc.string({ unit: fc.constantFrom(...'ab 9-，。中文字😀𠀀é─¥€\n\t\x1b'), maxLength: 80 }),
      align: fc.constantFrom('left' as const, 'center' as const, 'right' as const),
      bold: fc.boolean(),
      size: fc.constantFrom('normal' as const, 'double' as const, 'tall' as const, 'wide' as const),
    }),
    fc.record({
      type: fc.constant('pair' as const),
      label: fc.string({ maxLength: 20 }),
      value: fc.string({ maxLength: 60 }),
    }),
    fc.record({ type: fc.constant('rule' as const), style: fc.constantFrom('solid' as const, 'dashed' as const) }),
    fc.record({
      type: fc.constant('qr' as const),
      data: fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme-ascii' }),
    }),
    fc.record({ type: fc.constant('feed' as const), lines: fc.integer({ min: 1, max: 10 }) }),
    fc.constant({ type: 'cut' as const }),
  );

  it.each([GB18030, GBK])('prints exactly the preview on $id', (printer) => {
    fc.assert(
      fc.property(fc.array(blockArb, { minLength: 1, maxLength: 8 }), (blocks) => {
        const receipt = Receipt.parse({ blocks });
        const preview = layoutForModel(receipt, printer);
        const decoded = decodeEscPos(renderReceipt(receipt, printer), { encoding: printer.encoding });
        expect(decoded.problems).toEqual([]);
        const textLines = preview.lines.flatMap((l) =>
          l.kind === 'text' ? [{ text: l.text, align: l.align, bold: l.bold, size: l.size }] : [],
        );
        expect(decoded.lines).toEqual(textLines);
        expect(decoded.qrCodes.map((q) => q.data)).toEqual(
          preview.lines.flatMap((l) => (l.kind === 'qr' ? [l.data] : [])),
        );
        for (const line of preview.lines) {
          if (line.kind !== 'text') continue;
          const scale = line.size === 'double' || line.size === 'wide' ? 2 : 1;
          expect(line.width * scale).toBeLessThanOrEqual(printer.columns);
          for (const ch of line.text)
            if (ch.codePointAt(0)! > 0x7e) expect(canPrint(ch, printer.encoding), ch).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
