import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Health } from '../../common/api/health';
import type { PrintJob } from '../../common/api/devices';
import type { SubmissionStatus } from '../../common/api/submissions';
import type { CallDocument, IceConfig } from '../../common/hub/api/calls';
import type { LiveServerMessage } from '../../common/hub/api/live';
import { enrolledWithFakeHub, type FakeCallHub } from '../../service/testing/fake-call-hub';
import { IOU_VALUES, noticeOf } from '../../service/testing/sample-documents';
import { expectAccessible, type Mode } from './a11y';
import { joinLine } from './call/kiosk-call';
import { buildRendererWithLoopbackCalls } from './call/test-renderer';
import { callApi, LANDSCAPE, launchChromium, openHome, PORTRAIT, startKiosk, type RunningKiosk } from './harness';

/**
 * 视频咨询 at the kiosk, in Debian's Chromium with its fake camera and
 * microphone, against the real built service enrolled with a small fake hub
 * socket (service/testing/fake-call-hub.ts: the hub's queue and signaling
 * are built apart). The call's media session is a loopback stand-in built
 * into a test copy of the renderer (call/loopback-call-media.ts): real
 * tracks from the fake devices through real RTCPeerConnections, so the
 * screen plays a live stream, and every track can be checked when the call
 * ends.
 */

const ICE: IceConfig = { iceServers: [], iceTransportPolicy: 'all', expiresAt: '2099-01-01T00:00:00Z' };
const KIOSK_ID = 21;
const IDLE_MS = 120_000; // demo.json's idleTimeoutSeconds
const COUNTDOWN_MS = 30_000;

let hub: FakeCallHub;
let kiosk: RunningKiosk;
let browser: Browser;
const work = mkdtempSync(join(tmpdir(), 'kiosk-video-call-'));

beforeAll(async () => {
  const dataDir = join(work, 'data');
  ({ hub } = await enrolledWithFakeHub(dataDir, KIOSK_ID));
  const rendererDir = join(work, 'renderer');
  [, browser] = await Promise.all([buildRendererWithLoopbackCalls(rendererDir), launchChromium({ fakeMedia: true })]);
  kiosk = await startKiosk({ dataDir, extraArgs: ['--renderer-dir', rendererDir] });
  await hubLinkUp();
}, 180_000);

/** Until the kiosk's health says its socket to the hub is open. */
async function hubLinkUp(ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while ((await callApi<Health>(kiosk, '/api/health')).subsystems.hub.state !== 'ok') {
    if (Date.now() > until) throw new Error('the kiosk never connected to the fake hub');
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  await hub?.stop();
  rmSync(work, { recursive: true, force: true });
});

afterEach(() => {
  expect(hub.malformed).toEqual([]);
  hub.reset();
});

/** Every call asked for is put in line at `position`, then the test moves it on. */
const queueAt = (position: number, estimatedWaitSeconds = position * 120): void =>
  hub.queueEveryCallAt(position, estimatedWaitSeconds);

const lastCallId = (): string => {
  const request = hub.messages('call-request').at(-1);
  if (request === undefined) throw new Error('no call was asked for');
  return request.callId;
};

/**
 * Records every track the page's getUserMedia hands out, before the page
 * loads: the test then sees each one's readyState whatever the screen did.
 */
async function recordTracks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tracks: MediaStreamTrack[] = [];
    (window as unknown as { __tracks: MediaStreamTrack[] }).__tracks = tracks;
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      tracks.push(...stream.getTracks());
      return stream;
    };
  });
}

/** Each recorded track's kind and readyState, the remote ones (what the lawyer's end sent) too. */
const trackStates = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const local = (window as unknown as { __tracks: MediaStreamTrack[] }).__tracks;
    const remote = (window.__loopbackCall?.sessions ?? []).flatMap((s) => s.remote?.getTracks() ?? []);
    return [...local, ...remote].map((t) => `${t.kind}:${t.readyState}`);
  });

const openKiosk = (viewport: { width: number; height: number } = PORTRAIT, opts: { fakeClock?: boolean } = {}) =>
  openHome(browser, kiosk, viewport, opts);

/** A fresh page whose getUserMedia is watched, on the home screen. */
async function openWatched(viewport: { width: number; height: number } = PORTRAIT, forAxe = false) {
  const context = await browser.newContext({
    viewport,
    hasTouch: true,
    isMobile: false,
    locale: 'zh-CN',
    ...(forAxe ? { bypassCSP: true } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await recordTracks(page);
  await page.goto(kiosk.url);
  await page.getByTestId('attract').tap();
  await page.getByTestId('home').waitFor();
  return { context, page, errors };
}

/** A watched page in line and answered: the call under way. */
async function inCall(viewport: { width: number; height: number } = PORTRAIT, forAxe = false) {
  queueAt(1);
  const opened = await openWatched(viewport, forAxe);
  await joinLine(opened.page);
  await opened.page.getByTestId('call-waiting').waitFor();
  return { ...opened, callId: await answer(opened.page) };
}

/** The camera, the microphone and what came from the far end: every track ended. */
async function expectEveryTrackEnded(page: Page): Promise<void> {
  // Stopping is synchronous in the page, but the end of the call reaches it as an event: a moment's grace.
  await expect.poll(async () => (await trackStates(page)).filter((s) => s.endsWith(':live'))).toEqual([]);
  const states = await trackStates(page);
  expect(states.length).toBeGreaterThan(0);
  expect(
    states.every((s) => s.endsWith(':ended')),
    states.join(),
  ).toBe(true);
}

/** The call answered by 王律师, through the hub, and the screen's media live. */
async function answer(page: Page): Promise<string> {
  const callId = lastCallId();
  hub.send({ type: 'call-status', callId, status: { state: 'answered', lawyerName: '王律师', ice: ICE } });
  await page.getByTestId('call-stage').waitFor();
  await expect
    .poll(() => page.getByTestId('call-stage').getAttribute('data-state'), { timeout: 15_000 })
    .toBe('connected');
  return callId;
}

describe('no lawyer can answer', () => {
  it('says why in plain words, offers 12348 and when duty starts, and keeps a callback request in the outbox with its receipt', async () => {
    const tomorrowNine = new Date(Date.now() + 86_400_000);
    tomorrowNine.setUTCHours(1, 0, 0, 0);
    hub.answer = (m, send) => {
      if (m.type === 'call-request')
        send({
          type: 'call-status',
          callId: m.callId,
          inReplyTo: m.id,
          status: { state: 'unavailable', reason: 'no-lawyer', nextDutyAt: tomorrowNine.toISOString() },
        });
    };
    const { context, page, errors } = await openKiosk();
    try {
      await joinLine(page, 'debts');
      const unavailable = page.getByTestId('call-unavailable');
      await unavailable.waitFor();
      expect(await page.getByTestId('call-unavailable-reason').getAttribute('data-reason')).toBe('no-lawyer');
      expect(await page.getByTestId('call-unavailable-reason').textContent()).toContain('值班律师现在都在忙');
      expect(await unavailable.getByTestId('hotline').textContent()).toContain('12348');
      expect(await page.getByTestId('call-next-duty').textContent()).toMatch(/下次值班：\d+月\d+日（周.）09:00/);
      // The terminal's duty hours from its configuration (demo.json).
      expect(await page.getByTestId('duty-hours').textContent()).toContain('周一至周五 09:00–12:00、14:00–17:30');

      await page.getByTestId('call-callback').tap();
      await page.getByTestId('call-callback-phone').waitFor();
      // Nothing typed: nothing to go on with. A number too short: said in words, not taken.
      expect(await page.getByTestId('key-submit').isDisabled()).toBe(true);
      for (const d of '12348') await page.getByTestId(`key-${d}`).tap();
      await page.getByTestId('key-submit').tap();
      expect(await page.getByTestId('field-problem').textContent()).toContain('手机号是 11 位数字');
      for (let i = 0; i < 5; i++) await page.getByTestId('key-delete').tap();
      for (const d of '13812345678') await page.getByTestId(`key-${d}`).tap();
      expect(await page.getByTestId('call-phone-value').textContent()).toBe('138 1234 5678');
      await page.getByTestId('key-submit').tap();
      await page.getByTestId('consent-step').waitFor();
      await page.getByTestId('consent-agree').tap();
      expect(await page.getByTestId('call-phone-check').textContent()).toContain('138 1234 5678');
      await page.getByTestId('call-callback-submit').tap();
      const reference = (await page.getByTestId('submission-reference').textContent())!.trim();
      expect(reference).toMatch(/^C\d{6}-/);

      // Stored as a callback request: the number whole for the lawyer, the topic and why.
      const status = await callApi<SubmissionStatus>(kiosk, '/api/submissions/status', { reference });
      expect(status).toMatchObject({ kind: 'callback-request', hasReceipt: true, delivered: false });
      const db = new Database(join(kiosk.dataDir, 'records.db'), { readonly: true });
      try {
        const row = db.prepare('SELECT payload, receipt FROM outbox WHERE reference = ?').get(reference) as {
          payload: string;
          receipt: string;
        };
        expect(JSON.parse(row.payload)).toMatchObject({ phone: '13812345678', topic: 'debts', reason: 'no-lawyer' });
        // The receipt prints it masked.
        expect(row.receipt).toContain('138****5678');
        expect(row.receipt).not.toContain('13812345678');
      } finally {
        db.close();
      }
      await expect
        .poll(() => page.getByTestId('receipt-status').getAttribute('data-phase'), { timeout: 15_000 })
        .toBe('printed');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the hub out of reach: said at once, with 12348 and the callback — no spinner that does not end', async () => {
    const { context, page } = await openKiosk();
    try {
      await page.getByTestId('tile-videoCall').tap();
      await page.getByTestId('call-start').tap();
      await page.getByTestId('call-topic-family').tap();
      hub.accepting = false;
      hub.drop();
      await page.getByTestId('call-identity-skip').tap();
      await page.getByTestId('call-unavailable').waitFor({ timeout: 5000 });
      expect(await page.getByTestId('call-unavailable-reason').getAttribute('data-reason')).toBe('hub-unreachable');
      expect(await page.getByTestId('call-callback').isVisible()).toBe(true);

      // Home, the tile now says it cannot be used — and still takes a callback request (the outbox keeps it).
      await page.getByTestId('call-home').tap();
      await expect
        .poll(() => page.getByTestId('tile-videoCall').getAttribute('data-available'), { timeout: 15_000 })
        .toBe('false');
      await page.getByTestId('tile-videoCall').tap();
      await page.getByTestId('feature-unavailable').waitFor();
      expect(await page.getByTestId('hotline').first().textContent()).toContain('12348');
      await page.getByTestId('feature-callback').tap();
      await page.getByTestId('call-topic-consumer').tap();
      await page.getByTestId('call-callback-phone').waitFor();
    } finally {
      hub.accepting = true;
      await context.close();
    }
    // The link comes back by itself, on the long window: ten seconds after the first refused try, doubled per
    // further one while the hub stayed away (a loaded machine makes the test, and so the outage, longer).
    await hubLinkUp(90_000);
  }, 150_000);
});

describe('waiting for a lawyer', () => {
  it('shows the place in line as it changes, never resets for idleness, and 取消 takes one tap', async () => {
    queueAt(3, 300);
    const { context, page, errors } = await openKiosk(PORTRAIT, { fakeClock: true });
    try {
      await joinLine(page);
      await page.getByTestId('call-waiting').waitFor();
      await expect.poll(() => page.getByTestId('call-position').textContent()).toBe('前面还有 2 位');
      expect(await page.getByTestId('call-estimate').textContent()).toBe('预计还要等 5 分钟左右');
      const [request] = hub.messages('call-request');
      expect(request).toMatchObject({ topic: 'labour', callerName: null, maxWaitSeconds: 600 });

      hub.send({
        type: 'call-status',
        callId: request!.callId,
        status: { state: 'queued', position: 1, estimatedWaitSeconds: 40 },
      });
      await expect.poll(() => page.getByTestId('call-position').textContent()).toBe('下一位就是您');
      expect(await page.getByTestId('call-estimate').textContent()).toBe('很快就到您');

      // Longer than the idle wait and its countdown together, touching nothing: still in line.
      for (let i = 0; i < 10; i++) {
        await page.clock.runFor((IDLE_MS + COUNTDOWN_MS) / 8);
        await page.waitForTimeout(50);
      }
      await page.getByTestId('restoring').waitFor({ state: 'detached' });
      expect(await page.getByTestId('session-countdown').count()).toBe(0);
      expect(await page.getByTestId('call-waiting').isVisible()).toBe(true);

      await page.getByTestId('call-cancel').tap();
      await page.getByTestId('home').waitFor();
      await hub.until(() => hub.messages('call-cancel').length === 1);
      expect(hub.messages('call-cancel')[0]?.callId).toBe(request!.callId);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('showing the ID card sends the name on it to the lawyer’s queue, and nothing else of the card', async () => {
    queueAt(1);
    const { context, page } = await openKiosk();
    try {
      await page.getByTestId('tile-videoCall').tap();
      await page.getByTestId('call-start').tap();
      await page.getByTestId('call-topic-family').tap();
      await page.getByTestId('call-identity-show').tap();
      await page.getByTestId('idcard-step').waitFor();
      await callApi(kiosk, '/api/simulate', { idcard: 'mainlandLongTerm' });
      await page.getByTestId('call-waiting').waitFor();
      const [request] = hub.messages('call-request');
      expect(request?.callerName).toBeTruthy();
      expect(JSON.stringify(request)).not.toMatch(/\d{17}[\dX]/);
      await callApi(kiosk, '/api/simulate', { idcard: null });
      await page.getByTestId('call-cancel').tap();
      await page.getByTestId('home').waitFor();
    } finally {
      await context.close();
    }
  });

  it('waited past the limit (the hub says missed): plain words and the callback', async () => {
    queueAt(2);
    const { context, page } = await openKiosk();
    try {
      await joinLine(page);
      await page.getByTestId('call-position').waitFor();
      hub.send({ type: 'call-ended', callId: lastCallId(), reason: 'missed' });
      await page.getByTestId('call-unavailable').waitFor();
      expect(await page.getByTestId('call-unavailable-reason').getAttribute('data-reason')).toBe('waited-too-long');
    } finally {
      await context.close();
    }
  });
});

describe('the call', () => {
  it('the lawyer large and the citizen small, live; 静音, volume, reconnecting; a document printed once; 结束通话 stops every track', async () => {
    queueAt(1);
    const { context, page, errors } = await openWatched();
    try {
      await joinLine(page);
      await page.getByTestId('call-waiting').waitFor();
      // No camera before the lawyer answers.
      expect(await trackStates(page)).toEqual([]);
      const callId = await answer(page);

      // The lawyer's stream plays through the video element, with sound, frames advancing.
      const remote = page.getByTestId('call-remote-video');
      await expect.poll(() => remote.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
      const t0 = await remote.evaluate((v: HTMLVideoElement) => v.currentTime);
      await expect.poll(() => remote.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(t0);
      expect(await remote.evaluate((v: HTMLVideoElement) => v.muted)).toBe(false);
      // What it shows is the far end's picture (Chromium's fake camera: green), not a black box.
      const green = await remote.evaluate((v: HTMLVideoElement) => {
        const canvas = document.createElement('canvas');
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        const g = canvas.getContext('2d')!;
        g.drawImage(v, 0, 0);
        const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
        let sum = 0;
        let n = 0;
        for (let i = 1; i < data.length; i += 4 * 101, n++) sum += data[i]!;
        return sum / n;
      });
      expect(green).toBeGreaterThan(60);
      // And it keeps coming: frames decoded and bytes received grow between two looks.
      const decoded = () =>
        page.evaluate(async () => (await window.__loopbackCall!.sessions.at(-1)!.stats!()).inbound.video);
      const before = await decoded();
      await expect.poll(async () => (await decoded()).framesDecoded).toBeGreaterThan(before.framesDecoded);
      expect((await decoded()).bytesReceived).toBeGreaterThan(before.bytesReceived);
      const [remoteBox, selfBox] = [
        await remote.boundingBox(),
        await page.getByTestId('call-self-video').boundingBox(),
      ];
      expect(remoteBox!.width * remoteBox!.height).toBeGreaterThan(4 * selfBox!.width * selfBox!.height);
      expect(await trackStates(page)).toEqual(expect.arrayContaining(['audio:live', 'video:live']));

      // Signaling went through the service to the hub, and the hub's reached the session.
      await hub.until(() => hub.messages('call-signal').length > 0);
      expect(hub.messages('call-signal')[0]).toMatchObject({ callId, signal: { description: { type: 'answer' } } });
      hub.send({ type: 'call-signal', callId, signal: { candidate: null } });
      await expect.poll(() => page.evaluate(() => window.__loopbackCall?.heard.length)).toBe(1);

      // 静音: the microphone's track stops sending, and the screen says so in words.
      await page.getByTestId('call-mute').tap();
      expect(await page.getByTestId('call-mute').getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByTestId('call-muted').textContent()).toContain('律师听不到您说话');
      expect(await page.evaluate(() => window.__loopbackCall?.sessions.at(-1)?.muted)).toBe(true);
      await page.getByTestId('call-mute').tap();
      expect(await page.evaluate(() => window.__loopbackCall?.sessions.at(-1)?.muted)).toBe(false);

      // Volume in big steps, on the media element.
      await page.getByTestId('call-volume-down').tap();
      expect(await remote.evaluate((v: HTMLVideoElement) => v.volume)).toBeCloseTo(0.6);
      await page.getByTestId('call-volume-up').tap();
      await page.getByTestId('call-volume-up').tap();
      expect(await remote.evaluate((v: HTMLVideoElement) => v.volume)).toBeCloseTo(1);
      expect(await page.getByTestId('call-volume-up').isDisabled()).toBe(true);

      // The media recovering from a drop: said plainly, then gone.
      await page.evaluate(() => window.__loopbackCall?.setState('reconnecting'));
      await expect.poll(() => page.getByTestId('call-banner').textContent()).toBe('网络不稳定，正在重新连接…');
      await page.evaluate(() => window.__loopbackCall?.setState('connected'));
      await expect.poll(() => page.getByTestId('call-banner').textContent()).toBe('');

      // 律师发来文书: a filled 借条, previewed, printed once however often it is asked.
      const doc: CallDocument = {
        documentId: '5f0f1f6e-7a1b-4c2d-8e3f-000000000001',
        kind: 'template',
        title: '借条',
        templateId: 'iou',
        values: IOU_VALUES,
      };
      hub.documents.set(doc.documentId, doc);
      hub.send(documentPushed(callId, doc));
      const panel = page.getByTestId('call-documents');
      await panel.waitFor();
      expect(await panel.getByTestId('receipt-paper').textContent()).toContain('壹万贰仟叁佰肆拾伍元陆角');
      await panel.getByTestId('call-document-print').tap();
      await expect
        .poll(() => panel.getByTestId('print-status').getAttribute('data-phase'), { timeout: 15_000 })
        .toBe('printed');
      expect(await panel.getByTestId('call-document-print').count()).toBe(0);
      const again = await callApi<PrintJob>(kiosk, '/api/call/document/print', { documentId: doc.documentId });
      const jobs = (await callApi<{ jobs: PrintJob[] }>(kiosk, '/api/print/jobs')).jobs.filter(
        (j) => j.title === '借条',
      );
      expect(jobs.map((j) => j.id)).toEqual([again.id]);

      // 结束通话: the hub hears it, the rating follows, and the camera and microphone are released.
      await page.getByTestId('call-end').tap();
      await page.getByTestId('call-after').waitFor();
      await hub.until(() => hub.messages('call-end').length === 1);
      expect(hub.messages('call-end')[0]?.callId).toBe(callId);
      // The camera and microphone, and the two tracks that came from the far end.
      expect(await trackStates(page)).toHaveLength(4);
      await expectEveryTrackEnded(page);
      // The document stays printable after the call, and printed already it is not offered again.
      expect(await page.getByTestId('call-documents').isVisible()).toBe(true);

      await page.getByTestId('rating-score-5').tap();
      await page.getByTestId('rating-submit').tap();
      await page.getByTestId('call-after-home').tap();
      await page.getByTestId('home').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the lawyer hangs up: the rating, and every track stopped even when the media session forgets to', async () => {
    const { context, page, callId } = await inCall();
    try {
      await page.evaluate(() => {
        window.__loopbackCall!.keepTracksOnClose = true;
      });
      hub.send({ type: 'call-ended', callId, reason: 'completed' });
      await page.getByTestId('call-after').waitFor();
      await expectEveryTrackEnded(page);
    } finally {
      await context.close();
    }
  });

  it('结束使用 in a call ends it at the hub and releases the camera', async () => {
    const { context, page, callId } = await inCall();
    try {
      await page.getByTestId('session-finish').tap();
      // The rating at 结束使用 asks about the call; skipping ends the session.
      const skip = page.getByTestId('rating-skip');
      if (await skip.isVisible().catch(() => false)) await skip.tap();
      await page.getByTestId('attract').waitFor();
      await hub.until(() => hub.messages('call-end').length === 1);
      expect(hub.messages('call-end')[0]?.callId).toBe(callId);
      await expectEveryTrackEnded(page);
    } finally {
      await context.close();
    }
  });
});

/** The hub's word that the lawyer pushed `doc` to the call. */
const documentPushed = (callId: string, doc: CallDocument): LiveServerMessage => ({
  type: 'call-document',
  callId,
  document: noticeOf(doc),
});

describe('accessibility of the call screens', () => {
  for (const [orientation, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    for (const mode of ['standard', 'elderly'] as const satisfies readonly Mode[]) {
      it(`${orientation}, ${mode}: every call screen passes axe and the size rules`, { timeout: 180_000 }, async () => {
        queueAt(2);
        const { context, page } = await openWatched(viewport, true);
        const check = (screen: string) => expectAccessible(page, mode, `${orientation}-${mode}-video-call-${screen}`);
        try {
          if (mode === 'elderly') {
            await page.getByTestId('elderly-toggle').tap();
            await expect.poll(() => page.evaluate(() => document.documentElement.dataset['mode'])).toBe('elderly');
          }
          await page.getByTestId('tile-videoCall').tap();
          await page.getByTestId('call-notice').waitFor();
          await check('notice');
          await page.getByTestId('call-start').tap();
          await page.getByTestId('call-topic').waitFor();
          await check('topic');
          await page.getByTestId('call-topic-housing').tap();
          await page.getByTestId('call-identity').waitFor();
          await check('identity');
          await page.getByTestId('call-identity-skip').tap();
          await page.getByTestId('call-position').waitFor();
          await check('waiting');

          const callId = await answer(page);
          await page.evaluate(() => window.__loopbackCall?.setState('reconnecting'));
          await page.getByTestId('call-banner').getByText('网络不稳定').waitFor();
          const note: CallDocument = {
            documentId: `5f0f1f6e-7a1b-4c2d-8e3f-00000000010${orientation === 'portrait' ? 1 : 2}`,
            kind: 'note',
            title: '咨询意见',
            text: '请保留工资条、考勤记录和劳动合同，三十日内可申请劳动仲裁。',
          };
          hub.documents.set(note.documentId, note);
          hub.send(documentPushed(callId, note));
          await page.getByTestId('call-document').waitFor();
          await check('call');

          await page.getByTestId('call-end').tap();
          await page.getByTestId('call-after').waitFor();
          await check('after');
          await page.getByTestId('call-after-home').tap();

          hub.answer = (m, send) => {
            if (m.type === 'call-request')
              send({
                type: 'call-status',
                callId: m.callId,
                inReplyTo: m.id,
                status: { state: 'unavailable', reason: 'outside-hours', nextDutyAt: null },
              });
          };
          if (mode === 'elderly' && (await page.getByTestId('elderly-toggle').getAttribute('aria-pressed')) !== 'true')
            await page.getByTestId('elderly-toggle').tap();
          await joinLine(page, 'other');
          await page.getByTestId('call-unavailable').waitFor();
          await check('unavailable');
          await page.getByTestId('call-callback').tap();
          await page.getByTestId('call-callback-phone').waitFor();
          await check('callback');
        } finally {
          await context.close();
        }
      });
    }
  }
});
