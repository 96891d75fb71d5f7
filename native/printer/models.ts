import { z } from 'zod';
import { columnsForPaper } from '../../common/receipt/display-width';

/**
 * Printer models as data. Everything the encoder and driver need to know
 * about a printer is here, so supporting a new printer means adding an entry
 * (and a byte-exact test), not a branch in the code.
 */

export const PRINTER_ENCODINGS = ['gb18030', 'gbk'] as const;
export type PrinterEncoding = (typeof PRINTER_ENCODINGS)[number];

export const PrinterModel = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  paperWidthMm: z.union([z.literal(58), z.literal(80)]),
  /** Printable width in dots (8 dots/mm heads: 384 on 58 mm paper, 576 on 80 mm). */
  dots: z.number().int().positive(),
  /** Normal-font (12 × 24) columns; a Chinese character takes two. */
  columns: z.number().int().min(4),
  /** GBK-only printers have no font for GB18030's four-byte characters. */
  encoding: z.enum(PRINTER_ENCODINGS),
  /**
   * `fs-ampersand`: double-byte mode must be switched on with `FS &`.
   * `always`: the printer is fixed in double-byte mode and does not know `FS &`.
   */
  chineseMode: z.enum(['fs-ampersand', 'always']),
  /** `partial` leaves a hinge so the slip does not fall on the floor; `none` is a tear bar. */
  cutter: z.enum(['none', 'full', 'partial']),
  /** Lines to feed after the last print line so it clears the cutter or the tear bar. */
  feedBeforeCut: z.number().int().min(0).max(20),
  /** `null`: the printer has no QR command (GS ( k) and the data is printed as text. */
  qr: z
    .strictObject({ moduleSize: z.number().int().min(1).max(16), errorCorrection: z.enum(['L', 'M', 'Q', 'H']) })
    .nullable(),
  /** Answers real-time status queries (DLE EOT). */
  realTimeStatus: z.boolean(),
});
export type PrinterModel = z.infer<typeof PrinterModel>;

const MODELS_DATA: PrinterModel[] = [
  {
    id: 'generic-80mm-gb18030',
    name: '通用 80 mm 热敏打印机（GB18030）',
    paperWidthMm: 80,
    dots: 576,
    columns: 48,
    encoding: 'gb18030',
    chineseMode: 'fs-ampersand',
    cutter: 'partial',
    feedBeforeCut: 0,
    qr: { moduleSize: 6, errorCorrection: 'M' },
    realTimeStatus: true,
  },
  {
    id: 'generic-58mm-gbk',
    name: '通用 58 mm 热敏打印机（GBK）',
    paperWidthMm: 58,
    dots: 384,
    columns: 32,
    encoding: 'gbk',
    chineseMode: 'fs-ampersand',
    cutter: 'none',
    feedBeforeCut: 4,
    qr: { moduleSize: 6, errorCorrection: 'M' },
    realTimeStatus: true,
  },
  {
    id: 'simulated-80mm',
    name: '模拟打印机 80 mm',
    paperWidthMm: 80,
    dots: 576,
    columns: 48,
    encoding: 'gb18030',
    chineseMode: 'fs-ampersand',
    cutter: 'full',
    feedBeforeCut: 3,
    qr: { moduleSize: 6, errorCorrection: 'M' },
    realTimeStatus: true,
  },
];

// Parsed at load so a malformed entry fails every test that imports models, not a kiosk in the field.
export const PRINTER_MODELS: readonly PrinterModel[] = Object.freeze(z.array(PrinterModel).parse(MODELS_DATA));

export function findPrinterModel(id: string): PrinterModel | undefined {
  return PRINTER_MODELS.find((m) => m.id === id);
}

/** The fields of a serial printer's entry in the terminal configuration that describe the printer. */
export interface PrinterSettings {
  model: string;
  encoding: PrinterEncoding;
  paperWidthMm: 58 | 80;
}

export interface ResolvedModel {
  model: PrinterModel;
  /** False when `settings.model` named no known model and a generic one was used. */
  known: boolean;
}

/**
 * The model a configured printer is driven as. The terminal's own settings win
 * over the model's defaults: the technician who loaded the paper and set the
 * printer's code page knows better than our table. An unknown model id falls
 * back to the generic model of that width instead of refusing to print.
 */
export function resolvePrinterModel(settings: PrinterSettings): ResolvedModel {
  const found = findPrinterModel(settings.model);
  const base =
    found ??
    (settings.paperWidthMm === 58 ? findPrinterModel('generic-58mm-gbk') : findPrinterModel('generic-80mm-gb18030'));
  if (base === undefined) throw new Error('generic printer models are missing from PRINTER_MODELS');
  const sameWidth = base.paperWidthMm === settings.paperWidthMm;
  return {
    known: found !== undefined,
    model: {
      ...base,
      encoding: settings.encoding,
      paperWidthMm: settings.paperWidthMm,
      dots: sameWidth ? base.dots : settings.paperWidthMm === 58 ? 384 : 576,
      columns: sameWidth ? base.columns : columnsForPaper(settings.paperWidthMm),
    },
  };
}
