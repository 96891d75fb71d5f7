import { describe, expect, it } from 'vitest';
import { formatWaitingAge, waitingAge } from './outbox-wait';

const NOW = Date.parse('2026-03-05T08:00:00Z');

describe('the oldest waiting submission’s age', () => {
  it('is in minutes under an hour, hours under a day, then whole days', () => {
    expect(waitingAge('2026-03-05T07:31:10Z', NOW)).toEqual({ value: 28, unit: 'minute' });
    expect(waitingAge('2026-03-05T07:00:00Z', NOW)).toEqual({ value: 1, unit: 'hour' });
    expect(waitingAge('2026-03-04T08:00:01Z', NOW)).toEqual({ value: 23, unit: 'hour' });
    expect(waitingAge('2026-03-03T07:00:00Z', NOW)).toEqual({ value: 2, unit: 'day' });
    // A kiosk clock ahead of ours.
    expect(waitingAge('2026-03-05T08:05:00Z', NOW)).toEqual({ value: 0, unit: 'minute' });
  });

  it('reads as people say it, in Chinese and in English', () => {
    expect(formatWaitingAge('2026-03-03T07:00:00Z', NOW, 'zh-CN')).toBe('2天前');
    expect(formatWaitingAge('2026-03-03T07:00:00Z', NOW, 'en')).toBe('2 days ago');
    expect(formatWaitingAge('2026-03-04T07:00:00Z', NOW, 'en')).toBe('1 day ago');
    expect(formatWaitingAge('2026-03-05T05:00:00Z', NOW, 'zh-CN')).toBe('3小时前');
  });
});
