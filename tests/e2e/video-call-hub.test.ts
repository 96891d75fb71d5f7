import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPayloadKeysDir, PayloadKeyring } from '../../hub/storage/payload-keyring';
import { startThrowawayCoturn, type ThrowawayCoturn } from '../../hub/testing/throwaway-coturn';
import type { Health } from '../../common/api/health';
import type { PrintJob } from '../../common/api/devices';
import { CALL_CHROMIUM_ARGS, waitUntil } from './call-rig/call-rig';
import { joinLine, requestCallback } from './call/kiosk-call';
import { choose, chooseIou, dutyOf, fillIou, IOU_AMOUNT, signIn } from './call/lawyer-console';
import { expectMediaBothWays, lawyerContext, pageTracks, watchCallMedia, type PageMedia } from './call/page-media';
import {
  callApi,
  CHROMIUM_PATH,
  launchChromium,
  openHome,
  PORTRAIT,
  startKioskWithSerialPrinter,
  type KioskOnPaper,
} from './harness';
import { poll } from './hub-console-pages';
import { addLawyer, enrollCode, hubctl, kioskctl, startHubProcess, type HubProcess } from './hub-processes';

/**
 * The whole video consultation with every part real: `npm run hub`'s
 * program; the kiosk's built service enrolled in it with `kioskctl hub
 * enroll`, its receipt printer our simulator on the far end of a socat pty;
 * the kiosk's renderer as shipped in one Chromium and the lawyer's console
 * in another, both with Chromium's fake camera and microphone. Nothing
 * between them is scripted: the kiosk's signaling goes renderer → service →
 * hub → console and back.
 *
 * Media is judged from getStats() in each page (an init script keeps the
 * page's peer connections; neither page has a hook for tests), and the
 * paper from the bytes that reached the printer, decoded.
 *
 * The last call goes through a TURN server of the test's own (coturn) with
 * the hub configured to relay every call, and survives that server's
 * restart by an ICE restart.
 */

const REGION = '420111';
const SITE = '洪山区街道中心';
const LAWYER = { login: 'lawyer-wang', password: 'Lv-shi-wang-2026!', name: '王律师' };

let work: string;
let hub: HubProcess;
let url: string;
let paper: KioskOnPaper;
let kioskBrowser: Browser;
let consoleBrowser: Browser;
let kioskPage: Page;
let kioskErrors: string[];
let kioskContext: BrowserContext;
let consoleContext: BrowserContext;
let lawyerPage: Page;

const hubDir = () => join(work, 'hub');
const kiosk = () => paper.kiosk;

/** Until the kiosk's health says its socket to the hub is open. */
const kioskLinkUp = () =>
  waitUntil(
    'the kiosk’s socket to the hub open',
    async () => (await callApi<Health>(kiosk(), '/api/health')).subsystems.hub.state,
    (state) => state === 'ok',
  );

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'video-call-hub-e2e-'));
  mkdirSync(hubDir(), { mode: 0o700 });
  hub = startHubProcess(hubDir());
  url = await hub.url;
  await addLawyer(hubDir(), REGION, LAWYER);
  const code = await enrollCode(hubDir(), { region: REGION, site: SITE });
  const kioskDir = join(work, 'kiosk');
  const enrolled = await kioskctl(kioskDir, ['hub', 'enroll', '--hub', url, '--code', code]);
  expect(enrolled.code, enrolled.stderr).toBe(0);
  [paper, kioskBrowser, consoleBrowser] = await Promise.all([
    startKioskWithSerialPrinter({ dataDir: kioskDir }),
    launchChromium({ fakeMedia: true }),
    chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CALL_CHROMIUM_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    }),
  ]);
  await kioskLinkUp();

  ({
    context: kioskContext,
    page: kioskPage,
    errors: kioskErrors,
  } = await openHome(kioskBrowser, kiosk(), PORTRAIT, {
    prepare: (p) => watchCallMedia(p),
  }));
  kioskPage.setDefaultTimeout(20_000);
  consoleContext = await lawyerContext(consoleBrowser, url);
  lawyerPage = await consoleContext.newPage();
  lawyerPage.setDefaultTimeout(20_000);
  await signIn(lawyerPage, url, LAWYER);
  await lawyerPage.locator('[data-testid="live-state"][data-state="live"]').waitFor({ state: 'attached' });
}, 180_000);

afterAll(async () => {
  await kioskContext?.close();
  await consoleContext?.close();
  await kioskBrowser?.close();
  await consoleBrowser?.close();
  await paper?.stop();
  await hub?.stop();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('no lawyer on duty', () => {
  it('the kiosk says so, offers 12348 and a callback request, which reaches the hub through the outbox', async () => {
    // The lawyer is signed in but 下线: nobody can answer.
    expect(await dutyOf(lawyerPage)).toBe('offline');
    await joinLine(kioskPage, 'debts');
    const unavailable = kioskPage.getByTestId('call-unavailable');
    await unavailable.waitFor();
    expect(await kioskPage.getByTestId('call-unavailable-reason').getAttribute('data-reason')).toBe('no-lawyer');
    expect(await unavailable.getByTestId('hotline').textContent()).toContain('12348');

    const reference = await requestCallback(kioskPage, '13812345678');
    // Through the kiosk's outbox to the hub: stored there with the number a lawyer calls back…
    const atHub = async (): Promise<{ kind: string; reference: string }[]> => {
      const listed = await hubctl(hubDir(), ['submissions', '--json']);
      return listed.code === 0 ? (JSON.parse(listed.stdout) as { kind: string; reference: string }[]) : [];
    };
    await expect
      .poll(async () => (await atHub()).filter((s) => s.reference === reference).map((s) => s.kind), {
        timeout: 30_000,
      })
      .toEqual(['callback-request']);
    const hubDb = new Database(join(hubDir(), 'hub.db'), { readonly: true });
    try {
      const stored = hubDb
        .prepare('SELECT kiosk_id, idempotency_key, payload FROM submissions WHERE reference = ?')
        .get(reference) as { kiosk_id: number; idempotency_key: string; payload: string };
      // Encrypted at rest: the hub's own keys open it.
      expect(stored.payload).not.toContain('13812345678');
      const payload = PayloadKeyring.open(defaultPayloadKeysDir(hubDir())).open(stored.payload, {
        kioskId: stored.kiosk_id,
        idempotencyKey: stored.idempotency_key,
      });
      expect(JSON.parse(payload)).toMatchObject({ phone: '13812345678', topic: 'debts', reason: 'no-lawyer' });
    } finally {
      hubDb.close();
    }
    // …and, once the hub has it, no longer kept in full at the kiosk.
    const db = new Database(join(kiosk().dataDir, 'records.db'), { readonly: true });
    try {
      const row = db.prepare('SELECT kind, payload, delivered_at FROM outbox WHERE reference = ?').get(reference) as
        { kind: string; payload: string; delivered_at: string | null } | undefined;
      expect(row?.kind).toBe('callback-request');
      expect(row?.delivered_at).not.toBeNull();
      expect(row?.payload).not.toContain('13812345678');
    } finally {
      db.close();
    }
    // Its receipt on paper, the number masked.
    await poll(() => paper.printed()).toContain(reference);
    expect(paper.printed()).toContain('138****5678');
    await kioskPage.getByTestId('nav-home').tap();
    await kioskPage.getByTestId('home').waitFor();
  });
});

/** The citizen in line, the lawyer's console ringing, 接听 pressed: both ends say media flows. */
async function callAnswered(topic: string): Promise<void> {
  await joinLine(kioskPage, topic);
  await kioskPage.getByTestId('call-waiting').waitFor();
  await poll(() => kioskPage.getByTestId('call-position').textContent()).toBe('下一位就是您');
  const ringing = lawyerPage.getByTestId('ringing');
  await poll(() => ringing.getAttribute('data-ringing')).toBe('yes');
  const row = lawyerPage.getByTestId('queue').locator('tbody tr[data-status="ringing"]');
  expect(await row.count()).toBe(1);
  await row.getByTestId('accept').click();
  await lawyerPage.getByTestId('call').waitFor();
  await kioskPage.getByTestId('call-stage').waitFor();
  await poll(() => kioskPage.getByTestId('call-stage').getAttribute('data-state')).toBe('connected');
  await poll(() => lawyerPage.getByTestId('call-state').getAttribute('data-state')).toBe('connected');
}

/** Every track on the kiosk's page — camera, microphone, and what came from the lawyer — ended. */
async function expectKioskTracksEnded(): Promise<void> {
  await poll(async () => {
    const tracks = await pageTracks(kioskPage);
    return [...tracks.captured, ...tracks.senders, ...tracks.receivers].filter((t) => !t.endsWith(':ended'));
  }).toEqual([]);
  const { captured } = await pageTracks(kioskPage);
  expect(captured.length).toBeGreaterThanOrEqual(2);
}

describe('a call with every part real', () => {
  it('queues, rings, 接听: frames and sound grow both ways on both pages', async () => {
    await choose(lawyerPage, '在线接待');
    await poll(() => dutyOf(lawyerPage)).toBe('available');
    await callAnswered('labour');
    await expectMediaBothWays({ kiosk: kioskPage, console: lawyerPage });
  });

  it('prints the 借条 the lawyer pushes exactly once on the kiosk’s printer', async () => {
    await chooseIou(lawyerPage);
    const typed = await fillIou(lawyerPage);
    await lawyerPage.getByTestId('document-send').click();
    await poll(() => lawyerPage.getByTestId('document-outcome').innerText()).toBe('“借条”已发到终端，市民可以打印。');

    const panel = kioskPage.getByTestId('call-documents');
    await panel.waitFor();
    expect(await panel.getByRole('heading', { level: 2 }).textContent()).toContain('律师发来文书');
    expect(await panel.getByTestId('receipt-paper').textContent()).toContain(IOU_AMOUNT.capitals);
    const [cutsBefore, paperBefore] = [paper.cuts(), paper.printed().length];
    await panel.getByTestId('call-document-print').tap();
    await poll(() => panel.getByTestId('print-status').getAttribute('data-phase')).toBe('printed');
    expect(await panel.getByTestId('call-document-print').count()).toBe(0);
    // Asked again (a second tap, a screen that came back), the service answers with the first job.
    const { documents } = await callApi<{ documents: { documentId: string; title: string }[] }>(
      kiosk(),
      '/api/call/current',
    );
    const [iou] = documents.filter((d) => d.title === '借条');
    const again = await callApi<PrintJob>(kiosk(), '/api/call/document/print', { documentId: iou!.documentId });
    const jobs = (await callApi<{ jobs: PrintJob[] }>(kiosk(), '/api/print/jobs')).jobs.filter(
      (j) => j.title === '借条',
    );
    expect(jobs.map((j) => j.id)).toEqual([again.id]);
    // Nothing more reaches the paper: one cut, the amount once.
    await sleep(1_500);
    const printed = paper.printed().slice(paperBefore);
    expect(paper.cuts() - cutsBefore).toBe(1);
    expect(printed.split(IOU_AMOUNT.capitals)).toHaveLength(2);
    for (const value of [typed['borrower.name']!, typed['lender.name']!, typed['borrower.idNumber']!])
      expect(printed).toContain(value);
  });

  it('the lawyer ends: the kiosk rates and goes home, every track on it stopped', async () => {
    await lawyerPage.getByTestId('hang-up').click();
    await lawyerPage.getByTestId('wrap-up').waitFor();
    await kioskPage.getByTestId('call-after').waitFor();
    await expectKioskTracksEnded();
    await kioskPage.getByTestId('rating-score-5').tap();
    await kioskPage.getByTestId('rating-submit').tap();
    await kioskPage.getByTestId('call-after-home').tap();
    await kioskPage.getByTestId('home').waitFor();
    await lawyerPage.getByTestId('back-to-queue').click();
    await lawyerPage.getByTestId('queue').waitFor();
    expect(kioskErrors).toEqual([]);
  });
});

/**
 * Every change of what the element `testId` shows — its text, or the value
 * of `attribute` — from now on, polled in the page every 50 ms (a state
 * shown for a moment is not missed between two looks from the test), kept
 * in `window[key]`.
 */
async function recordInPage(p: Page, key: string, testId: string, attribute: string | null): Promise<void> {
  await p.evaluate(
    ([k, id, name]) => {
      const seen: string[] = [];
      Object.assign(window, { [k]: seen });
      setInterval(() => {
        const el = document.querySelector(`[data-testid="${id}"]`);
        const now = (name === null ? el?.textContent : el?.getAttribute(name)) ?? '';
        if (seen.at(-1) !== now) seen.push(now);
      }, 50);
    },
    [key, testId, attribute] as const,
  );
}

const recorded = (p: Page, key: string): Promise<string[]> =>
  p.evaluate((k) => (window as unknown as Record<string, string[]>)[k] ?? [], key);

describe('a call relayed through TURN only, across a TURN server restart', () => {
  let coturn: ThrowawayCoturn;
  /** Fresh TURN credentials the kiosk's screen asked its service for, and the lawyer's page asked the hub for. */
  const renewals = { kiosk: 0, console: 0 };

  beforeAll(async () => {
    coturn = await startThrowawayCoturn();
    const secretFile = join(hubDir(), 'turn-secret');
    writeFileSync(secretFile, `${coturn.secret}\n`, { mode: 0o600 });
    // Watched from before the hub restarts: the console's live socket is a new one after it.
    kioskPage.on('response', (res) => {
      if (new URL(res.url()).pathname === '/api/call/ice-config' && res.ok()) renewals.kiosk++;
    });
    lawyerPage.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        if (typeof payload === 'string' && (JSON.parse(payload) as { type?: string }).type === 'ice-config')
          renewals.console++;
      }),
    );
    // The hub again on its port, now handing every call coturn's credentials and the relay-only policy.
    const port = Number(new URL(url).port);
    await hub.stop();
    hub = startHubProcess(hubDir(), {}, port, {
      turn: { urls: [coturn.url], secretFile, ttlSeconds: 600, relayOnly: true },
    });
    await hub.url;
    await kioskLinkUp();
    // The home screen hears of the link back with its next look at the service's health.
    await kioskPage.locator('[data-testid="tile-videoCall"][data-available="true"]').waitFor({ timeout: 30_000 });
    await lawyerPage.locator('[data-testid="live-state"][data-state="live"]').waitFor({ state: 'attached' });
  }, 60_000);
  afterAll(() => coturn?.stop());

  const expectRelayed = (media: Record<string, PageMedia>) => {
    for (const [end, m] of Object.entries(media)) expect(m.route, `${end}'s route`).toBe('relay/relay');
  };

  it('connects through coturn alone: both ends relay, media grows both ways', async () => {
    await choose(lawyerPage, '在线接待');
    await poll(() => dutyOf(lawyerPage)).toBe('available');
    await callAnswered('family');
    expectRelayed(await expectMediaBothWays({ kiosk: kioskPage, console: lawyerPage }));
  });

  it('coturn away for 2 s: both ends say they are reconnecting, then media flows again by ICE restart', async () => {
    await recordInPage(kioskPage, 'banners', 'call-banner', null);
    await recordInPage(lawyerPage, 'callStates', 'call-state', 'data-state');
    await coturn.restart(2_000);
    await waitUntil(
      'the kiosk’s screen said it reconnects, then was connected again',
      async () => ({
        banners: await recorded(kioskPage, 'banners'),
        state: await kioskPage.getByTestId('call-stage').getAttribute('data-state'),
      }),
      ({ banners, state }) => banners.includes('网络不稳定，正在重新连接…') && state === 'connected',
      45_000,
    );
    await waitUntil(
      'the console said it reconnects, then was connected again',
      () => recorded(lawyerPage, 'callStates'),
      (states) => states.includes('reconnecting') && states.at(-1) === 'connected',
      45_000,
    );
    // Both asked for fresh credentials before restarting ICE: the kiosk through its service, the console on its socket.
    expect(renewals.kiosk).toBeGreaterThan(0);
    expect(renewals.console).toBeGreaterThan(0);
    // Sound comes back first; the picture with the sender's next key frame.
    await poll(async () => {
      try {
        await expectMediaBothWays({ kiosk: kioskPage, console: lawyerPage });
        return true;
      } catch {
        return false;
      }
    }).toBe(true);
    expectRelayed(await expectMediaBothWays({ kiosk: kioskPage, console: lawyerPage }));
  }, 120_000);

  it('the citizen ends with 结束通话: the console goes to its wrap-up, every track on the kiosk stopped', async () => {
    await kioskPage.getByTestId('call-end').tap();
    await kioskPage.getByTestId('call-after').waitFor();
    await lawyerPage.getByTestId('wrap-up').waitFor();
    await expectKioskTracksEnded();
    await kioskPage.getByTestId('call-after-home').tap();
    await kioskPage.getByTestId('home').waitFor();
    expect(kioskErrors).toEqual([]);
  });
});
