import { BarChart, FunnelChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the statistics page draws, so the console's bundle carries no more of ECharts than that.
echarts.use([BarChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * One ECharts chart, drawn as SVG (sharp when printed) and resized with its
 * box. A chart is a picture to screen readers: `label` says what it shows
 * and where its numbers are in a table, which every chart on the page has.
 */
export function FigureChart({
  option,
  label,
  testId,
  height = 320,
}: {
  option: ChartOption;
  label: string;
  testId: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const c = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    const resized = new ResizeObserver(() => c.resize());
    resized.observe(el);
    return () => {
      resized.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // No animation: the numbers are there at once, for people and for the page's tests alike.
    chart.current?.setOption({ animation: false, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ height, width: '100%' }} />;
}
