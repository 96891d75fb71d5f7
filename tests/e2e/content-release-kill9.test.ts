import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Health } from '../../common/api/health';
import { readSlots } from '../../service/content/release-records';
import { RELEASE_STEPS, releaseFileName, type ReleaseStep } from '../../service/content/release-store';
import { releasePausedLine, TEST_RELEASE_PAUSE_ENV } from '../../service/content/test-release-pause';
import { readRuntimeFile } from '../../service/runtime-file';
import { openRecordsDbReadOnly } from '../../service/storage/records-db';
import { builtVersion, releaseVariant } from '../../service/testing/release-files';
import { apiAnswer, kioskctl, startKiosk, type RunningKiosk } from './harness';

/**
 * A power cut at each step of a content release's install and switch: the
 * real service (its own process) is stopped with kill -9 while it copies the
 * release into its store, after the release passed its checks, and in the
 * middle of the switch; started again on the same data directory, it serves
 * the old release (the one shipped with the software) or the new one —
 * through the content API, not only by its own account — and its store
 * holds exactly the files records.db names, never a half copy.
 *
 * The service reaches each step and waits there (KIOSK_TEST_RELEASE_PAUSE,
 * see service/content/test-release-pause.ts), so the kill lands on the step
 * every time.
 */

const NEW_VERSION = '2026.12.07-e2e00001';
let work: string;
let newRelease: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'kiosk-kill9-release-'));
  newRelease = releaseVariant(join(work, 'new-release.db'), { version: NEW_VERSION });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What a kill at each step must leave served after the restart. */
const AFTER_RESTART: Record<ReleaseStep, 'old' | 'new'> = { copying: 'old', checked: 'old', switching: 'new' };

async function install(kiosk: RunningKiosk, token: string): Promise<Response | undefined> {
  return fetch(`${kiosk.origin}/api/content/install`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ file: newRelease, releaseNumber: 1, version: NEW_VERSION }),
  }).catch(() => undefined);
}

/** The release health names as served (health is no citizen's request: it starts no session). */
async function healthVersion(kiosk: RunningKiosk): Promise<string | undefined> {
  const content = Health.parse((await apiAnswer(kiosk, '/api/health')).json).subsystems.content;
  return content.state === 'ok' ? /release (\S+)/.exec(content.detail ?? '')?.[1] : undefined;
}

/** The citizen leaves: the kiosk is idle, and a waiting release may be switched to. */
async function endSession(kiosk: RunningKiosk): Promise<void> {
  expect((await apiAnswer(kiosk, '/api/session/end', { reason: 'finish' })).status).toBe(200);
}

/** The version the content API answers from, proven by a search and a read through it (as a citizen would: it starts a session). */
async function servedVersion(kiosk: RunningKiosk): Promise<string> {
  const search = await apiAnswer(kiosk, '/api/search', { query: '拖欠工资' });
  expect(search.status).toBe(200);
  expect((search.json as { hits: unknown[] }).hits.length).toBeGreaterThan(0);
  expect((await apiAnswer(kiosk, '/api/content/topics')).status).toBe(200);
  const version = await healthVersion(kiosk);
  if (version === undefined) throw new Error('health does not name the release served');
  return version;
}

describe.concurrent('kill -9 during a content release install and switch', () => {
  for (const step of RELEASE_STEPS) {
    it(`at "${step}": after the restart the ${AFTER_RESTART[step]} release is served, and the store is consistent`, async ({
      expect,
    }) => {
      const dataDir = mkdtempSync(join(work, `${step}-`));
      const first = await startKiosk({ dataDir, env: { [TEST_RELEASE_PAUSE_ENV]: step } });
      try {
        expect(await servedVersion(first)).toBe(builtVersion());
        // The touchscreen may not install anything.
        expect((await install(first, first.secret))?.status).toBe(403);
        await endSession(first);
        const token = readRuntimeFile(dataDir)?.technicianToken ?? '';
        void install(first, token);
        await expect.poll(() => first.stdout.includes(releasePausedLine(step)), { timeout: 20_000 }).toBe(true);
        first.child.kill('SIGKILL');
        await first.exited;
        // The kill landed where it was aimed: mid-copy there is only the partial file, after it the whole one.
        expect(readdirSync(join(dataDir, 'content', 'releases'))).toEqual([
          step === 'copying' ? `${releaseFileName(1)}.partial` : releaseFileName(1),
        ]);
      } finally {
        await first.stop();
      }

      const second = await startKiosk({ dataDir });
      try {
        const expected = AFTER_RESTART[step] === 'new' ? NEW_VERSION : builtVersion();
        expect(await servedVersion(second)).toBe(expected);
        const records = openRecordsDbReadOnly(join(dataDir, 'records.db'));
        const slots = readSlots(records);
        records.close();
        const stored = readdirSync(join(dataDir, 'content', 'releases'));
        if (AFTER_RESTART[step] === 'new') {
          expect(slots.active).toMatchObject({ releaseNumber: 1, version: NEW_VERSION });
          expect(stored).toEqual([releaseFileName(1)]);
          // The technician's view agrees.
          const info = await kioskctl('content', 'info', '--json', '--data-dir', dataDir);
          expect(info.status, info.stderr).toBe(0);
          expect(JSON.parse(info.stdout)).toMatchObject({
            serving: { releaseNumber: 1, version: NEW_VERSION },
            active: { releaseNumber: 1 },
            shipped: { version: builtVersion() },
            highestAccepted: 1,
          });
        } else {
          expect(slots.active).toBeUndefined();
          // The half copy, or the whole one never recorded, is gone.
          expect(stored).toEqual([]);
          // And the release can be installed again: nothing of the cut-off attempt stands in its way. A
          // citizen is at the kiosk (the search above), so it waits for the session to end.
          if (step === 'copying') {
            // As a technician does it.
            const again = await kioskctl(
              'content',
              'install',
              newRelease,
              '--release-number',
              '1',
              '--data-dir',
              dataDir,
            );
            expect(again.status, again.stderr).toBe(0);
            expect(again.stdout).toBe(
              `release 1 (${NEW_VERSION}) installed: served from the next moment no citizen uses the kiosk (see kioskctl content info)\n`,
            );
          } else {
            const again = await install(second, readRuntimeFile(dataDir)?.technicianToken ?? '');
            expect(again?.status).toBe(200);
            expect(await again?.json()).toMatchObject({ releaseNumber: 1, version: NEW_VERSION, switch: 'waiting' });
          }
          expect(await healthVersion(second)).toBe(builtVersion());
          await endSession(second);
          await expect.poll(() => healthVersion(second), { timeout: 10_000 }).toBe(NEW_VERSION);
          expect(await servedVersion(second)).toBe(NEW_VERSION);
        }
      } finally {
        await second.stop();
      }
    });
  }
});
