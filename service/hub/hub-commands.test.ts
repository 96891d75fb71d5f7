import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FleetCommandKind, KioskCommandResultRequest } from '../../common/hub/api/fleet-commands';
import { createLogger } from '../../server-kit/logger';
import { openRecordsDb } from '../storage/records-db';
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

/** The runner over a real records.db; the hub's answer is the test's (what the hub does is hub/http/fleet-commands.test.ts's). */
describe('the kiosk’s runner of hub commands', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function rig(file = join(mkdtempSync(join(tmpdir(), 'hub-commands-')), 'records.db')) {
    dirs.push(join(file, '..'));
    const db = openRecordsDb(file);
    const reported: KioskCommandResultRequest[] = [];
    const restarts: number[] = [];
    let refuse: Error | undefined;
    const runner = new HubCommands({
      db,
      activity: { idle: () => true, onIdle: () => () => undefined },
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
    });
    runner.start();
    const command = (kind: FleetCommandKind) => ({ id: randomUUID(), kind, expiresAt: '2026-12-07T09:00:00.000Z' });
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
});
