import { describe, expect, it } from 'vitest';
import { STAT_METRICS, StatKey } from './stats';
import { USAGE_METRICS, UsageRequest } from './usage';

describe('POST /api/usage bodies', () => {
  it('accepts screen events with code keys', () => {
    for (const body of [
      { metric: 'consultation', key: 'labour-wages/unpaid-wages' },
      { metric: 'legal-aid-check', key: 'likely-eligible' },
      { metric: 'template-printed', key: 'iou' },
      { metric: 'calculator', key: 'overtime-pay' },
      { metric: 'calculator' },
    ]) {
      expect(UsageRequest.safeParse(body).success, JSON.stringify(body)).toBe(true);
    }
  });
  it('refuses submissions (the service counts those when it stores them) and unknown metrics', () => {
    for (const metric of ['mediation-request', 'legal-aid-application', 'rating', 'visits'])
      expect(UsageRequest.safeParse({ metric, key: 'x' }).success, metric).toBe(false);
  });
  it('refuses any key that could carry personal data', () => {
    for (const key of [
      '13812345678',
      'phone-138',
      '张三',
      'Labour',
      'a b',
      'x'.repeat(65),
      'id/420111199001011234',
      '',
    ]) {
      expect(UsageRequest.safeParse({ metric: 'consultation', key }).success, key).toBe(false);
    }
  });
  it('is a subset of the stored metrics, and every key it accepts the store accepts too', () => {
    for (const m of USAGE_METRICS) expect(STAT_METRICS).toContain(m);
    expect(StatKey.safeParse('labour-wages/unpaid-wages').success).toBe(true);
  });
});
