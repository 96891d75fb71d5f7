import type { Percentiles } from './api/call-figures';
import type { FigureCounts, FigureTable, YearFiguresResponse } from './api/year-figures';
import type { LanguageTag } from '../i18n/catalogue';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';

/**
 * Every table of the year's figures as rows of cells under a header, with
 * headings from the catalogue in the language asked: what the statistics
 * page shows and what the exports (CSV, XLSX) hold are the same table.
 */

export type Cell = string | number | null;

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
