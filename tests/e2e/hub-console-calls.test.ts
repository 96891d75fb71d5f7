import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LawyerQueue, QueuedCall } from '../../common/hub/api/calls';
import { HUB_REQUEST_HEADER } from '../../common/hub/api/contract';
import { LiveClientMessage, type LiveServerMessage } from '../../common/hub/api/live';
import { kioskSocketAt, type LiveClient } from '../../hub/testing/live-clients';
import { CHROMIUM_PATH } from './harness';
import { DESK_SIZES, pageChecks, poll } from './hub-console-pages';
import { hubctl, startHubProcess, type HubProcess } from './hub-processes';

/**
 * A lawyer's 视频接待 in the hub's console, in real Chromium with a fake
 * camera and microphone, against `npm run hub`'s program.
 *
 * Against the hub itself: lawyers added with hubctl sign in and land on
 * the page, the only one their role has; a kiosk enrolled with a
 * pre-approving code opens its live socket and asks for a lawyer. Whether
 * the hub queues calls is asked once at the start (the kiosk's
 * `call-request` is answered with `call-status`, or not): the tests of the
 * queue, the claim and the reconnect against the hub run when it does and
 * are skipped, saying why, while it does not.
 *
 * Then the page's side of the call contract (common/hub/api/live.ts) on
 * its own: the page signs in to the real hub over HTTP, while its live
 * socket is answered by a script that speaks as the hub does — queues
 * pushed whole, `call-gone`, the answers to 接听 — so the ring, 已被接听,
 * keyboard 接听, the call view, documents and the wrap-up are driven and
 * checked with axe at both desk sizes, whatever the hub does yet.
 */

const REGION = '420111';
const LAWYER = { login: 'lawyer-wang', password: 'Lv-shi-wang-2026!', name: '王律师' };
const OTHER = { login: 'lawyer-li', password: 'Lv-shi-li-2026!', name: '李律师' };
/** How long the hub may take to answer a kiosk's first call request before it is taken not to queue calls. */
const CALL_STATUS_WAIT_MS = 5_000;

let dataDir: string;
let hub: HubProcess;
let url: string;
let browser: Browser;
let kiosk: { id: number; privateKey: KeyObject };
/** Whether this hub queues calls (answers a kiosk's call-request); the tests that need it skip without. */
let hubQueuesCalls = false;

async function enrollKiosk(): Promise<{ id: number; privateKey: KeyObject }> {
  const made = await hubctl(join(dataDir, 'hub'), [
    'enroll-code',
    '--region',
    REGION,
    '--site',
    '洪山区街道中心',
    '--pre-approve',
    '--json',
  ]);
  expect(made.code, made.stderr).toBe(0);
  const { code } = JSON.parse(made.stdout) as { code: string };
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const res = await fetch(`${url}/api/kiosk/register`, {
    method: 'POST',
    headers: { [HUB_REQUEST_HEADER]: '1', 'content-type': 'application/json' },
    body: JSON.stringify({
      code,
      publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      terminalId: 'HB-0001',
      displayName: '洪山区街道中心终端',
    }),
  });
  const answer = (await res.json()) as { outcome: string; kioskId: number };
  expect(answer.outcome).toBe('registered');
  return { id: answer.kioskId, privateKey };
}

/** A kiosk's socket asking for a lawyer; answers the socket and the call's id. */
async function callFromKiosk(callerName: string | null = '张小三'): Promise<{ socket: LiveClient; callId: string }> {
  const socket = await kioskSocketAt(url, kiosk);
  const callId = randomUUID();
  socket.send({ type: 'call-request', id: 'c1', callId, topic: 'labour', callerName, maxWaitSeconds: 600 });
  return { socket, callId };
}

async function signIn(p: Page, account: { login: string; password: string }): Promise<void> {
  await p.goto(url);
  await p.getByTestId('sign-in-login').fill(account.login);
  await p.getByTestId('sign-in-password').fill(account.password);
  await p.getByTestId('sign-in-submit').click();
  await p.getByRole('heading', { level: 1, name: '视频接待' }).waitFor();
}

/** Picks a radio button of Ant Design's (its input is hidden) by its label, as a person clicks it. */
const choose = (p: Page, name: string) => p.locator('label', { has: p.getByRole('radio', { name }) }).click();

/** A context whose page may use the fake camera and show notifications; what it notifies is kept in `window.notified`. */
async function lawyerContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: DESK_SIZES[0] });
  await context.grantPermissions(['notifications', 'camera', 'microphone'], { origin: url });
  await context.addInitScript(() => {
    const shown: string[] = [];
    const Real = window.Notification;
    class Spy extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(`${title} | ${options?.body ?? ''}`);
      }
    }
    Object.defineProperty(Spy, 'permission', { get: () => Real.permission });
    Object.assign(window, { Notification: Spy, notified: shown });
  });
  return context;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hub-console-calls-e2e-'));
  mkdirSync(join(dataDir, 'hub'), { mode: 0o700 });
  hub = startHubProcess(join(dataDir, 'hub'));
  url = await hub.url;
  for (const account of [LAWYER, OTHER]) {
    const added = await hubctl(
      join(dataDir, 'hub'),
      [
        'user',
        'add',
        '--login',
        account.login,
        '--role',
        'lawyer',
        '--region',
        REGION,
        '--name',
        account.name,
        '--password-stdin',
      ],
      account.password,
    );
    expect(added.code, added.stderr).toBe(0);
  }
  kiosk = await enrollKiosk();
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--disable-gpu',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  const probe = await callFromKiosk(null);
  hubQueuesCalls = await probe.socket
    .next((m) => m.type === 'call-status', CALL_STATUS_WAIT_MS)
    .then(
      () => true,
      () => false,
    );
  probe.socket.send({ type: 'call-cancel', id: 'c2', callId: probe.callId });
  probe.socket.ws.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const NEEDS_HUB = 'the hub does not queue calls yet (no call-status for a call-request)';

describe('a lawyer’s 视频接待 against the hub', () => {
  let context: BrowserContext;
  let page: Page;
  const { atBothSizes } = pageChecks(() => page);

  beforeAll(async () => {
    context = await lawyerContext();
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });
  afterAll(() => context?.close());

  it('signs a lawyer in onto 视频接待, the one page the navigation offers a lawyer', async () => {
    await signIn(page, LAWYER);
    const links = page.getByRole('navigation').getByRole('link');
    expect(await links.allInnerTexts()).toEqual(['视频接待']);
    await page.getByTestId('duty').waitFor();
    await poll(() => page.getByTestId('live-state').getAttribute('data-state')).toBe('live');
    await atBothSizes('reception');
  });

  it('rings for a citizen’s call, which 接听 takes into the call view with the name unmasked', async ({ skip }) => {
    if (!hubQueuesCalls) skip(NEEDS_HUB);
    await choose(page, '在线接待');
    await poll(() => page.getByTestId('duty').getAttribute('data-duty')).toBe('available');
    const { socket, callId } = await callFromKiosk('张小三');
    const row = page.getByTestId(`call-${callId}`);
    await poll(() => row.innerText()).toContain('劳动纠纷');
    expect(await row.innerText()).toContain('张*三');
    expect(await row.innerText()).not.toContain('张小三');
    await row.getByTestId('accept').click();
    await poll(() => page.getByTestId('caller-name').innerText()).toBe('张小三');
    await socket.next((m) => m.type === 'call-status' && m.status.state === 'answered');
    await atBothSizes('call-live-hub');
    await page.getByTestId('hang-up').click();
    await page.getByTestId('wrap-up').waitFor();
    await socket.next((m) => (m.type === 'call-status' && m.status.state === 'ended') || m.type === 'call-ended');
    await page.getByTestId('back-to-queue').click();
    socket.ws.close();
  });

  it('shows 已被接听 at once on the page of the lawyer who did not win, then lets the row go', async ({ skip }) => {
    if (!hubQueuesCalls) skip(NEEDS_HUB);
    const other = await lawyerContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, OTHER);
    await choose(otherPage, '在线接待');
    const { socket, callId } = await callFromKiosk();
    const mine = page.getByTestId(`call-${callId}`);
    const theirs = otherPage.getByTestId(`call-${callId}`);
    await mine.waitFor();
    await theirs.waitFor();
    await theirs.getByTestId('accept').click();
    await otherPage.getByTestId('call').waitFor();
    await poll(() => mine.getAttribute('data-status')).toBe('taken');
    expect(await mine.innerText()).toContain('已被接听');
    await mine.waitFor({ state: 'detached' });
    await otherPage.getByTestId('hang-up').click();
    await other.close();
    socket.ws.close();
  });

  it('takes a caller who left off the page within two seconds', async ({ skip }) => {
    if (!hubQueuesCalls) skip(NEEDS_HUB);
    const { socket, callId } = await callFromKiosk();
    const row = page.getByTestId(`call-${callId}`);
    await row.waitFor();
    socket.send({ type: 'call-cancel', id: 'c9', callId });
    await poll(async () => (await row.count()) === 0 || (await row.getAttribute('data-status')) === 'gone').toBe(true);
    await row.waitFor({ state: 'detached', timeout: 2_000 + 4_000 });
    socket.ws.close();
  });

  it('has the calls that arrived while its socket was reconnecting once it is back', async ({ skip }) => {
    if (!hubQueuesCalls) skip(NEEDS_HUB);
    const port = new URL(url).port;
    await hub.stop();
    await poll(() => page.getByTestId('live-state').getAttribute('data-state')).toBe('reconnecting');
    hub = startHubProcess(join(dataDir, 'hub'), {}, Number(port));
    await hub.url;
    const { socket, callId } = await callFromKiosk();
    await page.getByTestId(`call-${callId}`).waitFor({ timeout: 60_000 });
    await poll(() => page.getByTestId('live-state').getAttribute('data-state')).toBe('live');
    socket.ws.close();
  });
});

/**
 * The hub's side of the console's live socket, scripted: every message the
 * page sends is checked against the contract; `ping` is answered `pong`,
 * `duty-set` and `queue-sync` with the queue, `call-accept` as the test
 * says, `call-end` with `call-ended`, `ice-config` with no TURN servers.
 */
class ScriptedHub {
  queue: LawyerQueue = { duty: 'offline', dutyReason: null, calls: [], activeCallId: null };
  heard: LiveClientMessage[] = [];
  sockets: WebSocketRoute[] = [];
  acceptOutcome: { outcome: 'won' | 'taken' | 'gone' | 'busy'; callerName?: string } = { outcome: 'won' };

  readonly ice = { iceServers: [], iceTransportPolicy: 'all' as const, expiresAt: '2030-01-01T00:00:00Z' };

  attach(ws: WebSocketRoute): void {
    this.sockets.push(ws);
    ws.onMessage((data) => {
      const message = LiveClientMessage.parse(JSON.parse(String(data)));
      this.heard.push(message);
      switch (message.type) {
        case 'ping':
          return this.send({ type: 'pong', id: message.id }, ws);
        case 'duty-set':
          this.queue = { ...this.queue, duty: message.status, dutyReason: null };
          return this.send({ type: 'queue', queue: this.queue, inReplyTo: message.id }, ws);
        case 'queue-sync':
          return this.send({ type: 'queue', queue: this.queue, inReplyTo: message.id }, ws);
        case 'call-accept': {
          const { outcome, callerName } = this.acceptOutcome;
          const won = outcome === 'won';
          if (won) this.queue = { ...this.queue, activeCallId: message.callId };
          return this.send(
            {
              type: 'call-accept-result',
              inReplyTo: message.id,
              callId: message.callId,
              outcome,
              ...(won ? { ice: this.ice, callerName: callerName ?? null } : {}),
            },
            ws,
          );
        }
        case 'call-end':
          this.queue = { ...this.queue, activeCallId: null };
          return this.send({ type: 'call-ended', callId: message.callId, reason: 'completed' }, ws);
        case 'ice-config':
          return this.send({ type: 'ice-config', inReplyTo: message.id, callId: message.callId, ice: this.ice }, ws);
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
  kioskName: '洪山区街道中心终端',
  callerName: '张*三',
  waitingSince: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  ringing,
});

describe('the page’s side of the call contract', () => {
  let context: BrowserContext;
  let page: Page;
  const scripted = new ScriptedHub();
  const { settled, checkPage, atBothSizes } = pageChecks(() => page);
  const first = queued('debts', 3, true);
  const second = queued('family', 1, false);

  beforeAll(async () => {
    context = await lawyerContext();
    await context.routeWebSocket(/\/api\/live$/, (ws) => scripted.attach(ws));
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, OTHER);
  });
  afterAll(() => context?.close());

  it('is chosen by keyboard: the duty status moves with the arrow keys', async () => {
    const offline = page.getByRole('radio', { name: '下线' });
    await offline.focus();
    await page.keyboard.press('ArrowLeft');
    await poll(() => page.getByTestId('duty').getAttribute('data-duty')).toBe('away');
    expect(scripted.heard.filter((m) => m.type === 'duty-set').map((m) => m.type === 'duty-set' && m.status)).toEqual([
      'away',
    ]);
    await choose(page, '在线接待');
    await poll(() => page.getByTestId('duty').getAttribute('data-duty')).toBe('available');
  });

  it('rings and notifies while a call is offered to this lawyer, oldest caller first, the wait counting up', async () => {
    scripted.setCalls([second, first]);
    const ringing = page.getByTestId('ringing');
    await poll(() => ringing.getAttribute('data-ringing')).toBe('yes');
    expect(await ringing.innerText()).toBe('正在响铃：1 位市民在等你接听');
    const rows = page.getByTestId('queue').locator('tbody tr[data-status]');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')))).toEqual([
      'ringing',
      'waiting',
    ]);
    const row = page.getByTestId(`call-${first.callId}`);
    expect(await row.innerText()).toMatch(
      /借贷债务[\s\S]*洪山区街道中心终端[\s\S]*张\*三[\s\S]*3 分 \d+ 秒[\s\S]*正在呼叫你/,
    );
    const waited = await row.locator('td').nth(3).innerText();
    await poll(() => row.locator('td').nth(3).innerText()).not.toBe(waited);
    await poll(() => page.evaluate(() => (window as unknown as { notified: string[] }).notified)).toEqual([
      '有市民在等待视频咨询 | 借贷债务 · 洪山区街道中心终端',
    ]);
    await atBothSizes('reception-ringing');
  });

  it('marks the call 已被接听 the moment another lawyer takes it, stops ringing, then lets the row go', async () => {
    scripted.send({ type: 'call-gone', callId: first.callId, reason: 'taken' });
    const row = page.getByTestId(`call-${first.callId}`);
    await poll(() => row.getAttribute('data-status')).toBe('taken');
    expect(await row.innerText()).toContain('已被接听');
    expect(await page.getByTestId('ringing').getAttribute('data-ringing')).toBe('no');
    await checkPage('reception-taken');
    // A queue from before the claim still listing it does not bring it back.
    scripted.setCalls([second, first]);
    await row.waitFor({ state: 'detached' });
    expect(await page.getByTestId(`call-${second.callId}`).count()).toBe(1);
  });

  it('says why when the hub set the lawyer 暂离 by itself', async () => {
    scripted.setCalls([second], { duty: 'away', dutyReason: 'unanswered-offers' });
    await poll(() => page.getByTestId('duty-reason').innerText()).toContain('连续 3 次呼叫没有接听');
    await checkPage('reception-away');
    await choose(page, '在线接待');
    await page.getByTestId('duty-reason').waitFor({ state: 'detached' });
  });

  it('asks for the whole queue again once its socket is back, so a call that came meanwhile is there', async () => {
    const syncs = () => scripted.heard.filter((m) => m.type === 'queue-sync').length;
    const before = syncs();
    const arrived = queued('housing', 0, true);
    scripted.queue = { ...scripted.queue, calls: [second, arrived] };
    await scripted.sockets.at(-1)!.close({ code: 1001, reason: 'hub stopping' });
    await page.getByTestId(`call-${arrived.callId}`).waitFor();
    await poll(syncs).toBeGreaterThan(before);
    await poll(() => page.getByTestId('live-state').getAttribute('data-state')).toBe('live');
  });

  it('answers by keyboard into the call: the name unmasked, the own camera on, 静音 pressed and released', async () => {
    const call = queued('labour', 2, true);
    scripted.setCalls([call]);
    scripted.acceptOutcome = { outcome: 'won', callerName: '张小三' };
    const accept = page.getByTestId(`call-${call.callId}`).getByTestId('accept');
    await accept.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('call').waitFor();
    expect(await page.getByTestId('caller-name').innerText()).toBe('张小三');
    expect(await page.getByTestId('caller').innerText()).toContain('劳动纠纷');
    const tracks = () =>
      page.evaluate(() => {
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
    await poll(tracks).toEqual(['audio:live:true', 'video:live:true']);
    await page.getByTestId('mute').click();
    expect(await tracks()).toEqual(['audio:live:false', 'video:live:true']);
    expect(await page.getByTestId('mute').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('mute').click();
    // The pointer off the button, so axe sees it as it stands, not hovered.
    await page.mouse.move(0, 0);
    await atBothSizes('call');
  });

  it('fills a template from its own fields, checked in the kiosk’s words, and refuses a PDF over the limit before sending', async () => {
    await page.getByRole('tab', { name: '发文书到终端打印' }).click();
    await page.getByTestId('template-choice').click();
    await page.locator('.ant-select-item-option', { hasText: '借条（借贷）' }).click();
    await page.getByLabel('借款金额（元）').waitFor();
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
  });

  it('hangs up into the wrap-up with every local track stopped, and keeps the record it cannot store yet', async () => {
    await page.getByRole('tab', { name: '咨询记录' }).click();
    await page.getByTestId('record-facts').fill('在工地做工三个月，工资没有结清。');
    await page.getByTestId('hang-up').click();
    await page.getByTestId('wrap-up').waitFor();
    await poll(() => scripted.heard.some((m) => m.type === 'call-end')).toBe(true);
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
    await page.getByTestId('record-save').click();
    await poll(() => page.getByTestId('record-problem').innerText()).toContain('管理服务器还不能保存咨询记录');
    await page.mouse.move(0, 0);
    await atBothSizes('wrap-up');
    await page.getByTestId('back-to-queue').click();
    await page.getByTestId('queue').waitFor();
  });
});
