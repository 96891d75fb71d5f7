import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  COMMAND_SCREENSHOT_MAX_BYTES,
  type FleetCommandKind,
  type KioskCommandResultRequest,
} from '../../common/hub/api/fleet-commands';
import { createLogger } from '../../server-kit/logger';
import { openRecordsDb } from '../storage/records-db';
import type { ScreenCapturer } from '../shell/shell-capture';
import { HubCommands } from './hub-commands';
import { HubRefusedError } from './hub-client';
import type { KioskIdentity } from './hub-identity';
import { RecentLogLines, lastLines } from './recent-log';

const IDENTITY: KioskIdentity = {
  enrollment: {
    hubUrl: 'http://127.0.0.1:1',
    kioskId: 1,
    keyFingerprint: 'test',
    enrolledAt: '2026-12-07T08:00:00.000Z',
    status: 'approved',
    checkedAt: '2026-12-07T08:00:00.000Z',
  },
  privateKey: generateKeyPairSync('ed25519').privateKey,
};

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** The runner over a real records.db; the hub's answer is the test's (what the hub does is hub/http/fleet-commands.test.ts's). */
describe('the kiosk’s runner of hub commands', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** Whether a citizen uses the kiosk, as the test says; going idle tells the listeners, as KioskActivity does. */
  function activity(busy = false) {
    const listeners = new Set<() => void>();
    return {
      idle: () => !busy,
      onIdle: (l: () => void) => {
        listeners.add(l);
        return () => void listeners.delete(l);
      },
      set(nowBusy: boolean) {
        busy = nowBusy;
        if (!busy) for (const l of [...listeners]) l();
      },
    };
  }

  /** The shell's end, as the test says: each capture answers with `png` (or rejects) and may run `during` first. */
  function shell(png: Buffer | Error = PNG) {
    const taken: number[] = [];
    let during: (() => void) | undefined;
    const capturer: ScreenCapturer & { taken: number[]; during(f: () => void): void } = {
      taken,
      supported: () => true,
      capture: () => {
        taken.push(Date.now());
        during?.();
        during = undefined;
        return png instanceof Error ? Promise.reject(png) : Promise.resolve(png);
      },
      during: (f) => (during = f),
    };
    return capturer;
  }

  function rig(
    file = join(mkdtempSync(join(tmpdir(), 'hub-commands-')), 'records.db'),
    opts: { activity?: ReturnType<typeof activity>; screenshot?: ScreenCapturer } = {},
  ) {
    dirs.push(join(file, '..'));
    const db = openRecordsDb(file);
    const reported: KioskCommandResultRequest[] = [];
    const restarts: number[] = [];
    let refuse: Error | undefined;
    const runner = new HubCommands({
      db,
      activity: opts.activity ?? activity(),
      screenshot: opts.screenshot,
      identity: () => IDENTITY,
      logger: createLogger({ destination: { write: () => undefined } }),
      recentLog: () => '',
      reloadUi: () => undefined,
      maintenanceChanged: () => undefined,
      restart: () => restarts.push(Date.now()),
      report: (_identity, result) => {
        if (refuse !== undefined) return Promise.reject(refuse);
        reported.push(result);
        return Promise.resolve();
      },
      retryMs: 3_600_000,
      settleMs: 0,
    });
    runner.start();
    const command = (kind: FleetCommandKind, expiresInMs = 3_600_000) => ({
      id: randomUUID(),
      kind,
      expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
    });
    const settle = () => new Promise((r) => setTimeout(r, 20));
    return { db, file, runner, reported, restarts, command, settle, refuseWith: (e?: Error) => (refuse = e) };
  }

  it('reports a restart after the service starts again, and keeps maintenance mode across it', async () => {
    const first = rig();
    const on = first.command('maintenance-on');
    const restart = first.command('restart-service');
    first.runner.receive([on, restart]);
    await first.settle();
    expect(first.restarts).toHaveLength(1);
    // Only the maintenance result: the restart's comes from the next run.
    expect(first.reported.map((r) => r.commandId)).toEqual([on.id]);
    first.runner.stop();
    first.db.close();

    const second = rig(first.file);
    await second.settle();
    expect(second.reported).toEqual([{ commandId: restart.id, status: 'done', detail: 'the service started again' }]);
    expect(second.runner.maintenance()).toEqual({ since: expect.any(String) });
    // Offered again by the hub (it had not stored the result when it answered a beat): not run again.
    second.runner.receive([restart, on]);
    await second.settle();
    expect(second.restarts).toEqual([]);
    expect(second.reported).toHaveLength(1);
    second.runner.stop();
    second.db.close();
  });

  it('keeps a result the hub did not take, and drops one the hub knows nothing of', async () => {
    const r = rig();
    r.refuseWith(new HubRefusedError(503, 'the hub is restarting'));
    const logs = r.command('collect-logs');
    r.runner.receive([logs]);
    await r.settle();
    expect(r.reported).toEqual([]);
    r.refuseWith(undefined);
    r.runner.reportSoon();
    await r.settle();
    expect(r.reported).toEqual([
      { commandId: logs.id, status: 'done', detail: '0 log lines', payload: { kind: 'logs', text: '' } },
    ]);
    // Reported: the payload is not kept on the kiosk.
    expect(r.db.prepare('SELECT payload, reported_at FROM hub_commands').get()).toEqual({
      payload: null,
      reported_at: expect.any(String),
    });
    r.refuseWith(new HubRefusedError(404, 'No command delivered to this kiosk has this id'));
    r.runner.receive([r.command('maintenance-off')]);
    await r.settle();
    expect(r.db.prepare('SELECT COUNT(*) AS n FROM hub_commands WHERE reported_at IS NULL').get()).toEqual({ n: 0 });
    r.runner.stop();
    r.db.close();
  });

  it('keeps the newest log lines, whole, within the limit', () => {
    const recent = new RecentLogLines(30);
    for (const n of [1, 2, 3, 4, 5]) recent.write(`{"line":${n},"msg":"x"}\n`);
    expect(recent.text()).toBe('{"line":5,"msg":"x"}\n');
    expect(lastLines('aaaa\nbbbb\ncccc\n', 11)).toBe('bbbb\ncccc\n');
    expect(lastLines('aaaa\n', 100)).toBe('aaaa\n');
  });

  it('takes a screenshot only once the kiosk is back in the attract loop, and reports the PNG', async () => {
    const busy = activity(true);
    const capturer = shell();
    const r = rig(undefined, { activity: busy, screenshot: capturer });
    const shot = r.command('screenshot');
    r.runner.receive([shot]);
    // Offered again with every beat while it waits: still one command, not taken.
    r.runner.receive([shot]);
    await r.settle();
    expect(capturer.taken).toEqual([]);
    expect(r.reported).toEqual([]);
    busy.set(false);
    await r.settle();
    expect(capturer.taken).toHaveLength(1);
    expect(r.reported).toEqual([
      {
        commandId: shot.id,
        status: 'done',
        detail: 'taken in the attract loop',
        payload: { kind: 'png', base64: PNG.toString('base64') },
      },
    ]);
    r.runner.stop();
    r.db.close();
  });

  it('drops a screenshot taken while a citizen touched the screen, and takes it again at the next attract loop', async () => {
    const kiosk = activity();
    const capturer = shell();
    const r = rig(undefined, { activity: kiosk, screenshot: capturer });
    // The touch lands while the shell is taking the picture.
    capturer.during(() => kiosk.set(true));
    const shot = r.command('screenshot');
    r.runner.receive([shot]);
    await r.settle();
    expect(capturer.taken).toHaveLength(1);
    expect(r.reported).toEqual([]);
    kiosk.set(false);
    await r.settle();
    expect(capturer.taken).toHaveLength(2);
    expect(r.reported).toMatchObject([{ commandId: shot.id, status: 'done', payload: { kind: 'png' } }]);
    r.runner.stop();
    r.db.close();
  });

  it('reports a screenshot that expires during a session as failed, and never takes it later', async () => {
    const busy = activity(true);
    const capturer = shell();
    const r = rig(undefined, { activity: busy, screenshot: capturer });
    const shot = r.command('screenshot', 150);
    r.runner.receive([shot]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.reported).toEqual([
      {
        commandId: shot.id,
        status: 'failed',
        detail: `expired at ${shot.expiresAt} while a citizen used the kiosk; no screenshot was taken`,
      },
    ]);
    busy.set(false);
    await r.settle();
    expect(capturer.taken).toEqual([]);
    expect(r.reported).toHaveLength(1);
    r.runner.stop();
    r.db.close();
  });

  it('keeps a waiting screenshot across a restart: taken after it if still in time, failed if it expired meanwhile', async () => {
    const first = rig(undefined, { activity: activity(true), screenshot: shell() });
    const inTime = first.command('screenshot');
    const late = first.command('screenshot', 100);
    first.runner.receive([inTime, late]);
    await first.settle();
    // The power goes: the runner stops without a word.
    first.runner.stop();
    first.db.close();
    await new Promise((resolve) => setTimeout(resolve, 150));

    const capturer = shell();
    const second = rig(first.file, { activity: activity(false), screenshot: capturer });
    await second.settle();
    expect(capturer.taken).toHaveLength(1);
    expect(second.reported).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          commandId: inTime.id,
          status: 'done',
          payload: { kind: 'png', base64: expect.any(String) },
        }),
        expect.objectContaining({
          commandId: late.id,
          status: 'failed',
          detail: `expired at ${late.expiresAt} before the kiosk could run it; no screenshot was taken`,
        }),
      ]),
    );
    expect(second.reported).toHaveLength(2);
    second.runner.stop();
    second.db.close();
  });

  it('says unsupported with no shell able to take the screen, failed when the shell does not answer or answers too much', async () => {
    const none = rig();
    const a = none.command('screenshot');
    none.runner.receive([a]);
    await none.settle();
    expect(none.reported).toEqual([
      { commandId: a.id, status: 'unsupported', detail: 'this kiosk’s shell cannot take a screenshot' },
    ]);
    none.runner.stop();
    none.db.close();

    const away = rig(undefined, { screenshot: shell(new Error('no shell connected to take the screen within 15 s')) });
    const b = away.command('screenshot');
    away.runner.receive([b]);
    await away.settle();
    expect(away.reported).toEqual([
      { commandId: b.id, status: 'failed', detail: 'no shell connected to take the screen within 15 s' },
    ]);
    away.runner.stop();
    away.db.close();

    const big = Buffer.alloc(COMMAND_SCREENSHOT_MAX_BYTES + 1);
    const huge = rig(undefined, { screenshot: shell(big) });
    const c = huge.command('screenshot');
    huge.runner.receive([c]);
    await huge.settle();
    expect(huge.reported).toEqual([
      {
        commandId: c.id,
        status: 'failed',
        detail: `the screenshot has ${big.length} bytes, more than ${COMMAND_SCREENSHOT_MAX_BYTES}`,
      },
    ]);
    huge.runner.stop();
    huge.db.close();
  });
});
