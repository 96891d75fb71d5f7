import { describe, expect, it } from 'vitest';
import { releaseLineSupport } from './node-release-lines';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('whether a Node.js release line still gets security fixes', () => {
  it('Node 20 ended on 2026-04-30', () => {
    expect(releaseLineSupport('v20.19.5', day('2026-04-30'))).toMatchObject({ state: 'ending', daysLeft: 0 });
    expect(releaseLineSupport('v20.19.5', day('2026-05-01'))).toEqual({ state: 'ended', endOfLife: '2026-04-30' });
  });

  it('Node 24 is supported until 2028-04-30, with a warning in its last 90 days', () => {
    expect(releaseLineSupport('v24.11.1', day('2026-12-07'))).toMatchObject({
      state: 'supported',
      endOfLife: '2028-04-30',
    });
    expect(releaseLineSupport('24.11.1', day('2028-01-30'))).toMatchObject({ state: 'supported', daysLeft: 91 });
    expect(releaseLineSupport('24.11.1', day('2028-01-31'))).toMatchObject({ state: 'ending', daysLeft: 90 });
    expect(releaseLineSupport('24.11.1', day('2028-05-01'))).toMatchObject({ state: 'ended' });
  });

  it('an odd line ends after months, not years', () => {
    expect(releaseLineSupport('v25.2.0', day('2026-12-07'))).toEqual({ state: 'ended', endOfLife: '2026-06-01' });
  });

  it('a line older than the table has ended; a newer one is unknown', () => {
    expect(releaseLineSupport('v16.20.2', day('2026-12-07'))).toEqual({ state: 'ended', endOfLife: undefined });
    expect(releaseLineSupport('v30.0.0', day('2026-12-07'))).toEqual({ state: 'unknown' });
    expect(releaseLineSupport('not a version', day('2026-12-07'))).toEqual({ state: 'unknown' });
  });
});
