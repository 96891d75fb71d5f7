import ExcelJS from 'exceljs';
import type { Percentiles } from '../../common/hub/api/call-figures';
import {
  FIGURE_TABLES,
  type FigureCounts,
  type FigureTable,
  type YearFiguresResponse,
} from '../../common/hub/api/year-figures';
import type { LanguageTag } from '../../common/i18n/catalogue';
import { en } from '../../common/i18n/en';
import { zhCN } from '../../common/i18n/zh-CN';

/**
 * The year's figures as files: every table of the statistics page as a CSV
 * (UTF-8 with a byte-order mark, which is how Excel knows to read Chinese;
 * CRLF; fields quoted as RFC 4180 says) or as one sheet of an XLSX
 * workbook (exceljs). Headings from the catalogue, in the language asked.
 */

type Cell = string | number | null;

export interface FigureSheet {
  table: FigureTable;
  title: string;
  header: string[];
  rows: Cell[][];
}

const fill = (text: string, values: Record<string, string | number>): string =>
  text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => String(values[k] ?? ''));

/** The FigureCounts columns of the by-month, by-region and by-kiosk tables, in order. */
const COUNT_COLUMNS = [
  'consultations',
  'lawLookups',
  'searches',
  'legalAidChecks',
  'legalAidApplications',
  'legalAidAccepted',
  'legalAidAssigned',
  'disputeScreenings',
  'mediationRequests',
  'mediationAccepted',
  'mediationSettled',
  'callsOffered',
  'callsAnswered',
  'callsAbandoned',
  'callsReferredToLegalAid',
  'callWaitP50',
  'callWaitP90',
  'callDurationP50',
  'callDurationP90',
  'ratings',
  'ratingAverage',
] as const;
type CountColumn = (typeof COUNT_COLUMNS)[number];

function countCell(c: FigureCounts, column: CountColumn): Cell {
  const p = (x: Percentiles, which: 'p50' | 'p90') => x[which];
  switch (column) {
    case 'callWaitP50':
      return p(c.callWaitSeconds, 'p50');
    case 'callWaitP90':
      return p(c.callWaitSeconds, 'p90');
    case 'callDurationP50':
      return p(c.callDurationSeconds, 'p50');
    case 'callDurationP90':
      return p(c.callDurationSeconds, 'p90');
    default:
      return c[column];
  }
}

/** One table of the figures, as rows of cells under a header. */
export function figureSheet(f: YearFiguresResponse, table: FigureTable, language: LanguageTag): FigureSheet {
  const t = (language === 'en' ? en : zhCN).hubFigures;
  const col = t.columns;
  const counts = COUNT_COLUMNS.map((c) => col[c]);
  const countCells = (c: FigureCounts) => COUNT_COLUMNS.map((k) => countCell(c, k));
  const title = t.tables[table];
  switch (table) {
    case 'annual':
      return {
        table,
        title,
        header: [col.line, col.total, ...Array.from({ length: 12 }, (_, i) => fill(col.monthN, { month: i + 1 }))],
        rows: f.annual.map((r) => [t.lines[r.line], r.total, ...r.byMonth]),
      };
    case 'by-month':
      return {
        table,
        title,
        header: [col.month, ...counts],
        rows: [...f.byMonth.map((m) => [m.month, ...countCells(m)]), [col.total, ...countCells(f.total)]],
      };
    case 'by-region':
      return {
        table,
        title,
        header: [col.region, ...counts],
        rows: f.byRegion.map((r) => [r.regionCode, ...countCells(r)]),
      };
    case 'by-kiosk':
      return {
        table,
        title,
        header: [col.kiosk, col.region, ...counts],
        rows: f.byKiosk.map((k) => [k.kioskName, k.regionCode, ...countCells(k)]),
      };
    case 'by-topic':
      return {
        table,
        title,
        header: [col.topic, col.count],
        rows: f.consultationsByTopic.map((r) => [r.topic, r.count]),
      };
    case 'ratings':
      return {
        table,
        title,
        header: [col.subject, col.count, col.average, ...[1, 2, 3, 4, 5].map((score) => fill(col.score, { score }))],
        rows: f.ratingsBySubject.map((r) => [
          (t.subjects as Record<string, string>)[r.subject] ?? r.subject,
          r.count,
          r.average,
          ...r.byScore,
        ]),
      };
  }
}

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
