import { Button, Card, Descriptions, Input, Space, Table, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REGION_CODE_PATTERN } from '../../../common/hub/accounts';
import type { Me } from '../../../common/hub/api/accounts';
import {
  FIGURES_MAX_DAYS,
  type CallCounts,
  type CallFiguresResponse,
  type LawyerCounts,
  type Percentiles,
} from '../../../common/hub/api/call-figures';
import { REFERRALS } from '../../../common/hub/api/call-records';
import type { hubCallAdminZhCN } from '../../../common/i18n/sections/hub-call-admin';
import { daysSpanned, isDay } from '../../../common/hub/china-days';
import { formatWait } from '../calls/QueueCard';
import { useHubQuery, useKiosks } from '../data/queries';
import { PageError } from '../shared/PageError';
import { RegionPicker } from './RegionPicker';
import { figurePresets, type DayRange } from './figure-ranges';
import { regionOptions } from './region-options';

type MonthRow = CallFiguresResponse['byMonth'][number];
type FigureColumn = keyof typeof hubCallAdminZhCN.figures.columns;
type KioskRow = CallFiguresResponse['byKiosk'][number];

const validRange = (r: DayRange): boolean =>
  isDay(r.from) && isDay(r.to) && r.from <= r.to && daysSpanned(r.from, r.to) <= FIGURES_MAX_DAYS;

/**
 * 通话统计: the call figures of a range of days in China time (this month
 * to start with), for the regions the caller manages or one of them: the
 * totals, then a table per month, per lawyer and per kiosk. Refused
 * requests are counted beside the calls offered, never among them.
 */
export function CallFiguresPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  const kiosks = useKiosks();
  const presets = figurePresets(new Date());
  const [typed, setTyped] = useState<DayRange>(presets.thisMonth);
  const [asked, setAsked] = useState<DayRange>(presets.thisMonth);
  const [region, setRegion] = useState('');
  const body = { ...asked, ...(REGION_CODE_PATTERN.test(region) ? { regionCode: region } : {}) };
  const figures = useHubQuery('callFigures', body);
  const data = figures.data;

  const choose = (range: DayRange): void => {
    setTyped(range);
    if (validRange(range)) setAsked(range);
  };

  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        {t('hubCallAdmin.figures.title')}
      </Typography.Title>
      <Typography.Paragraph className="console-lead">{t('hubCallAdmin.figures.lead')}</Typography.Paragraph>
      <Card className="console-gap">
        <Space wrap align="end" size="large">
          <DateField
            label={t('hubCallAdmin.figures.from')}
            value={typed.from}
            onChange={(from) => choose({ ...typed, from })}
            testId="figures-from"
          />
          <DateField
            label={t('hubCallAdmin.figures.to')}
            value={typed.to}
            onChange={(to) => choose({ ...typed, to })}
            testId="figures-to"
          />
          <Space wrap>
            {(['thisMonth', 'lastMonth', 'thisYear'] as const).map((p) => (
              <Button key={p} onClick={() => choose(presets[p])} data-testid={`figures-${p}`}>
                {t(`hubCallAdmin.figures.presets.${p}`)}
              </Button>
            ))}
          </Space>
          <RegionPicker
            value={region}
            onChange={setRegion}
            options={regionOptions(user, kiosks.data?.map((k) => k.regionCode) ?? [])}
            placeholder={t('hubCallAdmin.figures.regionDefault')}
            testId="figures-region"
          />
          <Button onClick={figures.reload} data-testid="figures-refresh">
            {t('hubCallAdmin.figures.refresh')}
          </Button>
        </Space>
        {!validRange(typed) && (
          <div role="alert" className="console-field-problem" data-testid="figures-range-problem">
            {t('hubCallAdmin.figures.rangeInvalid', { max: FIGURES_MAX_DAYS })}
          </div>
        )}
      </Card>
      {figures.error !== undefined && <PageError error={figures.error} retry={figures.reload} />}
      {data !== undefined && <Figures data={data} loading={figures.loading} />}
    </>
  );
}

/** A day, picked with the browser's own date field (keyboard and screen readers know it; no date library needed). */
function DateField({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  onChange: (day: string) => void;
  testId: string;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="console-field-label">
        {label}
      </label>
      <Input
        id={id}
        type="date"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="console-date-input"
        data-testid={testId}
      />
    </div>
  );
}

function Figures({ data, loading }: { data: CallFiguresResponse; loading: boolean }) {
  const { t } = useTranslation();
  const c = (key: FigureColumn) => t(`hubCallAdmin.figures.columns.${key}`);
  const total = data.total;
  const rate =
    total.offered === 0
      ? t('hubCallAdmin.figures.none')
      : t('hubCallAdmin.figures.percent', { value: Math.round((100 * total.answered) / total.offered) });

  return (
    <div data-testid="figures" aria-busy={loading}>
      <Card
        className="console-gap"
        title={<h2 className="console-section-title">{t('hubCallAdmin.figures.total')}</h2>}
        data-testid="figures-total"
      >
        <Descriptions
          bordered
          size="small"
          column={4}
          items={[
            item('offered', c('offered'), total.offered),
            item('answered', c('answered'), total.answered),
            item('rate', t('hubCallAdmin.figures.answerRate'), rate),
            ...(
              [
                'abandoned',
                'missed',
                'droppedWaiting',
                'droppedInCall',
                'open',
                'refusedOutsideHours',
                'refusedNoLawyer',
              ] as const
            ).map((key) => item(key, c(key), total[key])),
            item('wait', c('wait'), pairText(t, total.waitSeconds)),
            item('duration', c('duration'), pairText(t, total.durationSeconds)),
            item('recorded', c('recorded'), total.recorded),
            ...REFERRALS.map((r) => item(r, t(`hubCalls.record.referrals.${r}`), total.referrals[r])),
          ]}
        />
      </Card>
      <FigureTable<MonthRow>
        title={t('hubCallAdmin.figures.byMonth')}
        testId="figures-by-month"
        rows={data.byMonth}
        rowKey="month"
        columns={[{ key: 'month', title: c('month'), render: (_v, r) => r.month }, ...countColumns<MonthRow>(t)]}
      />
      <FigureTable<LawyerCounts>
        title={t('hubCallAdmin.figures.byLawyer')}
        testId="figures-by-lawyer"
        empty={t('hubCallAdmin.figures.noLawyers')}
        rows={data.byLawyer}
        rowKey="lawyerId"
        columns={[
          { key: 'lawyer', title: c('lawyer'), render: (_v, r) => r.lawyerName },
          { key: 'answered', title: c('answered'), render: (_v, r) => r.answered },
          { key: 'droppedInCall', title: c('droppedInCall'), render: (_v, r) => r.droppedInCall },
          { key: 'offersUnanswered', title: c('offersUnanswered'), render: (_v, r) => r.offersUnanswered },
          { key: 'wait', title: c('wait'), render: (_v, r) => pairText(t, r.waitSeconds) },
          { key: 'duration', title: c('duration'), render: (_v, r) => pairText(t, r.durationSeconds) },
          { key: 'recorded', title: c('recorded'), render: (_v, r) => r.recorded },
          { key: 'referrals', title: c('referrals'), render: (_v, r) => referralText(r.referrals) },
        ]}
      />
      <FigureTable<KioskRow>
        title={t('hubCallAdmin.figures.byKiosk')}
        testId="figures-by-kiosk"
        empty={t('hubCallAdmin.figures.noKiosks')}
        rows={data.byKiosk}
        rowKey="kioskId"
        columns={[
          {
            key: 'kiosk',
            title: c('kiosk'),
            render: (_v, r) => (
              <Space orientation="vertical" size={0}>
                <span>{r.kioskName}</span>
                <Typography.Text type="secondary">{r.regionCode}</Typography.Text>
              </Space>
            ),
          },
          ...countColumns<KioskRow>(t),
        ]}
      />
    </div>
  );
}

function FigureTable<T extends object>({
  title,
  testId,
  rows,
  rowKey,
  columns,
  empty,
}: {
  title: string;
  testId: string;
  rows: readonly T[];
  rowKey: keyof T & string;
  columns: TableColumnsType<T>;
  empty?: string;
}) {
  return (
    <Card className="console-gap" title={<h2 className="console-section-title">{title}</h2>} data-testid={testId}>
      {rows.length === 0 && empty !== undefined ? (
        <Typography.Text className="console-muted">{empty}</Typography.Text>
      ) : (
        <Table<T> rowKey={rowKey} columns={columns} dataSource={[...rows]} pagination={false} size="small" />
      )}
    </Card>
  );
}

/** The columns of a set of calls' figures (a month's, a kiosk's), after its name. */
function countColumns<T extends CallCounts>(t: TFunction): TableColumnsType<T> {
  const c = (key: FigureColumn) => t(`hubCallAdmin.figures.columns.${key}`);
  const count = (key: FigureColumn & keyof CallCounts) => ({
    key,
    title: c(key),
    render: (_v: unknown, r: T) => String(r[key]),
  });
  return [
    count('offered'),
    count('answered'),
    count('abandoned'),
    count('missed'),
    count('droppedWaiting'),
    count('droppedInCall'),
    count('open'),
    count('refusedOutsideHours'),
    count('refusedNoLawyer'),
    { key: 'wait', title: c('wait'), render: (_v, r) => pairText(t, r.waitSeconds) },
    { key: 'duration', title: c('duration'), render: (_v, r) => pairText(t, r.durationSeconds) },
    { key: 'referrals', title: c('referrals'), render: (_v, r) => referralText(r.referrals) },
  ];
}

function pairText(t: TFunction, p: Percentiles): string {
  const one = (s: number | null) => (s === null ? t('hubCallAdmin.figures.none') : formatWait(t, s));
  return t('hubCallAdmin.figures.pair', { p50: one(p.p50), p90: one(p.p90) });
}

const referralText = (r: CallCounts['referrals']): string => REFERRALS.map((k) => r[k]).join('/');

/** One figure of the totals, its value marked for the page's tests. */
const item = (key: string, label: string, value: string | number) => ({
  key,
  label,
  children: <span data-testid={`total-${key}`}>{value}</span>,
});
