import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { IceConfig } from '../../common/hub/api/calls';
import { startThrowawayCoturn, type ThrowawayCoturn } from '../../hub/testing/throwaway-coturn';
import { startCallRig, waitUntil, type CallPeer, type CallRig } from '../../tests/e2e/call-rig/call-rig';
import { median, percentile } from '../../common/percentiles';
import { callsThroughHub } from './call-hub';

/**
 * `npm run bench -- call [--runs N] [--recovery-runs M] [--modes a,b,…]`:
 * how fast a video call shows the other end, and how fast it comes back
 * after its TURN server restarts. Two Chromium processes with fake cameras
 * (tests/e2e/call-rig), the test process as signaling server.
 *
 * A frame counts when the remote <video> element presents it: the
 * `presentationTime` of requestVideoFrameCallback, read in the page (not a
 * poll of getStats' framesDecoded, which would add up to a poll's period).
 *
 * Modes, each measured `runs` times (recovery `recovery-runs` times):
 * - loopback: the baseline — a bare RTCPeerConnection pair inside one page,
 *   no session, no signaling server: from creating the pair to its first
 *   frame. What the browser itself needs on this machine.
 * - session: ui/call's session, peer to peer on loopback, signaling over
 *   the relay: from the console's end starting (what 接听 will do; its
 *   camera is already open) to the first remote frame on each end.
 * - turn: the same, with the relay forced through a throwaway coturn.
 * - recovery: in a call through coturn, coturn is killed for 2 s and
 *   started again; from coturn being back to both ends `connected` (media
 *   flowing) and to both ends presenting a new frame; and from the kill to
 *   the drop being noticed.
 * - hub: through `npm run hub`'s program (scripts/bench/call-hub.ts): the
 *   lawyer's console presses 接听, the kiosk's end signals over a kiosk's
 *   live socket; from the click on 接听 to the first remote frame on each
 *   end, peer to peer.
 * - hub-turn: the same with the hub handing out coturn's credentials and
 *   relaying every call (relayOnly), and the recovery above through it.
 */

const COTURN_DOWN_MS = 2_000;

interface Summary {
  median: number;
  p95: number;
}

const summary = (values: readonly number[]): Summary => ({
  median: Math.round(median(values)),
  p95: Math.round(percentile(values, 95)),
});

interface BenchContext {
  rig: CallRig;
  coturn: ThrowawayCoturn;
  runs: number;
  recoveryRuns: number;
}

const PEER_TO_PEER: IceConfig = { iceServers: [], iceTransportPolicy: 'all', expiresAt: '2099-01-01T00:00:00.000Z' };

interface Call {
  kiosk: CallPeer;
  console: CallPeer;
}

/** The kiosk's end first (it waits for the offer), then the console's, which makes it. */
async function startCall(rig: CallRig, ice: (who: string) => IceConfig): Promise<Call> {
  const room = randomUUID();
  const kiosk = await rig.peer('polite');
  const lawyer = await rig.peer('impolite');
  await kiosk.start({ room, ice: ice('kiosk-1'), renewIceUrl: rig.renewIceUrl('kiosk-1') });
  await lawyer.start({ room, ice: ice('user-1'), renewIceUrl: rig.renewIceUrl('user-1') });
  return { kiosk, console: lawyer };
}

async function hangUp(call: Call): Promise<void> {
  await call.kiosk.dispose();
  await call.console.dispose();
}

/** From the console's end starting to the first remote frame on each end, over `runs` fresh calls. */
async function firstFrames(ctx: BenchContext, ice: (who: string) => IceConfig): Promise<Record<string, Summary>> {
  const kiosk: number[] = [];
  const lawyer: number[] = [];
  for (let i = 0; i < ctx.runs; i++) {
    const call = await startCall(ctx.rig, ice);
    try {
      const ends = await Promise.all(
        [call.kiosk, call.console].map((peer) =>
          waitUntil(
            `the ${peer.role} end's first frame`,
            () => peer.report(),
            (r) => r.firstFrameAt !== null,
          ),
        ),
      );
      const started = ends[1]!.startedAt;
      kiosk.push(ends[0]!.firstFrameAt! - started);
      lawyer.push(ends[1]!.firstFrameAt! - started);
    } finally {
      await hangUp(call);
    }
  }
  return { kiosk: summary(kiosk), console: summary(lawyer) };
}

async function loopback(ctx: BenchContext): Promise<Record<string, unknown>> {
  const peer = await ctx.rig.peer('polite');
  const samples: number[] = [];
  try {
    for (let i = 0; i < ctx.runs; i++) samples.push(await peer.loopbackFirstFrameMs());
  } finally {
    await peer.dispose();
  }
  return { baselineLoopbackFirstFrameMs: summary(samples) };
}

async function session(ctx: BenchContext): Promise<Record<string, unknown>> {
  return { sessionFirstFrameMs: await firstFrames(ctx, () => PEER_TO_PEER) };
}

async function turn(ctx: BenchContext): Promise<Record<string, unknown>> {
  return { turnFirstFrameMs: await firstFrames(ctx, (who) => ctx.coturn.iceConfig(who)) };
}

async function recovery(ctx: BenchContext): Promise<Record<string, unknown>> {
  const toConnected: number[] = [];
  const toVideo: number[] = [];
  const noticed: number[] = [];
  const call = await startCall(ctx.rig, (who) => ctx.coturn.iceConfig(who));
  const ends = [call.kiosk, call.console];
  try {
    for (let i = 0; i < ctx.recoveryRuns; i++) {
      for (const peer of ends)
        await waitUntil(
          `${peer.role} connected`,
          () => peer.state(),
          (s) => s === 'connected',
        );
      // Settled: media has flowed a while since the last outage.
      await sleep(3_000);
      const killedAt = Date.now();
      await ctx.coturn.restart(COTURN_DOWN_MS);
      const backAt = Date.now();
      const frames = Promise.all(ends.map((peer) => peer.frameAfter(backAt)));
      const reports = await Promise.all(
        ends.map((peer) =>
          waitUntil(
            `${peer.role} reconnected`,
            () => peer.report(),
            (r) => {
              const since = r.states.filter((s) => s.at > killedAt);
              return since.some((s) => s.state === 'reconnecting') && since.at(-1)?.state === 'connected';
            },
            60_000,
          ),
        ),
      );
      const after = reports.map((r) => r.states.filter((s) => s.at > killedAt));
      noticed.push(Math.max(...after.map((s) => s.find((x) => x.state === 'reconnecting')!.at)) - killedAt);
      toConnected.push(Math.max(...after.map((s) => s.at(-1)!.at)) - backAt);
      toVideo.push(Math.max(...(await frames)) - backAt);
    }
  } finally {
    await hangUp(call);
  }
  return {
    coturnDownMs: COTURN_DOWN_MS,
    recoveryRuns: ctx.recoveryRuns,
    dropNoticedAfterKillMs: summary(noticed),
    recoveryToConnectedMs: summary(toConnected),
    recoveryToVideoMs: summary(toVideo),
  };
}

async function hub(ctx: BenchContext): Promise<Record<string, unknown>> {
  const samples = await callsThroughHub(ctx.rig, { runs: ctx.runs, recoveryRuns: 0, coturn: null });
  return { hubFirstFrameMs: { kiosk: summary(samples.kiosk), console: summary(samples.console) } };
}

async function hubTurn(ctx: BenchContext): Promise<Record<string, unknown>> {
  const samples = await callsThroughHub(ctx.rig, {
    runs: ctx.runs,
    recoveryRuns: ctx.recoveryRuns,
    coturn: ctx.coturn,
  });
  const recovered = samples.recovery!;
  return {
    hubTurnFirstFrameMs: { kiosk: summary(samples.kiosk), console: summary(samples.console) },
    hubDropNoticedAfterKillMs: summary(recovered.noticed),
    hubRecoveryToConnectedMs: summary(recovered.toConnected),
    hubRecoveryToVideoMs: summary(recovered.toVideo),
  };
}

/** Each mode measures one way of calling and returns its figures. */
const MODES: Record<string, (ctx: BenchContext) => Promise<Record<string, unknown>>> = {
  loopback,
  session,
  turn,
  recovery,
  hub,
  'hub-turn': hubTurn,
};

export async function callBench(): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: {
      runs: { type: 'string', default: '10' },
      'recovery-runs': { type: 'string', default: '3' },
      modes: { type: 'string', default: Object.keys(MODES).join(',') },
    },
  });
  const modes = values.modes.split(',');
  const unknown = modes.filter((m) => !(m in MODES));
  if (unknown.length > 0)
    throw new Error(`unknown mode ${unknown.join(', ')}: the modes are ${Object.keys(MODES).join(', ')}`);
  const runs = Number(values.runs);
  const recoveryRuns = Number(values['recovery-runs']);
  if (!(runs >= 1) || !(recoveryRuns >= 1))
    throw new Error('--runs and --recovery-runs take a whole number of at least 1');

  const rig = await startCallRig();
  const coturn = await startThrowawayCoturn();
  rig.setIceSource((who) => coturn.iceConfig(who));
  const figures: Record<string, unknown> = {
    runs,
    frameMeasure: 'requestVideoFrameCallback presentationTime of the remote <video>',
  };
  try {
    for (const mode of modes) {
      process.stderr.write(`call bench: ${mode}…\n`);
      Object.assign(figures, await MODES[mode]!({ rig, coturn, runs, recoveryRuns }));
    }
  } finally {
    await rig.stop();
    await coturn.stop();
  }
  return figures;
}
