import { randomUUID, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_REQUEST_HEADER } from '../../common/hub/api/contract';
import { formatReference, serialNumberFor } from '../../common/reference-number';
import { signRequest } from '../../server-kit/kiosk-identity/request-signature';
import { kioskSocketAt, type LiveClient } from '../../hub/testing/live-clients';
import { launchChromium } from './harness';
import { DESK_SIZES, pageChecks, poll, signInAs } from './hub-console-pages';
import { addCaseOfficer, enrollKioskAt, hubctl, startHubProcess, type HubProcess } from './hub-processes';

/**
 * The case desk end to end, against `npm run hub`'s program: a kiosk in
 * 洪山区 delivers a migrant worker's legal-aid application; a case officer
 * of 洪山区 finds it on 案件办理 (name masked), accepts it on its page, and
 * the kiosk that took it is told at once; 查看个人信息, confirmed, shows the
 * ID number and leaves an audit row naming the officer and the case. An
 * officer of 武昌区 sees no such case, in the list or at its address.
 * Every page and form is checked with axe at both desk sizes.
 */

const REGION = '420111';
const OFFICER = { login: 'officer-wang', password: 'Cheng-ban-wang-2026!', name: '王承办' };
const ELSEWHERE = { login: 'officer-chen', password: 'Cheng-ban-chen-2026!', name: '陈承办' };
const ID_NUMBER = '420111199001011234';
const CALLBACK_PHONE = '13700002222';
const referenceOf = (letter: string, n: number) =>
  formatReference({ letter, day: '2026-03-02', serialNumber: serialNumberFor(n, 'HB-0001', '2026-03-02') });
const REFERENCE = referenceOf('A', 1);

let dataDir: string;
let hub: HubProcess;
let url: string;
let browser: Browser;
let page: Page;
let kiosk: { id: number; privateKey: KeyObject };
let kioskSocket: LiveClient;
const hubDir = () => join(dataDir, 'hub');

/** A submission from the kiosk's outbox, signed as the kiosk's sender signs it. */
async function deliver(body: unknown): Promise<void> {
  const path = '/api/kiosk/submissions';
  const text = JSON.stringify(body);
  const signed = signRequest(kiosk.privateKey, {
    method: 'POST',
    path,
    kioskId: kiosk.id,
    time: Date.now(),
    body: text,
  });
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { [HUB_REQUEST_HEADER]: '1', 'content-type': 'application/json', ...signed },
    body: text,
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** A case officer's console opens on the case desk. */
const signIn = (p: Page, account: typeof OFFICER) => signInAs(p, url, account, '案件办理');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hub-console-cases-e2e-'));
  mkdirSync(hubDir(), { mode: 0o700 });
  hub = startHubProcess(hubDir());
  url = await hub.url;
  await addCaseOfficer(hubDir(), REGION, OFFICER);
  await addCaseOfficer(hubDir(), '420106', ELSEWHERE);
  kiosk = await enrollKioskAt(url, hubDir(), {
    region: REGION,
    terminalId: 'HB-0001',
    displayName: '洪山区街道中心终端',
  });
  kioskSocket = await kioskSocketAt(url, kiosk);
  await deliver({
    idempotencyKey: randomUUID(),
    kind: 'legal-aid-application',
    reference: REFERENCE,
    createdAt: new Date().toISOString(),
    payload: {
      applicant: { name: '张三丰', idNumber: ID_NUMBER, phone: '13812345678', idSource: 'card' },
      matter: { category: 'labour-wages', summary: '在工地做工三个月，工资没有结清。' },
      consent: { agreed: true, noticeVersion: 'pipl-2025-01', at: new Date().toISOString() },
    },
  });
  // A number left for a lawyer to call back, and a rating.
  const consent = { agreed: true, noticeVersion: 'callback-2026-01', at: new Date().toISOString() };
  await deliver({
    idempotencyKey: randomUUID(),
    kind: 'callback-request',
    reference: referenceOf('C', 2),
    createdAt: new Date().toISOString(),
    payload: { phone: CALLBACK_PHONE, topic: 'labour', reason: 'no-lawyer', consent },
  });
  await deliver({
    idempotencyKey: randomUUID(),
    kind: 'rating',
    reference: referenceOf('R', 3),
    createdAt: new Date().toISOString(),
    payload: { subject: 'legal-aid', score: 5, reasons: ['clear-answer'] },
  });
  browser = await launchChromium({ jsFlags: null });
  page = await browser.newPage({ viewport: DESK_SIZES[0] });
  // Sign-in hashes with argon2: on a busy 2-core machine an answer can take seconds.
  page.setDefaultTimeout(20_000);
}, 120_000);

afterAll(async () => {
  kioskSocket?.ws.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const { atBothSizes, settled } = pageChecks(() => page);

describe('the case desk in the console', () => {
  it('lists the new application with the name masked', async () => {
    await signIn(page, OFFICER);
    const link = page.getByTestId(`case-link-${REFERENCE}`);
    await link.waitFor();
    const list = await page.getByTestId('cases-legal-aid-application').innerText();
    expect(list).toContain('张**');
    expect(list).toContain('新申请');
    expect(list).not.toContain('张三丰');
    await atBothSizes('cases');
    await page.getByTestId('cases-tab-mediation-request').click();
    await page.getByText('没有这样的案件。').waitFor();
    await atBothSizes('cases-mediation');
    await page.getByTestId('cases-tab-legal-aid-application').click();
  });

  it('accepts it on its page, and the kiosk that took it hears 已受理 at once', async () => {
    await page.getByTestId(`case-link-${REFERENCE}`).click();
    await page.getByRole('heading', { level: 1, name: `案件 ${REFERENCE}` }).waitFor();
    expect(await page.getByTestId('case-status').innerText()).toBe('新申请');
    expect(await page.locator('#main').innerText()).not.toContain(ID_NUMBER);
    await atBothSizes('case-new');

    // The form asks for what 需补充材料 needs; axe on it too, then cancelled.
    await page.getByTestId('case-move-needs-materials').click();
    await page.getByTestId('change-missing').waitFor();
    await settled();
    await atBothSizes('case-change-form');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.getByTestId('case-move-accepted').click();
    await page.getByTestId('change-submit').click();
    await poll(() => page.getByTestId('case-status').innerText()).toBe('已受理');
    const pushed = await kioskSocket.next((m) => m.type === 'case-status');
    expect(pushed).toMatchObject({
      type: 'case-status',
      status: { reference: REFERENCE, current: { status: 'accepted' } },
    });
    await poll(() => page.getByTestId('case-history').innerText()).toContain(`经办人：${OFFICER.name}`);
    await atBothSizes('case-accepted');
  });

  it('shows the ID number only on a confirmed 查看个人信息, which leaves an audit row', async () => {
    await page.getByTestId('case-reveal').click();
    await page
      .getByRole('button', { name: /查\s*看/ })
      .last()
      .click();
    const revealed = page.getByTestId('case-revealed');
    await revealed.waitFor();
    expect(await revealed.innerText()).toContain(ID_NUMBER);
    expect(await revealed.innerText()).toContain('张三丰');
    await atBothSizes('case-revealed');

    const audit = await hubctl(hubDir(), ['audit', '--json', '--limit', '20']);
    expect(audit.code, audit.stderr).toBe(0);
    const rows = JSON.parse(audit.stdout) as { action: string; actor: string; target: string; details: object }[];
    const reveal = rows.filter((r) => r.action === 'case.reveal');
    expect(reveal).toHaveLength(1);
    expect(reveal[0]!.target).toMatch(/^case:\d+$/);
    expect(reveal[0]!.details).toMatchObject({ reference: REFERENCE });
    const officer = await hubctl(hubDir(), ['user', 'list', '--json']);
    const users = JSON.parse(officer.stdout) as { id: number; login: string }[];
    expect(reveal[0]!.actor).toBe(`user:${users.find((u) => u.login === OFFICER.login)!.id}`);
  });

  it('shows an officer of another region no such case, in the list or at its address', async () => {
    const caseUrl = page.url();
    const other = await browser.newPage({ viewport: DESK_SIZES[0] });
    other.setDefaultTimeout(20_000);
    try {
      await signIn(other, ELSEWHERE);
      await other.getByText('没有这样的案件。').waitFor();
      expect(await other.getByTestId(`case-link-${REFERENCE}`).count()).toBe(0);
      await other.goto(caseUrl);
      await other.getByText('没有这个案件，或者它不在你负责的地区。').waitFor();
      expect(await other.locator('#main').innerText()).not.toContain(REFERENCE);
    } finally {
      await other.close();
    }
  });

  it('lists callbacks (number masked, shown on an audited request, marked done) and ratings on their own page', async () => {
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /回电与评价/ })
      .click();
    await page.getByRole('heading', { level: 1, name: '回电与评价' }).waitFor();
    const callbacks = page.getByTestId('callbacks');
    await poll(() => callbacks.innerText()).toContain('137****2222');
    expect(await callbacks.innerText()).not.toContain(CALLBACK_PHONE);
    expect(await callbacks.innerText()).toContain('劳动纠纷');
    await poll(() => page.getByTestId('ratings').innerText()).toContain('5 分（满分 5 分）');
    expect(await page.getByTestId('ratings').innerText()).toContain('解答清楚');
    await atBothSizes('feedback');

    await callbacks.getByRole('button', { name: '查看号码' }).click();
    await page
      .getByRole('button', { name: /查\s*看/ })
      .last()
      .click();
    await poll(() => callbacks.innerText()).toContain(CALLBACK_PHONE);
    await callbacks.getByRole('button', { name: /已回电/ }).click();
    await poll(() => callbacks.innerText()).toContain(`${OFFICER.name} 已回电`);
    await atBothSizes('feedback-done');
    const audit = await hubctl(hubDir(), ['audit', '--json', '--limit', '20']);
    const actions = (JSON.parse(audit.stdout) as { action: string }[]).map((r) => r.action);
    expect(actions.filter((a) => a === 'callback.reveal')).toHaveLength(1);
    expect(actions.filter((a) => a === 'callback.done')).toHaveLength(1);
  });
});
