import { describe, expect, it } from 'vitest';
import { hrefOf, navFor, parseRoute, type ConsoleRoute } from './routes';

describe('console routes', () => {
  it('reads every page back from the link it makes', () => {
    const routes: ConsoleRoute[] = [
      { page: 'fleet' },
      { page: 'kiosk', id: 42 },
      { page: 'releases' },
      { page: 'content' },
      { page: 'content-kind', kind: 'service-line' },
      { page: 'content-item', kind: 'faq', itemId: 'wages-unpaid-what-to-do' },
      { page: 'content-item', kind: 'notice', itemId: null },
      { page: 'content-review' },
      { page: 'enroll-codes' },
      { page: 'users' },
      { page: 'audit' },
      { page: 'reception' },
      { page: 'call-history' },
      { page: 'duty-roster' },
      { page: 'call-figures' },
      { page: 'figures' },
      { page: 'figures-report', year: 2026, regionCode: null, kioskId: null },
      { page: 'figures-report', year: 2026, regionCode: '420100', kioskId: 3 },
      { page: 'cases' },
      { page: 'case', id: 7 },
      { page: 'feedback' },
    ];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
    expect(parseRoute('')).toEqual({ page: 'home' });
    expect(parseRoute('#/')).toEqual({ page: 'home' });
    expect(parseRoute('#/kiosks/x')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/fleet/')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/figures/report/26')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/content/poems')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/content/faq/Not_An_Id')).toEqual({ page: 'not-found' });
  });

  it('shows each role the links its routes let it use', () => {
    // Content editing and its review are the whole fleet's: administrators only, not regional ones.
    expect(navFor('administrator')).toEqual([
      'fleet',
      'releases',
      'content',
      'content-review',
      'enroll-codes',
      'users',
      'duty-roster',
      'call-figures',
      'figures',
      'cases',
      'feedback',
      'audit',
    ]);
    expect(navFor('regional-administrator')).toEqual([
      'fleet',
      'releases',
      'enroll-codes',
      'users',
      'duty-roster',
      'call-figures',
      'figures',
      'cases',
      'feedback',
    ]);
    // A lawyer's console is the 视频接待 page (the home page too), their own calls, and the callbacks to make.
    expect(navFor('lawyer')).toEqual(['reception', 'call-history', 'feedback']);
    // A case officer's is the case desk.
    expect(navFor('case-officer')).toEqual(['cases', 'feedback']);
  });
});
