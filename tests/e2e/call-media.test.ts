import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IceConfig } from '../../common/hub/api/calls';
import { startThrowawayCoturn, type ThrowawayCoturn } from '../../hub/testing/throwaway-coturn';
import type { MediaStatsSnapshot } from '../../ui/call/media-stats';
import { startCallRig, waitUntil, type CallPeer, type CallRig } from './call-rig/call-rig';

/**
 * The call session of ui/call between two separate Chromium processes (the
 * kiosk's end polite, the console's end impolite), with fake cameras and
 * microphones and the test process as signaling server. Media is proven by
 * two getStats() snapshots on each end, never by a connection state alone.
 */

const PEER_TO_PEER: IceConfig = { iceServers: [], iceTransportPolicy: 'all', expiresAt: '2099-01-01T00:00:00.000Z' };

let rig: CallRig;
let coturn: ThrowawayCoturn;

beforeAll(async () => {
  rig = await startCallRig();
  coturn = await startThrowawayCoturn();
  rig.setIceSource((who) => coturn.iceConfig(who, 600));
}, 60_000);

afterAll(async () => {
  await rig?.stop();
  await coturn?.stop();
});

interface Call {
  room: string;
  kiosk: CallPeer;
  lawyer: CallPeer;
}

/** Starts a call: the kiosk's end first (it waits for the offer), then the lawyer's, which makes it. */
async function startCall(
  ice: (who: string) => IceConfig,
  extra: { renew?: boolean | 'unanswered'; giveUpAfterMs?: number } = {},
) {
  const room = randomUUID();
  const kiosk = await rig.peer('polite');
  const lawyer = await rig.peer('impolite');
  const options = (who: string) => ({
    room,
    ice: ice(who),
    ...(extra.renew === true ? { renewIceUrl: rig.renewIceUrl(who) } : {}),
    ...(extra.renew === 'unanswered' ? { renewIceUrl: rig.unansweredIceUrl } : {}),
    ...(extra.giveUpAfterMs === undefined ? {} : { recovery: { giveUpAfterMs: extra.giveUpAfterMs } }),
  });
  await kiosk.start(options('kiosk-1'));
  await lawyer.start(options('user-1'));
  return { room, kiosk, lawyer } satisfies Call;
}

async function bothConnected(call: Call): Promise<void> {
  for (const peer of [call.kiosk, call.lawyer])
    await waitUntil(
      `the ${peer.role} end connected`,
      () => peer.state(),
      (s) => s === 'connected',
    );
}

/** Two snapshots of each end, a second and a half apart: frames decoded and bytes received grew both ways, and bytes went out. */
async function expectMediaFlowingBothWays(call: Call): Promise<MediaStatsSnapshot[]> {
  const before = await Promise.all([call.kiosk.stats(), call.lawyer.stats()]);
  await sleep(1_500);
  const after = await Promise.all([call.kiosk.stats(), call.lawyer.stats()]);
  for (const i of [0, 1]) {
    const [b, a] = [before[i]!, after[i]!];
    const end = i === 0 ? 'kiosk' : 'lawyer';
    expect(a.inbound.video.framesDecoded, `${end} decodes the other's video`).toBeGreaterThan(
      b.inbound.video.framesDecoded,
    );
    expect(a.inbound.video.bytesReceived, `${end} receives video`).toBeGreaterThan(b.inbound.video.bytesReceived);
    expect(a.inbound.audio.bytesReceived, `${end} receives sound`).toBeGreaterThan(b.inbound.audio.bytesReceived);
    expect(a.outbound.bytesSent, `${end} sends`).toBeGreaterThan(b.outbound.bytesSent);
  }
  return after;
}

async function endCall(call: Call): Promise<void> {
  await call.kiosk.dispose();
  await call.lawyer.dispose();
}

describe('a call between two browsers', () => {
  it('carries video and sound both ways peer to peer, mutes, and stops every track when closed', async () => {
    const call = await startCall(() => PEER_TO_PEER);
    try {
      await bothConnected(call);
      const [kioskStats] = await expectMediaFlowingBothWays(call);
      expect(kioskStats!.route).toEqual({ local: 'host', remote: 'host' });
      // The console's end made the only offer; the kiosk's end answered it.
      expect(rig.relay.offers(call.room, 'impolite')).toBe(1);
      expect(rig.relay.offers(call.room, 'polite')).toBe(0);

      await call.kiosk.setMuted(true);
      expect(await call.kiosk.microphoneEnabled()).toEqual([false]);
      await call.kiosk.setMuted(false);
      expect(await call.kiosk.microphoneEnabled()).toEqual([true]);

      for (const peer of [call.kiosk, call.lawyer]) {
        await peer.close();
        await peer.close(); // twice: nothing more happens
        const tracks = await peer.tracks();
        expect(tracks.local).toEqual(['ended', 'ended']);
        expect(tracks.senders.every((s) => s === 'ended')).toBe(true);
        expect(await peer.state()).toBe('ended');
        expect((await peer.report()).errors).toEqual([]);
      }
      expect(rig.relay.rejected).toEqual([]);
    } finally {
      await endCall(call);
    }
  });

  it('settles offers that cross (both ends renegotiate at once) without a deadlock', async () => {
    const call = await startCall(() => PEER_TO_PEER);
    try {
      await bothConnected(call);
      const offersBefore = rig.relay.offers(call.room, 'polite');
      // Held at the relay, each end's offer is made before it can see the other's: they cross for certain.
      rig.relay.hold();
      await Promise.all([call.kiosk.addTransceiver('audio'), call.lawyer.addTransceiver('audio')]);
      for (const peer of [call.kiosk, call.lawyer])
        await waitUntil(
          `the ${peer.role} end's offer`,
          () => peer.negotiation(),
          (n) => n.signalingState === 'have-local-offer',
        );
      rig.relay.release();

      for (const peer of [call.kiosk, call.lawyer])
        await waitUntil(
          `the ${peer.role} end settled both changes`,
          () => peer.negotiation(),
          (n) => n.signalingState === 'stable' && n.mids.length === 4 && n.mids.every((m) => m !== null),
        );
      // The kiosk's end let its crossed offer go (rolled back) and made it again once the other was answered.
      expect(rig.relay.offers(call.room, 'polite') - offersBefore).toBe(2);
      const mids = async (peer: CallPeer) => (await peer.negotiation()).mids.toSorted();
      expect(await mids(call.kiosk)).toEqual(await mids(call.lawyer));
      await expectMediaFlowingBothWays(call);
      for (const peer of [call.kiosk, call.lawyer]) {
        expect(await peer.state()).toBe('connected');
        expect((await peer.report()).errors).toEqual([]);
      }
      expect(rig.relay.rejected).toEqual([]);
    } finally {
      rig.relay.release();
      await endCall(call);
    }
  });

  it('goes through TURN when only the relay is allowed, and recovers by ICE restart when coturn restarts', async () => {
    // Credentials that expire before the outage: the ICE restart must ask for new ones to get through.
    const firstTtlSeconds = 8;
    const call = await startCall((who) => coturn.iceConfig(who, firstTtlSeconds), { renew: true });
    const firstExpiry = Date.now() + firstTtlSeconds * 1000;
    try {
      await bothConnected(call);
      const stats = await expectMediaFlowingBothWays(call);
      for (const s of stats) expect(s.route).toEqual({ local: 'relay', remote: 'relay' });
      await sleep(Math.max(0, firstExpiry + 1_000 - Date.now()));

      const outageAt = Date.now();
      await coturn.restart(2_000);
      for (const peer of [call.kiosk, call.lawyer]) {
        const report = await waitUntil(
          `the ${peer.role} end reconnected`,
          () => peer.report(),
          (r) => {
            const sinceOutage = r.states.filter((s) => s.at >= outageAt).map((s) => s.state);
            return sinceOutage.includes('reconnecting') && sinceOutage.at(-1) === 'connected';
          },
          45_000,
        );
        expect(report.renewals, `the ${peer.role} end asked for fresh credentials`).toBeGreaterThan(0);
        expect(report.errors).toEqual([]);
      }
      // Sound comes back first; the picture once the sender's next key frame arrives.
      for (const peer of [call.kiosk, call.lawyer]) {
        const frames = (await peer.stats()).inbound.video.framesDecoded;
        await waitUntil(
          `the ${peer.role} end decodes video again`,
          () => peer.stats(),
          (s) => s.inbound.video.framesDecoded > frames,
          15_000,
        );
      }
      const after = await expectMediaFlowingBothWays(call);
      for (const s of after) expect(s.route).toEqual({ local: 'relay', remote: 'relay' });
      expect(rig.relay.rejected).toEqual([]);
    } finally {
      await endCall(call);
    }
  }, 120_000);

  it('restarts ICE with the credentials it has when the hub does not answer for new ones', async () => {
    const call = await startCall((who) => coturn.iceConfig(who, 600), { renew: 'unanswered' });
    try {
      await bothConnected(call);
      const outageAt = Date.now();
      await coturn.restart(2_000);
      const unanswered: string[] = [];
      for (const peer of [call.kiosk, call.lawyer]) {
        const report = await waitUntil(
          `the ${peer.role} end reconnected`,
          () => peer.report(),
          (r) => r.states.filter((s) => s.at >= outageAt).at(-1)?.state === 'connected',
          45_000,
        );
        expect(report.states.filter((s) => s.at >= outageAt).map((s) => s.state)).toContain('reconnecting');
        unanswered.push(...report.errors.filter((e) => /fresh ICE credentials: no answer within/.test(e)));
      }
      // Both ends notice the outage, but the end whose restart offer arrives first may heal the other before
      // that one restarts by itself: at least one end restarted after asking in vain, and that was enough.
      expect(unanswered.length).toBeGreaterThan(0);
    } finally {
      await endCall(call);
    }
  }, 120_000);

  it('ends a call whose other end went away for good, and stops the camera and microphone', async () => {
    const call = await startCall(() => PEER_TO_PEER, { giveUpAfterMs: 6_000 });
    try {
      await bothConnected(call);
      // The console's tab is gone without a word (no hang-up reaches the kiosk).
      await call.lawyer.dispose();
      await waitUntil(
        'the kiosk end gave up',
        () => call.kiosk.state(),
        (s) => s === 'ended',
        45_000,
      );
      const states = (await call.kiosk.report()).states.map((s) => s.state);
      expect(states).toContain('reconnecting');
      const tracks = await call.kiosk.tracks();
      expect(tracks.local).toEqual(['ended', 'ended']);
      expect(tracks.senders.every((s) => s === 'ended')).toBe(true);
    } finally {
      await call.kiosk.dispose();
    }
  }, 90_000);
});
