import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { turnPassword } from '../calls/turn-credentials';
import { answersStun, startThrowawayCoturn } from './throwaway-coturn';

describe('the throwaway coturn', () => {
  it('answers on its loopback port, is away while restarting, comes back on the same port, and is gone after stop()', async () => {
    const turn = await startThrowawayCoturn();
    try {
      expect(turn.url).toBe(`turn:127.0.0.1:${turn.port}?transport=udp`);
      expect(await answersStun(turn.port)).toBe(true);

      const restarted = turn.restart(1_500);
      await sleep(300);
      expect(await answersStun(turn.port)).toBe(false);
      await restarted;
      expect(await answersStun(turn.port)).toBe(true);
    } finally {
      await turn.stop();
    }
    expect(await answersStun(turn.port)).toBe(false);
  }, 30_000);

  it('hands out credentials of the TURN REST scheme for its secret, with the relay forced', async () => {
    const turn = await startThrowawayCoturn();
    try {
      const ice = turn.iceConfig('kiosk-1', 60);
      expect(ice.iceTransportPolicy).toBe('relay');
      const [server] = ice.iceServers;
      expect(server?.urls).toEqual([turn.url]);
      expect(server?.username).toMatch(/^\d+:kiosk-1$/);
      expect(server?.credential).toBe(turnPassword(turn.secret, server!.username!));
      expect(Date.parse(ice.expiresAt) - Date.now()).toBeGreaterThan(50_000);
    } finally {
      await turn.stop();
    }
  }, 30_000);
});
