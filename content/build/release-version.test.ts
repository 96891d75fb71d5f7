import { describe, expect, it } from 'vitest';
import { compareReleaseVersions, releaseVersion } from './release-version';

const DIGEST = 'abcdef0123456789';
const at = (iso: string) => new Date(iso);

describe('release versions', () => {
  it('are the day and the inputs’ hash, numbered after the last one published on that day', () => {
    expect(releaseVersion(at('2026-12-07T08:00:00Z'), DIGEST)).toBe('2026.12.07-abcdef01');
    expect(releaseVersion(at('2026-12-07T08:00:00Z'), DIGEST, '2026.12.06-ffffffff')).toBe('2026.12.07-abcdef01');
    expect(releaseVersion(at('2026-12-07T09:00:00Z'), DIGEST, '2026.12.07-ffffffff')).toBe('2026.12.07.2-abcdef01');
    expect(releaseVersion(at('2026-12-07T10:00:00Z'), DIGEST, '2026.12.07.9-ffffffff')).toBe('2026.12.07.10-abcdef01');
    // A clock behind the last release's day still numbers after it.
    expect(releaseVersion(at('2026-12-05T10:00:00Z'), DIGEST, '2026.12.07.2-ffffffff')).toBe('2026.12.07.3-abcdef01');
    // A version in another form (an upload made elsewhere) is not followed.
    expect(releaseVersion(at('2026-12-07T10:00:00Z'), DIGEST, 'v1')).toBe('2026.12.07-abcdef01');
  });

  it('compare by day, then by their number on it, whatever the hash', () => {
    const ordered = [
      'v1',
      '2026.12.06-ffffffff',
      '2026.12.07-ffffffff',
      '2026.12.07.2-00000000',
      '2026.12.07.10-00000000',
      '2026.12.08-00000000',
    ];
    for (let i = 1; i < ordered.length; i++) {
      expect(compareReleaseVersions(ordered[i]!, ordered[i - 1]!), ordered[i]).toBeGreaterThan(0);
      expect(compareReleaseVersions(ordered[i - 1]!, ordered[i]!), ordered[i]).toBeLessThan(0);
    }
    expect(compareReleaseVersions('2026.12.07-aaaaaaaa', '2026.12.07-bbbbbbbb')).toBe(0);
  });
});
