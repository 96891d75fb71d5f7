import { describe, expect, it } from 'vitest';
import { figurePresets } from './figure-ranges';

describe('the figures page’s ranges', () => {
  it('are this month and year so far and last month whole, in China time', () => {
    // 00:30 on 1 March 2026 in China.
    expect(figurePresets(new Date('2026-02-28T16:30:00Z'))).toEqual({
      thisMonth: { from: '2026-03-01', to: '2026-03-01' },
      lastMonth: { from: '2026-02-01', to: '2026-02-28' },
      thisYear: { from: '2026-01-01', to: '2026-03-01' },
    });
    expect(figurePresets(new Date('2027-01-15T04:00:00Z')).lastMonth).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});
