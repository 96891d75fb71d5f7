import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Updater } from 'tuf-js';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DelegatedRoleNameError, listedTargets } from './listed-targets';

// The metadata as tuf-js leaves it verified in the kiosk's folder; the lookup that loads a delegated role is
// stood in for (tests/e2e/content-online-release.test.ts runs the real one against a hub).
const scratch = mkdtempSync(join(tmpdir(), 'listed-targets-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const entry = (sha256: string) => ({ length: 1, hashes: { sha256 } });
function metadataDir(name: string, files: Record<string, unknown>): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, signed] of Object.entries(files)) writeFileSync(join(dir, file), JSON.stringify({ signed }));
  return dir;
}
const lookups = () => {
  const getTargetInfo = vi.fn(async () => undefined);
  return { updater: { getTargetInfo } as unknown as Updater, getTargetInfo };
};

describe('the targets a kiosk sees', () => {
  it('are the top-level ones, then the delegated role’s within its paths only', async () => {
    const dir = metadataDir('delegated', {
      'targets.json': {
        targets: { 'content-release-1.db': entry('top') },
        delegations: { roles: [{ name: 'releases', paths: ['content-release-*'] }] },
      },
      'releases.json': {
        targets: {
          'content-release-1.db': entry('shadow'),
          'content-release-2.db': entry('two'),
          'kiosk-app-3.tar': entry('app'),
          'other/content-release-4.db': entry('path'),
        },
      },
    });
    const { updater, getTargetInfo } = lookups();
    expect(await listedTargets(updater, dir)).toEqual(
      new Map([
        ['content-release-1.db', 'top'],
        ['content-release-2.db', 'two'],
      ]),
    );
    expect(getTargetInfo).toHaveBeenCalledWith('content-release-0.db');
  });

  it('look up nothing more without a delegation, and refuse a role name that is a path', async () => {
    const plain = metadataDir('plain', { 'targets.json': { targets: { 'content-release-1.db': entry('top') } } });
    const { updater, getTargetInfo } = lookups();
    expect(await listedTargets(updater, plain)).toEqual(new Map([['content-release-1.db', 'top']]));
    expect(getTargetInfo).not.toHaveBeenCalled();
    const sly = metadataDir('sly', {
      'targets.json': { targets: {}, delegations: { roles: [{ name: '../root', paths: ['content-release-*'] }] } },
    });
    await expect(listedTargets(updater, sly)).rejects.toBeInstanceOf(DelegatedRoleNameError);
  });
});
