import { describe, expect, it } from 'vitest';
import type { UserRole } from '../../common/hub/accounts';
import type { CommandDetail, FleetCommandSummary, KioskCommand } from '../../common/hub/api/fleet-commands';
import type { z } from 'zod';
import { listAudit } from '../storage/audit-log';
import { openSession } from '../storage/sessions';
import { ENGINES } from '../testing/test-storage';
import { useTestHub, type TestHub, type TestKiosk } from '../testing/test-hub';

const BEAT = {
  appVersion: '0.1.0',
  contentVersion: null,
  uptimeSeconds: 1,
  diskFreeBytes: 1,
  outboxDepth: 0,
  devices: [],
  lastCrash: null,
  clockOffsetMs: 0,
};
const MINUTE = 60_000;

async function sessionFor(hub: TestHub, login: string, role: UserRole, regionCode: string | null = null) {
  const user = await hub.addAccount(login, role, regionCode);
  return { user, token: await openSession(hub.storage.storage.db, user.id, 'full', hub.now()) };
}

describe.each(ENGINES)('fleet commands on %s', (engine) => {
  const hub = useTestHub(engine);
  const send = (token: string, body: object) =>
    hub.call({ method: 'POST', path: '/api/kiosks/commands/send', token, body });
  const beat = async (kiosk: TestKiosk): Promise<KioskCommand[]> => {
    const res = await hub.kioskCall(kiosk, { method: 'POST', path: '/api/kiosk/heartbeat', body: BEAT });
    expect(res.statusCode).toBe(200);
    return res.json<{ commands?: KioskCommand[] }>().commands ?? [];
  };
  const report = (kiosk: TestKiosk, body: object) =>
    hub.kioskCall(kiosk, { method: 'POST', path: '/api/kiosk/command-result', body });
  const show = (token: string, commandId: string) =>
    hub.call({ method: 'POST', path: '/api/kiosks/commands/show', token, body: { commandId } });

  it('sent by the region’s administrator, audited, offered with every beat until reported; the first result stands', async () => {
    const { token, user } = await sessionFor(hub, 'wuhan', 'regional-administrator', '420100');
    const kiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    const res = await send(token, { kioskId: kiosk.id, kind: 'collect-logs' });
    expect(res.statusCode).toBe(200);
    const sent = res.json<FleetCommandSummary>();
    expect(sent).toMatchObject({
      kioskId: kiosk.id,
      kind: 'collect-logs',
      state: 'pending',
      createdBy: `user:${user.id}`,
    });
    // Ten minutes unless said.
    expect(new Date(sent.expiresAt).getTime() - hub.now().getTime()).toBe(10 * MINUTE);
    expect(hub.events).toContainEqual({ type: 'kiosk-command', kioskId: kiosk.id });
    const [audit] = await listAudit(hub.storage.storage.db, { limit: 1 });
    expect(audit).toMatchObject({
      action: 'kiosk.command',
      target: `kiosk:${kiosk.id}`,
      details: { commandId: sent.id },
    });

    const offered = { id: sent.id, kind: 'collect-logs', expiresAt: sent.expiresAt };
    expect(await beat(kiosk)).toEqual([offered]);
    // Not reported yet (the answer may have been lost): offered again, its first delivery kept.
    hub.advance(MINUTE);
    expect(await beat(kiosk)).toEqual([offered]);
    const delivered = (await show(token, sent.id)).json<z.infer<typeof CommandDetail>>();
    expect(delivered.command).toMatchObject({ state: 'delivered', deliveredAt: sent.createdAt });

    // Another kiosk cannot report it.
    const other = await hub.addKiosk('approved', { regionCode: '420111', terminalId: 'HB-0002' });
    expect((await report(other, { commandId: sent.id, status: 'done', detail: '' })).statusCode).toBe(404);
    const result = {
      commandId: sent.id,
      status: 'done',
      detail: '120 lines',
      payload: { kind: 'logs', text: 'a\nb\n' },
    };
    expect((await report(kiosk, result)).json()).toEqual({ outcome: 'stored' });
    // A repeat (and a different second word) changes nothing.
    expect((await report(kiosk, { ...result, status: 'failed', detail: 'x' })).json()).toEqual({
      outcome: 'already-reported',
    });
    expect(await beat(kiosk)).toEqual([]);
    const done = (await show(token, sent.id)).json<z.infer<typeof CommandDetail>>();
    expect(done).toEqual({
      command: expect.objectContaining({
        state: 'done',
        resultDetail: '120 lines',
        payloadKind: 'logs',
        payloadBytes: 4,
      }),
      payload: { kind: 'logs', text: 'a\nb\n' },
    });
  });

  it('a command not delivered before it expires is marked expired and never delivered', async () => {
    const { token } = await sessionFor(hub, 'admin', 'administrator');
    const kiosk = await hub.addKiosk('approved');
    const sent = (
      await send(token, { kioskId: kiosk.id, kind: 'screenshot', expiresInSeconds: 60 })
    ).json<FleetCommandSummary>();
    hub.advance(MINUTE);
    expect(await beat(kiosk)).toEqual([]);
    expect((await show(token, sent.id)).json<z.infer<typeof CommandDetail>>().command).toMatchObject({
      state: 'expired',
      deliveredAt: null,
    });
    // Nobody ran it: a result for it is refused as for none.
    expect((await report(kiosk, { commandId: sent.id, status: 'done', detail: '' })).statusCode).toBe(404);
    expect((await send(token, { kioskId: kiosk.id, kind: 'screenshot', expiresInSeconds: 59 })).statusCode).toBe(400);
  });

  it('another region’s kiosk and commands are answered as none; a kiosk not approved takes none', async () => {
    const admin = await sessionFor(hub, 'admin', 'administrator');
    const regional = await sessionFor(hub, 'shenzhen', 'regional-administrator', '440300');
    const wuhan = await hub.addKiosk('approved', { regionCode: '420111' });
    const pending = await hub.addKiosk('pending', { regionCode: '440305', terminalId: 'HB-0003' });
    const sent = (await send(admin.token, { kioskId: wuhan.id, kind: 'maintenance-on' })).json<FleetCommandSummary>();
    expect((await send(regional.token, { kioskId: wuhan.id, kind: 'reload-ui' })).statusCode).toBe(404);
    expect((await show(regional.token, sent.id)).statusCode).toBe(404);
    const list = (token: string, body: object) =>
      hub.call({ method: 'POST', path: '/api/kiosks/commands', token, body });
    expect((await list(regional.token, {})).json()).toEqual({ commands: [] });
    expect((await list(regional.token, { kioskId: wuhan.id })).statusCode).toBe(404);
    expect(
      (await list(admin.token, { kioskId: wuhan.id })).json<{ commands: FleetCommandSummary[] }>().commands,
    ).toEqual([expect.objectContaining({ id: sent.id, state: 'pending' })]);
    expect((await send(regional.token, { kioskId: pending.id, kind: 'reload-ui' })).statusCode).toBe(409);
  });
});
