import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Health } from '../../common/api/health';
import { writeDamagedCopy, type Damage } from './damaged-files';
import {
  kioskctl,
  launchChromium,
  openHome,
  PORTRAIT,
  ROOT,
  startKiosk,
  type RunningKiosk,
  apiAnswer,
} from './harness';

// The release `npm test` builds; each test damages a copy of it.
const RELEASE = join(ROOT, 'dist', 'content', 'content.db');
// One of the tables the search loads when it warms up, 1.5 s after start.
const WARM_UP_TABLE = 'search_synonyms';

const work = mkdtempSync(join(tmpdir(), 'kiosk-damaged-content-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const health = async (kiosk: RunningKiosk): Promise<Health> =>
  Health.parse((await apiAnswer(kiosk, '/api/health')).json);

async function startOnDamagedContent(damage: Damage): Promise<{ kiosk: RunningKiosk; file: string }> {
  const file = join(work, `${damage}-content.db`);
  writeDamagedCopy(RELEASE, file, damage, WARM_UP_TABLE);
  return { kiosk: await startKiosk({ extraArgs: ['--content', file] }), file };
}

describe.each<Damage>(['truncated', 'garbage', 'garbled-pages'])('a %s content.db', (damage) => {
  it('starts, says content is unavailable and why, and keeps serving the rest well past the search warm-up', async () => {
    const { kiosk, file } = await startOnDamagedContent(damage);
    try {
      expect((await health(kiosk)).subsystems.content).toMatchObject({
        state: 'unavailable',
        reason: 'content-unreadable',
        detail: expect.stringContaining(file),
      });
      // The search warm-up runs 1.5 s after start; wait until it is long past.
      await expect
        .poll(async () => (await health(kiosk)).uptimeSeconds, { timeout: 20_000, interval: 500 })
        .toBeGreaterThanOrEqual(5);
      expect(kiosk.child.exitCode).toBeNull();
      expect((await health(kiosk)).subsystems.content).toMatchObject({
        state: 'unavailable',
        reason: 'content-unreadable',
      });

      // What needs content says so…
      expect((await apiAnswer(kiosk, '/api/search', { query: '拖欠工资' })).status).toBe(503);
      expect((await apiAnswer(kiosk, '/api/content/topics')).status).toBe(503);
      // …and what does not still works: devices, printing, submissions.
      expect((await apiAnswer(kiosk, '/api/devices')).status).toBe(200);
      const printed = await apiAnswer(kiosk, '/api/print', {
        title: '测试回执',
        receipt: { blocks: [{ type: 'text', text: '测试' }, { type: 'cut' }] },
      });
      expect(printed.status).toBe(200);
      const submitted = await apiAnswer(kiosk, '/api/submissions', {
        kind: 'rating',
        payload: { subject: 'overall', score: 5 },
        idempotencyKey: randomUUID(),
      });
      expect(submitted.status).toBe(200);
      expect(kiosk.stdout.join('\n')).not.toContain('uncaught exception');
    } finally {
      await kiosk.stop();
    }
  });
});

describe('a content.db the search cannot load from', () => {
  it('passes the check at start, then the warm-up marks content unavailable instead of stopping the service', async () => {
    const file = join(work, 'no-lexicon-content.db');
    copyFileSync(RELEASE, file);
    // Sound pages, but a table the search loads is gone: quick_check cannot see it, the warm-up does.
    const db = new Database(file);
    db.exec('DROP TABLE search_lexicon');
    db.close();
    const kiosk = await startKiosk({ extraArgs: ['--content', file] });
    try {
      await expect
        .poll(async () => (await health(kiosk)).subsystems.content.state, { timeout: 20_000, interval: 250 })
        .toBe('unavailable');
      expect((await health(kiosk)).subsystems.content).toMatchObject({
        reason: 'content-unreadable',
        detail: expect.stringContaining('search_lexicon'),
      });
      expect(kiosk.child.exitCode).toBeNull();
      expect((await apiAnswer(kiosk, '/api/search', { query: '拖欠工资' })).status).toBe(503);
      expect((await apiAnswer(kiosk, '/api/devices')).status).toBe(200);
      expect(kiosk.stdout.join('\n')).toContain('content release is damaged; search and answers are unavailable');
    } finally {
      await kiosk.stop();
    }
  });
});

describe('a kiosk on a damaged content.db', () => {
  let kiosk: RunningKiosk;
  let browser: Browser;
  beforeAll(async () => {
    ({ kiosk } = await startOnDamagedContent('garbled-pages'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
  });

  it('tells the citizen on the home screen, and a content screen says it cannot be read', async () => {
    const { context, page } = await openHome(browser, kiosk, PORTRAIT);
    try {
      await expect.poll(() => page.getByTestId('home-notices').textContent()).toContain('本机的法律资料出了问题');
      await page.getByTestId('tile-lawLookup').tap();
      await expect.poll(() => page.getByTestId('load-failed').textContent()).toContain('法律资料暂时无法查阅');
    } finally {
      await context.close();
    }
  });

  it('kioskctl doctor names the fault', async () => {
    const { status, stdout } = await kioskctl('doctor', '--data-dir', kiosk.dataDir, '--json');
    const checks = JSON.parse(stdout) as { name: string; status: string; detail: string }[];
    expect(checks.find((c) => c.name === 'service: content')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('unavailable — content-unreadable'),
    });
    expect(status).toBe(1);
  });
});
