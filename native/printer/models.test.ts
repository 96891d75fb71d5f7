import { describe, expect, it } from 'vitest';
import { findPrinterModel, PRINTER_MODELS, resolvePrinterModel } from './models';

describe('printer models', () => {
  it('has the models the configuration names, with columns matching the paper', () => {
    expect(PRINTER_MODELS.map((m) => m.id)).toEqual(
      expect.arrayContaining(['generic-80mm-gb18030', 'generic-58mm-gbk', 'simulated-80mm']),
    );
    for (const m of PRINTER_MODELS) {
      expect(m.columns, m.id).toBe(m.paperWidthMm === 58 ? 32 : 48);
      expect(m.dots / m.columns, m.id).toBe(12);
    }
    expect(new Set(PRINTER_MODELS.map((m) => m.id)).size).toBe(PRINTER_MODELS.length);
  });

  it('lets the terminal configuration override encoding and width', () => {
    const { model, known } = resolvePrinterModel({ model: 'generic-80mm-gb18030', encoding: 'gbk', paperWidthMm: 58 });
    expect(known).toBe(true);
    expect(model).toMatchObject({
      id: 'generic-80mm-gb18030',
      encoding: 'gbk',
      paperWidthMm: 58,
      columns: 32,
      dots: 384,
    });
    expect(findPrinterModel('generic-80mm-gb18030')?.encoding).toBe('gb18030');
  });

  it('falls back to the generic model of that width for an unknown model', () => {
    expect(resolvePrinterModel({ model: 'XP-58IIH', encoding: 'gbk', paperWidthMm: 58 })).toMatchObject({
      known: false,
      model: { id: 'generic-58mm-gbk', columns: 32 },
    });
    expect(resolvePrinterModel({ model: 'TM-T88', encoding: 'gb18030', paperWidthMm: 80 })).toMatchObject({
      known: false,
      model: { id: 'generic-80mm-gb18030', columns: 48, encoding: 'gb18030' },
    });
  });
});
