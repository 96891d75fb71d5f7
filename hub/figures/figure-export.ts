import { FIGURE_TABLES, type FigureTable, type YearFiguresResponse } from '../../common/hub/api/year-figures';
import { figureSheet, type Cell, type FigureSheet } from '../../common/hub/figure-sheets';
import type { LanguageTag } from '../../common/i18n/catalogue';

/**
 * The year's figures as files: every table of the statistics page as a CSV
 * (UTF-8 with a byte-order mark, which is how Excel knows to read Chinese;
 * CRLF; fields quoted as RFC 4180 says) or as one sheet of an XLSX
 * workbook (exceljs), as common/hub/figure-sheets.ts lays them out.
 */

/**
 * A text cell that a spreadsheet would take for a formula (a kiosk named
 * "=HYPERLINK(…)" by whoever enrolled it) is prefixed with an apostrophe, so
 * opening an export never runs anything.
 */
function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = safeText(cell);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One table as a CSV file: BOM, CRLF line ends, quoted where needed. */
export function toCsv(sheet: FigureSheet): Buffer {
  const lines = [sheet.header, ...sheet.rows].map((row) => row.map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The tables (default every one) as sheets of one workbook, named by their titles. */
export async function toXlsx(
  f: YearFiguresResponse,
  language: LanguageTag,
  tables: readonly FigureTable[] = FIGURE_TABLES,
): Promise<Buffer> {
  // Loaded when a spreadsheet is asked for: exceljs takes about 0.4 s to load, which every start of the hub
  // and of hubctl would otherwise pay for a file few of them ever write.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'hub';
  for (const table of tables) {
    const sheet = figureSheet(f, table, language);
    // Sheet names: at most 31 characters, none of : \ / ? * [ ].
    const ws = book.addWorksheet(sheet.title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
    ws.addRow(sheet.header).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row.map((c) => (typeof c === 'string' ? safeText(c) : c)));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.columns.forEach((column, i) => {
      column.width = i === 0 ? 24 : 14;
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The file name of an export: ASCII, so every browser keeps it as given. */
export function exportFileName(f: YearFiguresResponse, format: 'csv' | 'xlsx', table?: FigureTable): string {
  const scope = f.kioskId !== null ? `-kiosk${f.kioskId}` : f.regionCode !== null ? `-${f.regionCode}` : '';
  return `figures-${f.year}${scope}${table === undefined ? '' : `-${table}`}.${format}`;
}
