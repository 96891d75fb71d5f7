import { createHash, randomUUID, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type BrowserContext, type Page, type WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CallDocument, type CallTopic, type LawyerQueue, type QueuedCall } from '../../common/hub/api/calls';
import { HUB_REQUEST_HEADER, hubApi } from '../../common/hub/api/contract';
import { LiveClientMessage, type LiveServerMessage } from '../../common/hub/api/live';
import { hears, type Heard } from '../../hub/testing/call-clients';
import { kioskSocketAt, type LiveClient } from '../../hub/testing/live-clients';
import { signRequest } from '../../server-kit/kiosk-identity/request-signature';
import { startCallRig, waitUntil, type CallPeer, type CallRig } from './call-rig/call-rig';
import { kioskSignaling } from './call-rig/hub-kiosk-signaling';
import { CHROMIUM_PATH } from './harness';
import { pageChecks, poll } from './hub-console-pages';
import { chooseIou, choose, dutyOf, fillIou, liveStateOf, signIn } from './call/lawyer-console';
import { expectGrew, lawyerContext, pageMedia } from './call/page-media';
import { addLawyer, enrollCode, registerKiosk, startHubProcess, type HubProcess } from './hub-processes';

/**
 * A lawyer's 视频接待 in the hub's console, in real Chromium with a fake
 * camera and microphone, against `npm run hub`'s program.
 *
 * Lawyers added with hubctl sign in and land on the page, the only one
 * their role has; two kiosks enrolled with a pre-approving code open their
 * live sockets and ask for a lawyer, as a kiosk's service does. Everything
 * the hub can be made to do is done by the hub itself: the duty status,
 * the queue and its ring, 已被接听, a caller leaving, 接听 into the call,
 * documents the kiosk is told of and fetches, a page reloaded mid-call, a
 * call the kiosk ends, a hub restarted under a waiting page, a call whose
 * kiosk end is a second Chromium running the call session with media
 * both ways, and the idle timeout that does not sign out a lawyer on duty.
 *
 * Only what the hub does not do at will is scripted: its live socket then
 * answered by a script that speaks as the hub does — the 暂离 it sets after
 * three offers rang out (a minute and a half of ringing), and a queue read
 * just before a claim crossing the 已被接听 that follows it.
 */

const REGION = '420111';
const SITE = '洪山区街道中心';
const LAWYER = { login: 'lawyer-wang', password: 'Lv-shi-wang-2026!', name: '王律师' };
const OTHER = { login: 'lawyer-li', password: 'Lv-shi-li-2026!', name: '李律师' };
const IDLE_MINUTES = 30;

interface EnrolledKiosk {
  id: number;
  privateKey: KeyObject;
  /** As a lawyer's queue names it: its name and site. */
  name: string;
}

let dataDir: string;
let hub: HubProcess;
let url: string;
let browser: Browser;
let hall: EnrolledKiosk;
let annex: EnrolledKiosk;

async function enrollKiosk(terminalId: string, displayName: string): Promise<EnrolledKiosk> {
  const code = await enrollCode(join(dataDir, 'hub'), { region: REGION, site: SITE });
  const { id, privateKey } = await registerKiosk(url, code, { terminalId, displayName });
  return { id, privateKey, name: `${displayName} · ${SITE}` };
}

/** A citizen at a kiosk who asked for a lawyer: the kiosk's live socket and the call's id. */
interface Caller {
  socket: LiveClient;
  callId: string;
}

/** A kiosk's socket asking for a lawyer, and the hub's answer to it. */
async function askForLawyer(
  kiosk: EnrolledKiosk,
  opts: { callerName?: string | null; topic?: CallTopic } = {},
): Promise<Caller & { status: Heard<'call-status'>['status'] }> {
  const socket = await kioskSocketAt(url, kiosk);
  const callId = randomUUID();
  socket.send({
    type: 'call-request',
    id: 'request',
    callId,
    topic: opts.topic ?? 'labour',
    callerName: opts.callerName === undefined ? '张小三' : opts.callerName,
    maxWaitSeconds: 600,
  });
  const answer = (await hears(
    socket,
    (m) => m.type === 'call-status' && m.inReplyTo === 'request',
  )) as Heard<'call-status'>;
  return { socket, callId, status: answer.status };
}

/** A citizen queued for a lawyer. */
async function callFrom(kiosk: EnrolledKiosk, opts: { callerName?: string | null; topic?: CallTopic } = {}) {
  const { status, ...caller } = await askForLawyer(kiosk, opts);
  expect(status.state).toBe('queued');
  return caller;
}

/** The citizen leaves (取消, or the call is over) and the kiosk's socket closes. */
async function leave(caller: Caller): Promise<void> {
  if (caller.socket.ws.readyState === WebSocket.OPEN) {
    caller.socket.send({ type: 'call-cancel', id: 'leave', callId: caller.callId });
    await hears(caller.socket, (m) => m.type === 'call-status' && m.inReplyTo === 'leave');
    caller.socket.ws.close();
  }
  await caller.socket.closed;
}

/** Why the kiosk's call ended, once it heard both ways the hub says it (call-ended, call-status ended) agree. */
async function endedReason(caller: Caller): Promise<string> {
  const ended = await hears(caller.socket, (m) => m.type === 'call-ended' && m.callId === caller.callId);
  const status = await hears(
    caller.socket,
    (m) => m.type === 'call-status' && m.callId === caller.callId && m.status.state === 'ended',
  );
  const reasons = [
    ended.type === 'call-ended' ? ended.reason : undefined,
    status.type === 'call-status' && status.status.state === 'ended' ? status.status.reason : undefined,
  ];
  expect(reasons[0], 'call-ended and call-status say the same').toBe(reasons[1]);
  return String(reasons[0]);
}

/** A document pushed to the kiosk's call, fetched as the kiosk's service does: a signed request. */
async function fetchDocument(kiosk: EnrolledKiosk, documentId: string): Promise<CallDocument> {
  const { path } = hubApi.kioskCallDocument;
  const body = JSON.stringify({ documentId });
  const signed = signRequest(kiosk.privateKey, { method: 'POST', path, kioskId: kiosk.id, time: Date.now(), body });
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { [HUB_REQUEST_HEADER]: '1', 'content-type': 'application/json', ...signed },
    body,
  });
  expect(res.status).toBe(200);
  return CallDocument.parse(await res.json());
}

/** The own camera's and microphone's tracks on the call view, as `kind:readyState:enabled` (kept in `window.local`). */
const localTracks = (p: Page) =>
  p.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid="local-video"]');
    const stream = (video?.srcObject ?? (window as unknown as { local?: MediaStream }).local) as MediaStream | null;
    if (stream !== null && stream !== undefined) Object.assign(window, { local: stream });
    return (
      stream
        ?.getTracks()
        .map((t) => `${t.kind}:${t.readyState}:${t.enabled}`)
        .sort() ?? []
    );
  });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hub-console-calls-e2e-'));
  mkdirSync(join(dataDir, 'hub'), { mode: 0o700 });
  hub = startHubProcess(join(dataDir, 'hub'));
  url = await hub.url;
  for (const account of [LAWYER, OTHER]) await addLawyer(join(dataDir, 'hub'), REGION, account);
  hall = await enrollKiosk('HB-0001', '洪山区街道中心终端');
  annex = await enrollKiosk('HB-0002', '关山便民服务终端');
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--disable-gpu',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      // Plain IP candidates: mDNS names may not resolve across two browsers.
      '--disable-features=WebRtcHideLocalIpsWithMdns',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a lawyer’s 视频接待 against the hub', () => {
  let context: BrowserContext;
  let page: Page;
  const { settled, checkPage, atBothSizes } = pageChecks(() => page);
  /** The call the tests from 接听 to hanging up share. */
  let inCall: Caller;

  beforeAll(async () => {
    context = await lawyerContext(browser, url);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });
  afterAll(() => context?.close());

  it('signs a lawyer in onto 视频接待, the first of the pages the navigation offers a lawyer', async () => {
    await signIn(page, url, LAWYER);
    const links = page.getByRole('navigation').getByRole('link');
    // Their calls, and the callbacks they owe (回电与评价).
    expect(await links.allInnerTexts()).toEqual(['视频接待', '通话记录', '回电与评价']);
    await page.getByTestId('duty').waitFor();
    await poll(() => liveStateOf(page)).toBe('live');
    // The queue the hub pushed as the socket opened: a lawyer starts 下线.
    expect(await dutyOf(page)).toBe('offline');
    await atBothSizes('reception');
  });

  it('moves the duty status with the arrow keys, and the hub goes by it: no lawyer for a kiosk while 暂离', async () => {
    await page.getByRole('radio', { name: '下线' }).focus();
    await page.keyboard.press('ArrowLeft');
    // What the page shows is the hub's answer to duty-set.
    await poll(() => dutyOf(page)).toBe('away');
    const turnedAway = await askForLawyer(hall);
    expect(turnedAway.status).toMatchObject({ state: 'unavailable', reason: 'no-lawyer' });
    turnedAway.socket.ws.close();
    await choose(page, '在线接待');
    await poll(() => dutyOf(page)).toBe('available');
  });

  let first: Caller;
  let second: Caller;

  it('rings and notifies for the oldest caller, the others waiting, names masked, the wait counting up', async () => {
    first = await callFrom(hall, { topic: 'debts', callerName: '张小三' });
    second = await callFrom(annex, { topic: 'family', callerName: null });
    const ringing = page.getByTestId('ringing');
    await poll(() => ringing.getAttribute('data-ringing')).toBe('yes');
    expect(await ringing.innerText()).toBe('正在响铃：1 位市民在等你接听');
    const rows = page.getByTestId('queue').locator('tbody tr[data-status]');
    await poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')))).toEqual([
      'ringing',
      'waiting',
    ]);
    const row = page.getByTestId(`call-${first.callId}`);
    expect(await row.innerText()).toMatch(
      /借贷债务[\s\S]*洪山区街道中心终端 · 洪山区街道中心[\s\S]*张\*\*[\s\S]*秒[\s\S]*正在呼叫你/,
    );
    expect(await row.innerText()).not.toContain('张小三');
    expect(await page.getByTestId(`call-${second.callId}`).innerText()).toMatch(/婚姻家庭[\s\S]*关山便民服务终端/);
    const waited = await row.locator('td').nth(3).innerText();
    await poll(() => row.locator('td').nth(3).innerText()).not.toBe(waited);
    await poll(() => page.evaluate(() => (window as unknown as { notified: string[] }).notified)).toEqual([
      `有市民在等待视频咨询 | 借贷债务 · ${hall.name}`,
    ]);
    await atBothSizes('reception-ringing');
  });

  it('shows 已被接听 at once when another lawyer answers, lets the row go, and rings for the next caller', async () => {
    const other = await lawyerContext(browser, url);
    const otherPage = await other.newPage();
    otherPage.setDefaultTimeout(20_000);
    await signIn(otherPage, url, OTHER);
    await choose(otherPage, '在线接待');
    const mine = page.getByTestId(`call-${first.callId}`);
    await otherPage.getByTestId(`call-${first.callId}`).getByTestId('accept').click();
    await otherPage.getByTestId('call').waitFor();
    await poll(() => mine.getAttribute('data-status')).toBe('taken');
    expect(await mine.innerText()).toContain('已被接听');
    await checkPage('reception-taken');
    expect(await hears(first.socket, (m) => m.type === 'call-status' && m.status.state === 'answered')).toMatchObject({
      status: { lawyerName: '李律师' },
    });
    await mine.waitFor({ state: 'detached' });
    // The next caller rings this lawyer now.
    await poll(() => page.getByTestId(`call-${second.callId}`).getAttribute('data-status')).toBe('ringing');

    await otherPage.getByTestId('hang-up').click();
    await otherPage.getByTestId('wrap-up').waitFor();
    expect(await endedReason(first)).toBe('completed');
    await otherPage.getByTestId('back-to-queue').click();
    await choose(otherPage, '下线');
    await poll(() => dutyOf(otherPage)).toBe('offline');
    await other.close();
    first.socket.ws.close();
  });

  it('takes a caller who left off the page within two seconds, and stops ringing', async () => {
    const row = page.getByTestId(`call-${second.callId}`);
    await row.waitFor();
    await leave(second);
    await expect
      .poll(async () => (await row.count()) === 0 || (await row.getAttribute('data-status')) === 'gone', {
        timeout: 2_000,
      })
      .toBe(true);
    expect(await page.getByTestId('ringing').getAttribute('data-ringing')).toBe('no');
    await row.waitFor({ state: 'detached' });
  });

  it('answers by keyboard into the call: the name unmasked, the own camera on, 静音 pressed and released', async () => {
    inCall = await callFrom(hall, { topic: 'labour', callerName: '张小三' });
    const accept = page.getByTestId(`call-${inCall.callId}`).getByTestId('accept');
    await accept.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('call').waitFor();
    expect(await page.getByTestId('call').getAttribute('data-call-id')).toBe(inCall.callId);
    expect(await page.getByTestId('caller-name').innerText()).toBe('张小三');
    expect(await page.getByTestId('caller').innerText()).toMatch(/劳动纠纷[\s\S]*洪山区街道中心终端 · 洪山区街道中心/);
    expect(await hears(inCall.socket, (m) => m.type === 'call-status' && m.status.state === 'answered')).toMatchObject({
      status: { lawyerName: '王律师' },
    });
    await poll(() => localTracks(page)).toEqual(['audio:live:true', 'video:live:true']);
    await page.getByTestId('mute').click();
    expect(await localTracks(page)).toEqual(['audio:live:false', 'video:live:true']);
    expect(await page.getByTestId('mute').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('mute').click();
    // The pointer off the button, so axe sees it as it stands, not hovered.
    await page.mouse.move(0, 0);
    await atBothSizes('call');
  });

  it('checks a template in the kiosk’s words, then sends it filled: the kiosk is told and fetches what was typed', async () => {
    await chooseIou(page);
    expect(await page.getByTestId('document-title').inputValue()).toBe('借条');
    await page.getByLabel('借款金额（元）').fill('12,345.6.7');
    await page.getByTestId('document-send').click();
    const amount = page.locator('.ant-form-item').filter({ has: page.getByLabel('借款金额（元）') });
    await poll(() => amount.innerText()).toMatch(/金额/);
    expect(
      await page
        .locator('.ant-form-item')
        .filter({ has: page.getByLabel('借款人姓名') })
        .innerText(),
    ).toContain('这一项必须填写。');
    await page.mouse.move(0, 0);
    await settled();
    await checkPage('call-template');

    // Each field by its label, as the lawyer types it; the kiosk gets them by field id.
    const typed = await fillIou(page);
    await page.getByTestId('document-send').click();
    await poll(() => page.getByTestId('document-outcome').innerText()).toBe('“借条”已发到终端，市民可以打印。');
    const told = await hears(inCall.socket, (m) => m.type === 'call-document' && m.document.kind === 'template');
    if (told.type !== 'call-document') throw new Error('not a call-document');
    expect(told).toMatchObject({ callId: inCall.callId, document: { title: '借条', kind: 'template' } });
    const fetched = await fetchDocument(hall, told.document.documentId);
    expect(fetched).toEqual({
      documentId: told.document.documentId,
      kind: 'template',
      title: '借条',
      templateId: 'iou',
      values: typed,
    });
    expect(
      createHash('sha256')
        .update(JSON.stringify({ templateId: 'iou', values: fetched.kind === 'template' ? fetched.values : {} }))
        .digest('hex'),
    ).toBe(told.document.sha256);
  });

  it('refuses a PDF over the limit or not a PDF on the page, and sends one that is: the kiosk gets its very bytes', async () => {
    await choose(page, 'PDF 文件');
    await page.getByTestId('document-title').fill('调解须知');
    await page.getByTestId('pdf-file').setInputFiles({
      name: 'big.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024)]),
    });
    await poll(() => page.getByTestId('pdf-problem').innerText()).toContain('文件太大');
    await page
      .getByTestId('pdf-file')
      .setInputFiles({ name: 'note.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
    await page.getByTestId('document-send').click();
    await poll(() => page.getByTestId('pdf-problem').innerText()).toBe('这不是 PDF 文件。');
    await page.mouse.move(0, 0);
    await checkPage('call-pdf');

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await page.getByTestId('pdf-file').setInputFiles({ name: 'notice.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByTestId('document-send').click();
    await poll(() => page.getByTestId('document-outcome').innerText()).toBe('“调解须知”已发到终端，市民可以打印。');
    const told = await hears(inCall.socket, (m) => m.type === 'call-document' && m.document.kind === 'pdf');
    if (told.type !== 'call-document') throw new Error('not a call-document');
    expect(told.document).toMatchObject({
      title: '调解须知',
      bytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    const fetched = await fetchDocument(hall, told.document.documentId);
    expect(fetched.kind === 'pdf' && Buffer.from(fetched.base64, 'base64').equals(pdf)).toBe(true);
  });

  it('takes the call up again when the page is reloaded mid-call, with fresh credentials and what the history says of it', async () => {
    await page.reload();
    await page.getByTestId('call').waitFor();
    expect(await page.getByTestId('call').getAttribute('data-call-id')).toBe(inCall.callId);
    // The unmasked name came only with 接听; the history has the masked one, the topic and the kiosk.
    await poll(() => page.getByTestId('caller').innerText()).toMatch(/张\*\*[\s\S]*劳动纠纷[\s\S]*洪山区街道中心终端/);
    await poll(() => localTracks(page)).toEqual(['audio:live:true', 'video:live:true']);
    expect(inCall.socket.heard.filter((m) => m.type === 'call-ended')).toEqual([]);
  });

  it('hangs up into the wrap-up with every local track stopped; the kiosk hears the call ended', async () => {
    await page.getByRole('tab', { name: '咨询记录' }).click();
    await page.getByTestId('record-facts').fill('在工地做工三个月，工资没有结清。');
    await page.getByTestId('hang-up').click();
    await page.getByTestId('wrap-up').waitFor();
    expect(await endedReason(inCall)).toBe('completed');
    expect(
      await page.evaluate(() =>
        (window as unknown as { local: MediaStream }).local.getTracks().map((t) => t.readyState),
      ),
    ).toEqual(['ended', 'ended']);
    // The draft typed during the call is in the wrap-up.
    expect(await page.getByTestId('record-facts').inputValue()).toBe('在工地做工三个月，工资没有结清。');
    await page.getByTestId('record-save').click();
    await poll(() => page.getByTestId('wrap-up').innerText()).toContain('请填写解答意见。');
    await page.getByTestId('record-advice').fill('可以先申请劳动仲裁。');
    await choose(page, '法律援助');
    await page.mouse.move(0, 0);
    await atBothSizes('wrap-up');
    await page.getByTestId('record-save').click();
    // Kept at the hub: the page says so only once the route answered, and a finished record is the way back.
    await poll(() => page.locator('.ant-message').innerText()).toContain('咨询记录已保存。');
    await page.getByTestId('queue').waitFor();
    expect(await page.getByTestId('wrap-up').count()).toBe(0);
    inCall.socket.ws.close();
  });

  it('goes to the wrap-up by itself when the citizen ends the call', async () => {
    const caller = await callFrom(hall, { topic: 'housing' });
    await page.getByTestId(`call-${caller.callId}`).getByTestId('accept').click();
    await page.getByTestId('call').waitFor();
    await hears(caller.socket, (m) => m.type === 'call-status' && m.status.state === 'answered');
    caller.socket.send({ type: 'call-end', id: 'hang-up', callId: caller.callId });
    await page.getByTestId('wrap-up').waitFor();
    expect(await page.getByTestId('call-ended').innerText()).toContain('通话已结束。');
    await page.getByTestId('back-to-queue').click();
    caller.socket.ws.close();
  });

  it('has the calls that arrived while its socket was reconnecting once it is back', async () => {
    const port = new URL(url).port;
    await hub.stop();
    await poll(() => liveStateOf(page)).toBe('reconnecting');
    hub = startHubProcess(join(dataDir, 'hub'), {}, Number(port));
    await hub.url;
    const caller = await callFrom(annex);
    await page.getByTestId(`call-${caller.callId}`).waitFor({ timeout: 60_000 });
    await poll(() => liveStateOf(page)).toBe('live');
    await leave(caller);
  });
});

describe('a call whose kiosk end is a real call session in another Chromium', () => {
  let rig: CallRig;
  let context: BrowserContext;
  let page: Page;
  let kiosk: CallPeer;
  const { checkPage } = pageChecks(() => page);

  beforeAll(async () => {
    rig = await startCallRig({ ends: ['polite'] });
    context = await lawyerContext(browser, url);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await rig?.stop();
  });

  /** Both ends say media flows: the console's call view, and the kiosk's session. */
  async function bothConnected(when: string): Promise<void> {
    await poll(() => page.getByTestId('call-state').getAttribute('data-state')).toBe('connected');
    await waitUntil(
      `the kiosk end connected ${when}`,
      () => kiosk.state(),
      (s) => s === 'connected',
    );
  }

  /** Two snapshots a second and a half apart, on the console and on the kiosk: every counter grew. */
  async function expectMediaBothWays(): Promise<void> {
    const [before, kioskBefore] = [await pageMedia(page), await kiosk.stats()];
    await sleep(1_500);
    const [after, kioskAfter] = [await pageMedia(page), await kiosk.stats()];
    expectGrew(before, after, 'the console');
    expect(kioskAfter.inbound.video.framesDecoded, 'the kiosk decodes the lawyer').toBeGreaterThan(
      kioskBefore.inbound.video.framesDecoded,
    );
    expect(kioskAfter.inbound.audio.bytesReceived, 'the kiosk hears the lawyer').toBeGreaterThan(
      kioskBefore.inbound.audio.bytesReceived,
    );
  }

  it('connects through the hub’s signaling: frames and sound grow both ways on the console', async () => {
    await signIn(page, url, LAWYER);
    await choose(page, '在线接待');
    await poll(() => dutyOf(page)).toBe('available');
    const caller = await callFrom(hall, { topic: 'traffic' });
    const signaling = await kioskSignaling(rig, caller);
    kiosk = await rig.peer('polite');
    try {
      await page.getByTestId(`call-${caller.callId}`).getByTestId('accept').click();
      const answered = await hears(caller.socket, (m) => m.type === 'call-status' && m.status.state === 'answered');
      if (answered.type !== 'call-status' || answered.status.state !== 'answered') throw new Error('not answered');
      await kiosk.start({ room: caller.callId, ice: answered.status.ice });
      await bothConnected('first');
      await expectMediaBothWays();
      await page.mouse.move(0, 0);
      await checkPage('call-connected');

      // The lawyer's page reloaded mid-call: a new peer connection, negotiated again with the kiosk's.
      await page.reload();
      await page.getByTestId('call').waitFor();
      await bothConnected('again');
      await expectMediaBothWays();

      await page.getByTestId('hang-up').click();
      await page.getByTestId('wrap-up').waitFor();
      expect(await endedReason(caller)).toBe('completed');
      // The kiosk's screen ends its session on call-ended: its camera goes off.
      await kiosk.close();
      expect(await kiosk.tracks()).toEqual({ local: ['ended', 'ended'], senders: ['ended', 'ended'] });
      expect((await kiosk.report()).errors).toEqual([]);
      expect(rig.relay.rejected).toEqual([]);
      await page.getByTestId('back-to-queue').click();
    } finally {
      signaling.close();
      caller.socket.ws.close();
      await kiosk.dispose();
    }
  }, 90_000);
});

describe('the idle timeout and a lawyer waiting for callers', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await lawyerContext(browser, url);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    // The page's clock is the test's: half an hour passes in a moment (the hub's own clock is real).
    await page.clock.install();
  });
  afterAll(() => context?.close());

  it('does not sign out a lawyer on 在线接待 past the idle time; once 暂离, it does', async () => {
    await signIn(page, url, OTHER);
    await choose(page, '在线接待');
    await poll(() => dutyOf(page)).toBe('available');
    await page.clock.fastForward(`${IDLE_MINUTES + 1}:00`);
    // The page's idle check ran in that half hour and counted the lawyer as active now, for the other tabs too.
    const lastActivity = () =>
      page.evaluate(() => Date.now() - Number(window.localStorage.getItem('hub-console.last-activity')));
    await poll(lastActivity).toBeLessThan(60_000);
    await poll(() => liveStateOf(page)).toBe('live');
    expect(await page.getByTestId('sign-in-login').count()).toBe(0);

    await choose(page, '暂离');
    await poll(() => dutyOf(page)).toBe('away');
    await page.clock.fastForward(`${IDLE_MINUTES + 1}:00`);
    await page.getByTestId('sign-in-login').waitFor();
    expect(await page.getByRole('main').innerText()).toContain(`因为 ${IDLE_MINUTES} 分钟没有操作，登录已失效。`);
  });
});

/**
 * The hub's side of the console's live socket, scripted, for what the real
 * hub does not do at will: every message the page sends is checked against
 * the contract; `ping` is answered `pong`, `duty-set` and `queue-sync`
 * with the queue.
 */
class ScriptedHub {
  queue: LawyerQueue = { duty: 'offline', dutyReason: null, calls: [], activeCallId: null };
  sockets: WebSocketRoute[] = [];

  attach(ws: WebSocketRoute): void {
    this.sockets.push(ws);
    ws.onMessage((data) => {
      const message = LiveClientMessage.parse(JSON.parse(String(data)));
      switch (message.type) {
        case 'ping':
          return this.send({ type: 'pong', id: message.id }, ws);
        case 'duty-set':
          this.queue = { ...this.queue, duty: message.status, dutyReason: null };
          return this.send({ type: 'queue', queue: this.queue, inReplyTo: message.id }, ws);
        case 'queue-sync':
          return this.send({ type: 'queue', queue: this.queue, inReplyTo: message.id }, ws);
        default:
          return undefined;
      }
    });
    // The hub pushes the whole queue when a console's socket opens.
    this.send({ type: 'queue', queue: this.queue }, ws);
  }

  send(message: LiveServerMessage, ws = this.sockets.at(-1)!): void {
    ws.send(JSON.stringify(message));
  }

  setCalls(calls: QueuedCall[], more: Partial<LawyerQueue> = {}): void {
    this.queue = { ...this.queue, calls, ...more };
    this.send({ type: 'queue', queue: this.queue });
  }
}

const queued = (topic: QueuedCall['topic'], minutesAgo: number, ringing: boolean): QueuedCall => ({
  callId: randomUUID(),
  topic,
  regionCode: REGION,
  kioskName: `洪山区街道中心终端 · ${SITE}`,
  callerName: '张**',
  waitingSince: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  ringing,
});

describe('what the hub does not do at will, scripted', () => {
  let context: BrowserContext;
  let page: Page;
  const scripted = new ScriptedHub();
  const { checkPage } = pageChecks(() => page);

  beforeAll(async () => {
    context = await lawyerContext(browser, url);
    await context.routeWebSocket(/\/api\/live$/, (ws) => scripted.attach(ws));
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, url, OTHER);
    await choose(page, '在线接待');
    await page.locator('[data-testid="duty"][data-duty="available"]').waitFor();
  });
  afterAll(() => context?.close());

  it('does not bring back a call another lawyer took when a queue read before the claim arrives after it', async () => {
    const taken = queued('debts', 3, true);
    const waiting = queued('family', 1, false);
    scripted.setCalls([waiting, taken]);
    await page.getByTestId(`call-${taken.callId}`).waitFor();
    scripted.send({ type: 'call-gone', callId: taken.callId, reason: 'taken' });
    const row = page.getByTestId(`call-${taken.callId}`);
    await poll(() => row.getAttribute('data-status')).toBe('taken');
    scripted.setCalls([waiting, taken]);
    await row.waitFor({ state: 'detached' });
    expect(await page.getByTestId(`call-${waiting.callId}`).count()).toBe(1);
  });

  it('says why when the hub set the lawyer 暂离 by itself (three offers rang out)', async () => {
    scripted.setCalls([], { duty: 'away', dutyReason: 'unanswered-offers' });
    await poll(() => page.getByTestId('duty-reason').innerText()).toContain('连续 3 次呼叫没有接听');
    await checkPage('reception-away');
    await choose(page, '在线接待');
    await page.getByTestId('duty-reason').waitFor({ state: 'detached' });
  });
});
