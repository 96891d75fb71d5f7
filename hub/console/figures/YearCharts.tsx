import { Card } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FigureCounts, YearFiguresResponse } from '../../../common/hub/api/year-figures';
import { FigureChart, type ChartOption } from './FigureChart';

/** Colours with at least 3:1 contrast on white, told apart by their order in the legend and tooltip too. */
const PALETTE = ['#1f5fa8', '#b45309', '#2f7d32', '#7b3fa0', '#b3261e'];

type CountKey = { [K in keyof FigureCounts]: FigureCounts[K] extends number ? K : never }[keyof FigureCounts];

const MONTHLY: readonly CountKey[] = ['consultations', 'lawLookups', 'searches', 'disputeScreenings', 'callsAnswered'];
const LEGAL_AID: readonly CountKey[] = [
  'legalAidChecks',
  'legalAidApplications',
  'legalAidAccepted',
  'legalAidAssigned',
];
const MEDIATION: readonly CountKey[] = [
  'disputeScreenings',
  'mediationRequests',
  'mediationAccepted',
  'mediationSettled',
];
const BY_REGION: readonly CountKey[] = ['consultations', 'legalAidApplications', 'mediationRequests'];

/** Bars of `keys`, one group per row of `rows` named by `name`. */
function bars(
  t: TFunction,
  rows: readonly FigureCounts[],
  name: (i: number) => string,
  keys: readonly CountKey[],
): ChartOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { top: 48, left: 48, right: 16, bottom: 32 },
    xAxis: { type: 'category', data: rows.map((_, i) => name(i)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: keys.map((key) => ({ name: t(`hubFigures.columns.${key}`), type: 'bar', data: rows.map((r) => r[key]) })),
  };
}

/** A funnel of `steps` of the year's total, in their order (not sorted by size: a step can only narrow). */
function funnel(t: TFunction, total: FigureCounts, steps: readonly CountKey[]): ChartOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        minSize: '8%',
        left: 24,
        right: 24,
        top: 16,
        bottom: 16,
        label: { show: true, position: 'inside', color: '#fff', formatter: '{b}: {c}' },
        data: steps.map((key) => ({ name: t(`hubFigures.columns.${key}`), value: total[key] })),
      },
    ],
  };
}

/**
 * The year as pictures: use per month (bars), the legal-aid and mediation
 * funnels, and the regions side by side. Every number drawn is in a table
 * below, which each chart's label says.
 */
export function YearCharts({ data }: { data: YearFiguresResponse }) {
  const { t } = useTranslation();
  // Made again when the figures or the language change, not at every render (a new option redraws the chart).
  const options = useMemo(
    () => ({
      monthly: bars(t, data.byMonth, (i) => data.byMonth[i]!.month.slice(5), MONTHLY),
      legalAid: funnel(t, data.total, LEGAL_AID),
      mediation: funnel(t, data.total, MEDIATION),
      byRegion: bars(t, data.byRegion, (i) => data.byRegion[i]!.regionCode, BY_REGION),
    }),
    [data, t],
  );

  const chart = (key: string, title: string, label: string, option: ChartOption) => (
    <Card key={key} className="console-gap figures-chart" title={<h2 className="console-section-title">{title}</h2>}>
      <FigureChart option={option} label={label} testId={`figures-chart-${key}`} />
    </Card>
  );
  return (
    <div className="figures-charts">
      {chart('monthly', t('hubFigures.charts.monthly'), t('hubFigures.charts.monthlyLabel'), options.monthly)}
      <div className="figures-chart-pair">
        {chart('legal-aid', t('hubFigures.charts.legalAid'), t('hubFigures.charts.legalAidLabel'), options.legalAid)}
        {chart('mediation', t('hubFigures.charts.mediation'), t('hubFigures.charts.mediationLabel'), options.mediation)}
      </div>
      {chart('by-region', t('hubFigures.charts.byRegion'), t('hubFigures.charts.byRegionLabel'), options.byRegion)}
    </div>
  );
}
