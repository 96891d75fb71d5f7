import { describe, expect, it } from 'vitest';
import { formatLegalDate, formatPrintedAt } from './dates';

describe('formatLegalDate', () => {
  it('writes a full date the way each language reads it', () => {
    expect(formatLegalDate('2012-12-28', 'zh-CN')).toBe('2012年12月28日');
    expect(formatLegalDate('2012-12-28', 'en')).toBe('28 December 2012');
    expect(formatLegalDate('2021-01-01', 'zh-CN')).toBe('2021年1月1日');
  });

  it('never invents a day or a month the release does not give', () => {
    expect(formatLegalDate('2023', 'zh-CN')).toBe('2023年');
    expect(formatLegalDate('2023', 'en')).toBe('2023');
    expect(formatLegalDate('2023-09', 'zh-CN')).toBe('2023年9月');
    expect(formatLegalDate('2023-09', 'en')).toBe('September 2023');
  });

  it('shows anything else as it is', () => {
    expect(formatLegalDate('2023-13-01', 'zh-CN')).toBe('2023-13-01');
    expect(formatLegalDate('二〇二三年', 'en')).toBe('二〇二三年');
  });
});

describe('formatPrintedAt', () => {
  it('gives the local date and time to the minute', () => {
    const d = new Date(2025, 0, 5, 9, 7, 30);
    expect(formatPrintedAt(d, 'zh-CN')).toBe('2025年1月5日 09:07');
    expect(formatPrintedAt(d, 'en')).toBe('5 January 2025, 09:07');
  });
});
