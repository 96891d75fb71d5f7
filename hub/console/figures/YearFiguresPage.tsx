import { Button, Card, Select, Space, Table, Typography } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REGION_CODE_PATTERN } from '../../../common/hub/accounts';
import type { Me } from '../../../common/hub/api/accounts';
import {
  ANNUAL_LINES,
  FIGURE_TABLES,
  FIGURES_FIRST_YEAR,
  type FigureTable,
  type YearFiguresRequest,
  type YearFiguresResponse,
} from '../../../common/hub/api/year-figures';
import { chinaDay } from '../../../common/hub/china-days';
import { figureSheet, type FigureSheet } from '../../../common/hub/figure-sheets';
import { regionWithin } from '../../../common/hub/rights';
import { useLanguage } from '../../../ui/i18n/use-language';
import { RegionPicker } from '../call-admin/RegionPicker';
import { regionOptions } from '../call-admin/region-options';
import { useHubClient, useHubQuery, useKiosks } from '../data/queries';
import { describeError } from '../shared/format';
import { PageError } from '../shared/PageError';
import { hrefOf } from '../app/routes';
import { saveFile } from './save-file';
import { YearCharts } from './YearCharts';

/** This year in China time, and every year back to the first the hub counts. */
function yearChoices(now: Date): number[] {
  const current = Number(chinaDay(now).slice(0, 4));
  return Array.from({ length: current - FIGURES_FIRST_YEAR + 1 }, (_, i) => current - i);
}

/**
 * 年度统计: a year of the kiosks' use, the legal-aid and mediation cases and
 * the video calls of the regions the caller manages (or one region, or one
 * kiosk) — charts to look at, then the annual table in the shape of the
 * district's report with what each line counts, then every table the
 * exports hold. Exports and the printable report ask the hub with the same
 * filters, so the file says what the page says.
 */
export function YearFiguresPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const kiosks = useKiosks();
  const years = useMemo(() => yearChoices(new Date()), []);
  const [year, setYear] = useState(years[0]!);
  const [region, setRegion] = useState('');
  const [kioskId, setKioskId] = useState<number | null>(null);
  const regionCode = REGION_CODE_PATTERN.test(region) ? region : undefined;
  const body: YearFiguresRequest = {
    year,
    ...(regionCode === undefined ? {} : { regionCode }),
    ...(kioskId === null ? {} : { kioskId }),
  };
  const figures = useHubQuery('yearFigures', body);
  const kioskChoices = (kiosks.data ?? []).filter(
    (k) => regionCode === undefined || regionWithin(regionCode, k.regionCode),
  );
  const yearId = useId();
  const kioskFieldId = useId();

  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        {t('hubFigures.title')}
      </Typography.Title>
      <Typography.Paragraph className="console-lead">{t('hubFigures.lead')}</Typography.Paragraph>
      <Card className="console-gap figures-controls">
        <Space wrap align="end" size="large">
          <div>
            <label htmlFor={yearId} className="console-field-label">
              {t('hubFigures.year')}
            </label>
            <Select
              id={yearId}
              value={year}
              onChange={setYear}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              className="figures-year"
              data-testid="figures-year"
            />
          </div>
          <RegionPicker
            value={region}
            onChange={(r) => {
              setRegion(r);
              setKioskId(null);
            }}
            options={regionOptions(user, kiosks.data?.map((k) => k.regionCode) ?? [])}
            placeholder={t('hubFigures.regionDefault')}
            testId="figures-region"
          />
          <div>
            <label htmlFor={kioskFieldId} className="console-field-label">
              {t('hubFigures.kiosk')}
            </label>
            <Select<number | null>
              id={kioskFieldId}
              value={kioskId}
              onChange={(v) => setKioskId(v ?? null)}
              options={[
                { value: null, label: t('hubFigures.kioskDefault') },
                ...kioskChoices.map((k) => ({ value: k.id, label: `${k.displayName}（${k.regionCode}）` })),
              ]}
              className="figures-kiosk"
              data-testid="figures-kiosk"
            />
          </div>
          <Button onClick={figures.reload} data-testid="figures-refresh">
            {t('hubFigures.refresh')}
          </Button>
        </Space>
      </Card>
      {figures.error !== undefined && <PageError error={figures.error} retry={figures.reload} />}
      {figures.data !== undefined && (
        <div data-testid="year-figures" aria-busy={figures.loading}>
          <Exports asked={body} />
          <YearCharts data={figures.data} />
          <AnnualTable data={figures.data} />
          {FIGURE_TABLES.filter((table) => table !== 'annual').map((table) => (
            <SheetCard key={table} sheet={figureSheet(figures.data!, table, language)} />
          ))}
        </div>
      )}
    </>
  );
}

/** The export buttons: every table as an Excel workbook, one table as CSV, and the printable annual report. */
function Exports({ asked }: { asked: YearFiguresRequest }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useHubClient();
  const [table, setTable] = useState<FigureTable>('annual');
  const [problem, setProblem] = useState<string | null>(null);
  const tableId = useId();
  const download = async (format: 'csv' | 'xlsx'): Promise<void> => {
    setProblem(null);
    try {
      const file = await client.call('yearFiguresExport', {
        ...asked,
        format,
        language,
        ...(format === 'csv' ? { table } : {}),
      });
      saveFile(file);
    } catch (error) {
      setProblem(describeError(t, error));
    }
  };
  return (
    <Card
      className="console-gap figures-controls"
      title={<h2 className="console-section-title">{t('hubFigures.export.title')}</h2>}
    >
      <Space wrap align="end" size="large">
        <Button type="primary" onClick={() => void download('xlsx')} data-testid="figures-export-xlsx">
          {t('hubFigures.export.xlsx')}
        </Button>
        <Space align="end">
          <div>
            <label htmlFor={tableId} className="console-field-label">
              {t('hubFigures.export.csv')}
            </label>
            <Select<FigureTable>
              id={tableId}
              value={table}
              onChange={setTable}
              options={FIGURE_TABLES.map((x) => ({ value: x, label: t(`hubFigures.tables.${x}`) }))}
              className="figures-table-choice"
              data-testid="figures-export-table"
            />
          </div>
          <Button onClick={() => void download('csv')} data-testid="figures-export-csv">
            {t('hubFigures.export.csvTable', { table: t(`hubFigures.tables.${table}`) })}
          </Button>
        </Space>
        <a
          className="ant-btn ant-btn-default figures-print-link"
          href={hrefOf({
            page: 'figures-report',
            year: asked.year,
            regionCode: asked.regionCode ?? null,
            kioskId: asked.kioskId ?? null,
          })}
          data-testid="figures-print"
        >
          {t('hubFigures.export.print')}
        </a>
      </Space>
      {problem !== null && (
        <div role="alert" className="console-field-problem" data-testid="figures-export-problem">
          {t('hubFigures.export.failed', { message: problem })}
        </div>
      )}
    </Card>
  );
}

/** The annual table, with what each line counts beneath it. */
export function AnnualTable({ data }: { data: YearFiguresResponse }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const sheet = figureSheet(data, 'annual', language);
  return (
    <SheetCard
      sheet={sheet}
      title={t('hubFigures.annualTitle', { year: data.year })}
      footer={
        <>
          <h3 className="figures-sums-title">{t('hubFigures.sumsTitle')}</h3>
          <dl className="figures-sums" data-testid="figures-sums">
            {ANNUAL_LINES.map((line) => (
              <div key={line}>
                <dt>{t(`hubFigures.lines.${line}`)}</dt>
                <dd>{t(`hubFigures.lineSums.${line}`)}</dd>
              </div>
            ))}
          </dl>
        </>
      }
    />
  );
}

type SheetRow = { key: number; cells: FigureSheet['rows'][number] };

/** One table of the figures as the exports hold it: its header, its rows; numbers right-aligned. */
export function SheetCard({ sheet, title, footer }: { sheet: FigureSheet; title?: string; footer?: React.ReactNode }) {
  const rows: SheetRow[] = sheet.rows.map((cells, key) => ({ key, cells }));
  return (
    <Card
      className="console-gap figures-sheet"
      title={<h2 className="console-section-title">{title ?? sheet.title}</h2>}
      data-testid={`figures-${sheet.table}`}
    >
      {/* Wider than the card with all its columns: scrolled sideways, by keyboard too (a focusable region named by its table). */}
      <div className="figures-sheet__scroll" tabIndex={0} role="region" aria-label={title ?? sheet.title}>
        <Table<SheetRow>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={sheet.header.map((heading, i) => ({
            key: String(i),
            title: heading,
            align: i === 0 ? 'left' : 'right',
            render: (_v: unknown, r: SheetRow) => r.cells[i] ?? '—',
          }))}
        />
      </div>
      {footer}
    </Card>
  );
}
