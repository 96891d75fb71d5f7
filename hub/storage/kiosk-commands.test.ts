import { describe, expect, it } from 'vitest';
import { insertApprovedKiosk } from '../testing/test-kiosks';
import { ENGINES, useTestStorage } from '../testing/test-storage';
import {
  COMMAND_PAYLOAD_KEEP_MS,
  findCommand,
  pruneCommandPayloads,
  recordCommandResult,
  sendCommand,
  takeOpenCommands,
} from './kiosk-commands';

const NOW = new Date('2026-12-07T08:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe.each(ENGINES)('command results kept on %s', (engine) => {
  const t = useTestStorage(engine);

  it('drops a result’s payload once it is older than the time kept, and keeps the command and its state', async () => {
    const db = t.storage.db;
    const kiosk = await insertApprovedKiosk(db, undefined, NOW);
    const sent = await sendCommand(
      db,
      { kioskId: kiosk, kind: 'collect-logs', expiresAt: later(600_000) },
      'hubctl',
      NOW,
    );
    if (sent.outcome !== 'sent') throw new Error(sent.outcome);
    const [taken] = await takeOpenCommands(db, kiosk, NOW);
    expect(taken?.id).toBe(sent.command.id);
    const result = {
      commandId: sent.command.id,
      status: 'done' as const,
      detail: '120 lines',
      payload: { kind: 'logs' as const, text: 'service started\n' },
    };
    expect(await recordCommandResult(db, kiosk, result, NOW)).toBe('stored');

    expect(await pruneCommandPayloads(db, later(COMMAND_PAYLOAD_KEEP_MS - 60_000))).toBe(0);
    expect((await findCommand(db, sent.command.id))?.payload).toEqual(result.payload);

    expect(await pruneCommandPayloads(db, later(COMMAND_PAYLOAD_KEEP_MS + 60_000))).toBe(1);
    const kept = await findCommand(db, sent.command.id);
    expect(kept?.payload).toBeNull();
    expect(kept?.command).toMatchObject({ state: 'done', kind: 'collect-logs', payloadBytes: null });
    // Nothing left to drop the next time round.
    expect(await pruneCommandPayloads(db, later(COMMAND_PAYLOAD_KEEP_MS + 120_000))).toBe(0);
  });
});
