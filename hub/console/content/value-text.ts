import type { TFunction } from 'i18next';
import { WEEKDAYS } from '../../../common/hub/opening-hours';

/** A field's value as a reviewer reads it: lists one entry a line, steps with their time limits, duty hours by weekday. */
export function valueText(t: TFunction, value: unknown): string {
  if (value === undefined || value === null || value === '') return t('hubContent.editor.none');
  if (typeof value === 'string') return value;
  if (Array.isArray(value))
    return value.length === 0 ? t('hubContent.editor.none') : value.map((v) => valueText(t, v)).join('\n');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.step === 'string')
      return typeof record.timeLimit === 'string' && record.timeLimit !== ''
        ? `${record.step}（${t('answer.timeLimit')}：${record.timeLimit}）`
        : record.step;
    if (typeof record.name === 'string') return `${record.name} ${String(record.number ?? '')}`;
    if (WEEKDAYS.some((d) => d in record))
      return WEEKDAYS.map((d) => {
        const ranges = (record[d] as string[] | undefined) ?? [];
        return `${t(`hubFleet.weekdays.${d}`)} ${ranges.length === 0 ? t('hubFleet.closed') : ranges.join('、')}`;
      }).join('\n');
  }
  return JSON.stringify(value);
}
