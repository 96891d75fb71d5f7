import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FleetCommandSummary } from '../../common/hub/api/fleet-commands';
import { recordCommandResult, takeOpenCommands } from '../storage/kiosk-commands';
import { runHubctl } from '../testing/programs';
import { useTestStorage } from '../testing/test-storage';

const scratch = mkdtempSync(join(tmpdir(), 'hubctl-command-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// The storage under these commands is tested on both engines (hub/http/fleet-commands.test.ts); each run here
// is a process start, so on SQLite only.
describe('hubctl command', () => {
  const t = useTestStorage('sqlite');
  const hubctl = (...args: string[]) => runHubctl(t.env(), args);

  it('sends, lists and shows a command, and writes its logs to a file', async () => {
    const { db } = t.storage;
    const kiosk = await db
      .insertInto('kiosks')
      .values({
        terminal_id: 'HB-0001',
        display_name: '测试终端',
        region_code: '420111',
        site: null,
        public_key: 'key',
        status: 'approved',
        enrolled_at: '2026-03-01T08:00:00.000Z',
        approved_at: '2026-03-01T08:00:00.000Z',
        revoked_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await hubctl('command', 'send', String(kiosk.id), 'make-coffee')).toMatchObject({
      code: 64,
      stderr: expect.stringContaining('expected one of reload-ui, restart-service'),
    });
    expect(await hubctl('command', 'send', '999', 'reload-ui')).toMatchObject({
      code: 2,
      stderr: 'no kiosk has id 999\n',
    });

    const sent = await hubctl('command', 'send', String(kiosk.id), 'collect-logs', '--expires-in', '2h', '--json');
    expect(sent.stderr).toBe('');
    const command = JSON.parse(sent.stdout) as FleetCommandSummary;
    expect(command).toMatchObject({ kind: 'collect-logs', state: 'pending', createdBy: 'hubctl' });
    // The kiosk takes it with a heartbeat and reports.
    await takeOpenCommands(db, kiosk.id, new Date());
    await recordCommandResult(
      db,
      kiosk.id,
      { commandId: command.id, status: 'done', detail: '2 log lines', payload: { kind: 'logs', text: '一\n二\n' } },
      new Date(),
    );

    const list = await hubctl('command', 'list', '--kiosk', String(kiosk.id));
    expect(list.stdout).toContain(`${command.id}  kiosk ${kiosk.id}  collect-logs  done`);
    const out = join(scratch, 'logs.txt');
    const show = await hubctl('command', 'show', command.id, '--out', out);
    expect(show.stderr).toBe('');
    expect(show.stdout).toContain(`written to ${out}`);
    expect(readFileSync(out, 'utf8')).toBe('一\n二\n');
    // Five hubctl processes, each about half a second on a quiet machine.
  }, 30_000);
});
