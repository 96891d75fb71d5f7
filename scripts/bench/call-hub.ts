import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { hears } from '../../hub/testing/call-clients';
import { kioskSocketAt } from '../../hub/testing/live-clients';
import type { ThrowawayCoturn } from '../../hub/testing/throwaway-coturn';
import { waitUntil, type CallPeer, type CallRig } from '../../tests/e2e/call-rig/call-rig';
import { kioskSignaling } from '../../tests/e2e/call-rig/hub-kiosk-signaling';
import { choose, dutyOf, signIn } from '../../tests/e2e/call/lawyer-console';
import { addLawyer, enrollCode, registerKiosk, startHubProcess } from '../../tests/e2e/hub-processes';

/**
 * Calls through `npm run hub`'s program, for the call bench: the lawyer's
 * console in the rig's console browser, signed in and 在线接待, presses 接听
 * on a caller; the kiosk's end is the rig's call page (ui/call's session, as
 * the kiosk's screen runs it), its signaling over a kiosk's live socket to
 * the hub, started when the hub tells the kiosk the call was answered — as
 * the kiosk's screen opens its camera then. Timed from the click on 接听 (in
 * the console's page) to the first remote frame each page presents
 * (requestVideoFrameCallback), on one clock: both browsers run on this
 * machine.
 *
 * The console's page is driven with Playwright's own calls and code passed
 * as text: this file is type-checked without the DOM's types.
 */

const REGION = '420111';
const LAWYER = { login: 'bench-lawyer', password: 'Bench-lv-shi-2026!', name: '测试律师' };
const COTURN_DOWN_MS = 2_000;

/** Installed in the console's page: when 接听 is clicked, when the remote video shows a frame, and every call state with its time. */
const CONSOLE_WATCH = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const previous = window.benchCall;
  if (previous !== undefined) {
    clearInterval(previous.timer);
    document.removeEventListener('click', previous.onClick, true);
  }
  const watch = { acceptedAt: null, firstFrameAt: null, states: [] };
  watch.onClick = (e) => {
    if (watch.acceptedAt === null && e.target instanceof Element && e.target.closest('[data-testid="accept"]'))
      watch.acceptedAt = now();
  };
  window.benchCall = watch;
  document.addEventListener('click', watch.onClick, true);
  const firstFrame = () => {
    const video = document.querySelector('[data-testid="remote-video"]');
    if (video === null || video.srcObject === null) return void setTimeout(firstFrame, 5);
    video.requestVideoFrameCallback((_n, m) => { watch.firstFrameAt = performance.timeOrigin + m.presentationTime; });
  };
  firstFrame();
  watch.timer = setInterval(() => {
    const state = document.querySelector('[data-testid="call-state"]')?.getAttribute('data-state') ?? null;
    if (state !== null && watch.states.at(-1)?.state !== state) watch.states.push({ state, at: now() });
  }, 20);
})()`;

interface ConsoleWatch {
  acceptedAt: number | null;
  firstFrameAt: number | null;
  states: { state: string; at: number }[];
}

const consoleWatch = (page: Page): Promise<ConsoleWatch> => page.evaluate<ConsoleWatch>('window.benchCall');

/** When the console's remote video presents its first frame after `epochMs`. */
const consoleFrameAfter = (page: Page, epochMs: number): Promise<number> =>
  page.evaluate<number>(`new Promise((resolve) => {
    const video = document.querySelector('[data-testid="remote-video"]');
    const onFrame = (_n, m) => {
      const at = performance.timeOrigin + m.presentationTime;
      if (at > ${epochMs}) resolve(at); else video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  })`);

export interface HubCallSamples {
  /** ms from 接听 to the first remote frame, per call, on each end. */
  kiosk: number[];
  console: number[];
  /** Through coturn: from its kill to the drop noticed, from it back to both ends connected, and to both presenting a new frame. */
  recovery?: { noticed: number[]; toConnected: number[]; toVideo: number[] };
}

interface Call {
  kiosk: CallPeer;
  end(): Promise<void>;
}

export async function callsThroughHub(
  rig: CallRig,
  opts: { runs: number; recoveryRuns: number; coturn: ThrowawayCoturn | null },
): Promise<HubCallSamples> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-call-hub-'));
  const settings: Record<string, unknown> = {};
  if (opts.coturn !== null) {
    const secretFile = join(dir, 'turn-secret');
    writeFileSync(secretFile, opts.coturn.secret, { mode: 0o600 });
    settings['turn'] = { urls: [opts.coturn.url], secretFile, ttlSeconds: 600, relayOnly: true };
  }
  const hub = startHubProcess(dir, {}, 0, settings);
  let page: Page | undefined;
  try {
    const url = await hub.url;
    await addLawyer(dir, REGION, LAWYER);
    const kiosk = await registerKiosk(url, await enrollCode(dir, { region: REGION, site: '基准测试点' }), {
      terminalId: 'BENCH-0001',
      displayName: '基准测试终端',
    });
    page = await rig.blankPage('impolite');
    const lawyer = page;
    lawyer.setDefaultTimeout(30_000);
    await lawyer.context().grantPermissions(['camera', 'microphone', 'notifications'], { origin: url });
    await signIn(lawyer, url, LAWYER);
    await choose(lawyer, '在线接待');
    await waitUntil(
      'the lawyer on duty',
      () => dutyOf(lawyer),
      (d) => d === 'available',
    );

    /** A caller in line, 接听 pressed on the console, the kiosk's end started on the hub's word. */
    const answer = async (): Promise<Call> => {
      const socket = await kioskSocketAt(url, kiosk);
      const callId = randomUUID();
      socket.send({ type: 'call-request', id: 'r', callId, topic: 'labour', callerName: null, maxWaitSeconds: 600 });
      await hears(socket, (m) => m.type === 'call-status' && m.inReplyTo === 'r' && m.status.state === 'queued');
      const signaling = await kioskSignaling(rig, { socket, callId });
      const peer = await rig.peer('polite');
      const end = async (): Promise<void> => {
        await lawyer.getByTestId('hang-up').click();
        await lawyer.getByTestId('back-to-queue').click();
        await lawyer.getByTestId('queue').waitFor();
        signaling.close();
        socket.ws.close();
        await peer.dispose();
      };
      try {
        const accept = lawyer.getByTestId(`call-${callId}`).getByTestId('accept');
        await accept.waitFor();
        await lawyer.evaluate(CONSOLE_WATCH);
        await accept.click();
        const answered = await hears(socket, (m) => m.type === 'call-status' && m.status.state === 'answered');
        if (answered.type !== 'call-status' || answered.status.state !== 'answered') throw new Error('not answered');
        await peer.start({ room: callId, ice: answered.status.ice });
        return { kiosk: peer, end };
      } catch (error) {
        await end().catch(() => undefined);
        throw error;
      }
    };

    const samples: HubCallSamples = { kiosk: [], console: [] };
    for (let i = 0; i < opts.runs; i++) {
      const call = await answer();
      try {
        const [kioskEnd, consoleEnd] = await Promise.all([
          waitUntil(
            'the kiosk end’s first frame',
            () => call.kiosk.report(),
            (r) => r.firstFrameAt !== null,
          ),
          waitUntil(
            'the console’s first frame',
            () => consoleWatch(lawyer),
            (w) => w.firstFrameAt !== null && w.acceptedAt !== null,
          ),
        ]);
        samples.kiosk.push(kioskEnd.firstFrameAt! - consoleEnd.acceptedAt!);
        samples.console.push(consoleEnd.firstFrameAt! - consoleEnd.acceptedAt!);
      } finally {
        await call.end();
      }
    }
    if (opts.coturn !== null && opts.recoveryRuns > 0)
      samples.recovery = await recoveries(opts.coturn, lawyer, await answer(), opts.recoveryRuns);
    return samples;
  } finally {
    await page?.context().close();
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** coturn killed for 2 s and started again, `runs` times in one call: how soon both ends noticed, reconnected, and show video. */
async function recoveries(
  coturn: ThrowawayCoturn,
  lawyer: Page,
  call: Call,
  runs: number,
): Promise<NonNullable<HubCallSamples['recovery']>> {
  const noticed: number[] = [];
  const toConnected: number[] = [];
  const toVideo: number[] = [];
  const since = (states: { state: string; at: number }[], at: number) => states.filter((s) => s.at > at);
  const recovered = (states: { state: string; at: number }[]) =>
    states.some((s) => s.state === 'reconnecting') && states.at(-1)?.state === 'connected';
  try {
    for (let i = 0; i < runs; i++) {
      await waitUntil(
        'the kiosk end connected',
        () => call.kiosk.state(),
        (s) => s === 'connected',
      );
      await waitUntil(
        'the console connected',
        async () => (await consoleWatch(lawyer)).states.at(-1)?.state,
        (s) => s === 'connected',
      );
      // Settled: media has flowed a while since the last outage.
      await sleep(3_000);
      const killedAt = Date.now();
      await coturn.restart(COTURN_DOWN_MS);
      const backAt = Date.now();
      const frames = Promise.all([call.kiosk.frameAfter(backAt), consoleFrameAfter(lawyer, backAt)]);
      const [kioskReport, consoleStates] = await Promise.all([
        waitUntil(
          'the kiosk end reconnected',
          () => call.kiosk.report(),
          (r) => recovered(since(r.states, killedAt)),
          60_000,
        ),
        waitUntil(
          'the console reconnected',
          async () => (await consoleWatch(lawyer)).states,
          (states) => recovered(since(states, killedAt)),
          60_000,
        ),
      ]);
      const after = [since(kioskReport.states, killedAt), since(consoleStates, killedAt)];
      noticed.push(Math.max(...after.map((s) => s.find((x) => x.state === 'reconnecting')!.at)) - killedAt);
      toConnected.push(Math.max(...after.map((s) => s.at(-1)!.at)) - backAt);
      toVideo.push(Math.max(...(await frames)) - backAt);
    }
  } finally {
    await call.end();
  }
  return { noticed, toConnected, toVideo };
}
