import { describe, expect, it } from 'vitest';
import { regionOptions } from './region-options';

describe('regions offered to an administrator', () => {
  it('are the kiosks’ regions with their cities and provinces, and the caller’s own', () => {
    const admin = { id: 1, role: 'administrator' as const, regionCode: null };
    expect(regionOptions(admin, ['420111', '420102', '440111', '420111'])).toEqual([
      '420000',
      '420100',
      '420102',
      '420111',
      '440000',
      '440100',
      '440111',
    ]);
    expect(regionOptions(admin, [])).toEqual([]);
  });

  it('leave out what a regional administrator does not manage', () => {
    const wuhan = { id: 2, role: 'regional-administrator' as const, regionCode: '420100' };
    expect(regionOptions(wuhan, ['420111', '440111'])).toEqual(['420100', '420111']);
  });
});
