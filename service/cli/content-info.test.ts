import { describe, expect, it } from 'vitest';
import { formatOverview } from './content-info';

const installed = (releaseNumber: number, version: string) => ({
  releaseNumber,
  version,
  file: `content-release-${releaseNumber}.db`,
  installedAt: '2026-12-07T12:00:00.000Z',
});

describe('kioskctl content info', () => {
  it('shows the release served, the active, previous and shipped ones, and the last problem with its reason', () => {
    const lines = formatOverview({
      serving: {
        releaseNumber: 3,
        version: 'v3',
        file: '/data/content/releases/content-release-3.db',
        since: '2026-12-07T12:05:00.000Z',
      },
      active: installed(4, 'v4'),
      previous: installed(3, 'v3'),
      shipped: { version: 'v0', file: '/opt/kiosk/content/content.db' },
      pending: installed(4, 'v4'),
      highestAccepted: 5,
      lastProblem: {
        at: '2026-12-07T12:10:00.000Z',
        kind: 'refused',
        releaseNumber: 5,
        version: 'v5',
        reason: 'search-self-test',
        detail: 'the search finds nothing for “离婚”',
      },
    });
    expect(lines).toEqual([
      expect.stringMatching(/^serving {3}release 3 {2}v3 {2}since 2026-12-07 \d\d:05/),
      expect.stringMatching(/^active {4}4 {2}v4 {2}installed 2026-12-07 /),
      expect.stringMatching(/^previous {2}3 {2}v3 {2}installed /),
      'shipped   0  v0  /opt/kiosk/content/content.db',
      'pending   release 4 is served from the next moment no citizen uses the kiosk',
      'accepted  only releases above 5',
      expect.stringMatching(
        /^problems {2}refused release 5 \(search-self-test\) at 2026-12-07 .*: the search finds nothing for “离婚”$/,
      ),
    ]);
  });

  it('says when nothing was installed and nothing went wrong', () => {
    const lines = formatOverview({
      serving: {
        releaseNumber: 0,
        version: 'v0',
        file: '/opt/kiosk/content/content.db',
        since: '2026-12-07T12:05:00.000Z',
      },
      active: undefined,
      previous: undefined,
      shipped: { version: 'v0', file: '/opt/kiosk/content/content.db' },
      pending: undefined,
      highestAccepted: 0,
      lastProblem: undefined,
    });
    expect(lines[0]).toMatch(/^serving {3}shipped release {2}v0 /);
    expect(lines.slice(1, 3)).toEqual(['active    none', 'previous  none']);
    expect(lines.at(-1)).toBe('problems  none');
  });
});
