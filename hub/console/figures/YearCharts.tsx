import { Card } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { YearFiguresResponse } from '../../../common/hub/api/year-figures';
import type { hubFiguresZhCN } from '../../../common/i18n/sections/hub-figures';
import { FigureChart, type ChartOption } from './FigureChart';

/** Colours with at least 3:1 contrast on white, told apart by their order in the legend and tooltip too. */
const PALETTE = ['#1f5fa8', '#b45309', '#2f7d32', '#7b3fa0', '#b3261e'];

/**
 * The year as pictures: use per month (bars), the legal-aid and mediation
 * funnels, and the regions side by side. Every number drawn is in a table
 * below, which each chart's label says.
 */
export function YearCharts({ data }: { data: YearFiguresResponse }) {
  const { t } = useTranslation();
  const col = (key: keyof typeof hubFiguresZhCN.columns): string => t(`hubFigures.columns.${key}`);

  const monthly = useMemo((): ChartOption => {
    const series = (['consultations', 'lawLookups', 'searches', 'disputeScreenings', 'callsAnswered'] as const).map(
      (key) => ({ name: col(key), type: 'bar', data: data.byMonth.map((m) => m[key]) }),
    );
    return {
      color: PALETTE,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { top: 48, left: 48, right: 16, bottom: 32 },
      xAxis: { type: 'category', data: data.byMonth.map((m) => m.month.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    };
    // The column names follow the language; `t` changes with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, t]);

  const funnel = (steps: [string, number][]): ChartOption => ({
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
        data: steps.map(([name, value]) => ({ name, value })),
      },
    ],
  });
  const total = data.total;
  const legalAid = useMemo(
    () =>
      funnel([
        [col('legalAidChecks'), total.legalAidChecks],
        [col('legalAidApplications'), total.legalAidApplications],
        [col('legalAidAccepted'), total.legalAidAccepted],
        [col('legalAidAssigned'), total.legalAidAssigned],
      ]),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, t],
  );
  const mediation = useMemo(
    () =>
      funnel([
        [col('disputeScreenings'), total.disputeScreenings],
        [col('mediationRequests'), total.mediationRequests],
        [col('mediationAccepted'), total.mediationAccepted],
        [col('mediationSettled'), total.mediationSettled],
      ]),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, t],
  );
  const byRegion = useMemo(
    (): ChartOption => ({
      color: PALETTE,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { top: 48, left: 48, right: 16, bottom: 32 },
      xAxis: { type: 'category', data: data.byRegion.map((r) => r.regionCode) },
      yAxis: { type: 'value', minInterval: 1 },
      series: (['consultations', 'legalAidApplications', 'mediationRequests'] as const).map((key) => ({
        name: col(key),
        type: 'bar',
        data: data.byRegion.map((r) => r[key]),
      })),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, t],
  );

  const chart = (key: string, title: string, label: string, option: ChartOption) => (
    <Card key={key} className="console-gap figures-chart" title={<h2 className="console-section-title">{title}</h2>}>
      <FigureChart option={option} label={label} testId={`figures-chart-${key}`} />
    </Card>
  );
  return (
    <div className="figures-charts">
      {chart('monthly', t('hubFigures.charts.monthly'), t('hubFigures.charts.monthlyLabel'), monthly)}
      <div className="figures-chart-pair">
        {chart('legal-aid', t('hubFigures.charts.legalAid'), t('hubFigures.charts.legalAidLabel'), legalAid)}
        {chart('mediation', t('hubFigures.charts.mediation'), t('hubFigures.charts.mediationLabel'), mediation)}
      </div>
      {chart('by-region', t('hubFigures.charts.byRegion'), t('hubFigures.charts.byRegionLabel'), byRegion)}
    </div>
  );
}
