import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallFiguresResponse } from '../../common/hub/api/call-figures';
import { chinaTimeOf, WEEKDAYS } from '../../common/hub/opening-hours';
import { ask, requestCall, setDuty, type Heard } from '../../hub/testing/call-clients';
import { consoleSocketAt, kioskSocketAt, type LiveClient } from '../../hub/testing/live-clients';
import { launchChromium } from './harness';
import { DESK_SIZES, firstSignIn, pageChecks, poll } from './hub-console-pages';
import { enrollKioskAt, hubctl, signInAt, startHubProcess, type HubProcess } from './hub-processes';

/**
 * The administrators' side of video consultation, end to end, against
 * `npm run hub`'s program: an administrator sets a region's duty roster on
 * 排班 and a lawyer's queues on the accounts page, and the hub applies
 * them — a kiosk calling outside the roster's hours is told so, a call of
 * a topic outside the lawyer's queues finds no lawyer, one inside rings
 * them. The lawyer answers one call and a citizen leaves another; the
 * lawyer finds both on 通话记录 and writes the record of the one they
 * answered there; 通话统计 shows it all, refused requests and the referral
 * included, as `hubctl calls figures` does. Every new page is checked
 * with axe at both desk sizes.
 */

const ADMIN = { login: 'call-admin', password: 'Guan-li-yuan-2026!' };
const LAWYER = { login: 'lawyer-zhao', password: 'Lv-shi-zhao-2026!', name: '赵律师' };
const REGION = '420111';
/** What the lawyer writes in the record: it must reach no log. */
const FACTS = '在工地做工三个月，工资没有结清。';

let dataDir: string;
let hub: HubProcess;
let url: string;
let browser: Browser;
let page: Page;
let kiosk: LiveClient;
let lawyerSocket: LiveClient;
const hubDir = () => join(dataDir, 'hub');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hub-console-call-admin-e2e-'));
  mkdirSync(hubDir(), { mode: 0o700 });
  hub = startHubProcess(hubDir());
  url = await hub.url;
  const admin = await hubctl(
    hubDir(),
    ['user', 'add', '--login', ADMIN.login, '--role', 'administrator', '--password-stdin'],
    ADMIN.password,
  );
  expect(admin.code, admin.stderr).toBe(0);
  const lawyer = await hubctl(
    hubDir(),
    [
      'user',
      'add',
      '--login',
      LAWYER.login,
      '--role',
      'lawyer',
      '--region',
      REGION,
      '--name',
      LAWYER.name,
      '--password-stdin',
    ],
    LAWYER.password,
  );
  expect(lawyer.code, lawyer.stderr).toBe(0);
  const enrolled = await enrollKioskAt(url, hubDir(), {
    region: REGION,
    terminalId: 'HB-0001',
    displayName: '洪山区街道中心终端',
  });
  kiosk = await kioskSocketAt(url, enrolled);
  browser = await launchChromium({ jsFlags: null });
  page = await browser.newPage({ viewport: DESK_SIZES[0] });
  // Sign-in hashes with argon2: on a busy 2-core machine an answer can take seconds.
  page.setDefaultTimeout(20_000);
}, 120_000);

afterAll(async () => {
  kiosk?.ws.close();
  lawyerSocket?.ws.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const { atBothSizes, checkPage, confirmDialog, pickOption } = pageChecks(() => page);
const nav = (p: Page, name: RegExp) => p.getByRole('navigation').getByRole('link', { name }).click();
/** Ticks a checkbox of Ant Design's (its input is hidden) by its label, as a person clicks it. */
const tick = (p: Page, role: 'checkbox' | 'radio', name: string) =>
  p.locator('label', { has: p.getByRole(role, { name }) }).click();
const status = async (topic: string, callId?: string) =>
  (await requestCall(kiosk, { topic, ...(callId === undefined ? {} : { callId }) })).status;

describe('the administrators’ call pages', () => {
  it('sets a duty roster on 排班, and a kiosk calling outside its hours is told so', async () => {
    await firstSignIn(page, url, ADMIN, '终端');
    await nav(page, /排班/);
    await page.getByRole('heading', { level: 1, name: '排班' }).waitFor();
    await page.getByTestId('roster-region').locator('input').fill(REGION);
    await page.getByTestId('roster-empty').waitFor();
    await atBothSizes('roster-empty');

    // A shift on a day three days from today (China time): now is outside it, whatever the hour.
    const today = WEEKDAYS.indexOf(chinaTimeOf(new Date()).day);
    const day = WEEKDAYS[(today + 3) % 7]!;
    const dayName = { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' }[day];
    await tick(page, 'checkbox', dayName);
    await pickOption('开始时间', '09:00');
    await pickOption('结束时间', '10:00');
    await pickOption('值班律师（可选）', '赵');
    await page.getByTestId('shift-add').click();
    const roster = page.getByTestId('roster');
    await poll(() => roster.innerText()).toMatch(new RegExp(`${dayName}\\s+09:00-10:00\\s+${LAWYER.name}`));
    await page.getByTestId('roster-unsaved').waitFor();
    await page.getByTestId('roster-save').click();
    await page.getByText(`地区 ${REGION} 的排班已保存`).waitFor();
    await page.getByTestId('roster-unsaved').waitFor({ state: 'detached' });
    await page.mouse.move(0, 0);
    await atBothSizes('roster-set');

    expect(await status('labour')).toMatchObject({ state: 'unavailable', reason: 'outside-hours' });
  });

  it('sets a lawyer’s queues on the accounts page, which decide whom a call rings', async () => {
    // No roster: the hours no longer stand in the way.
    await page.getByTestId('roster-clear').click();
    await confirmDialog();
    await page.getByTestId('roster-empty').waitFor();

    lawyerSocket = await consoleSocketAt(url, await signInAt(url, LAWYER.login, LAWYER.password));
    await setDuty(lawyerSocket, 'available');

    await nav(page, /账户/);
    await page.getByTestId(`queues-${LAWYER.login}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('queues-is-default').waitFor();
    expect(await dialog.getByTestId('queues-is-default').innerText()).toContain(REGION);
    await pickOption('咨询类别', '劳动');
    await dialog.getByTestId('queue-add').click();
    await poll(() => dialog.getByTestId('queue').allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^${REGION} · 劳动纠纷\\s`)),
    ]);
    await page.mouse.move(0, 0);
    await atBothSizes('lawyer-queues');
    await dialog.getByTestId('queues-save').click();
    await page.getByText(`已保存 ${LAWYER.name} 的接待范围`).waitFor();
    await dialog.waitFor({ state: 'detached' });

    expect(await status('family')).toMatchObject({ state: 'unavailable', reason: 'no-lawyer' });
    // A citizen who leaves while waiting; then one the lawyer answers.
    const left = randomUUID();
    expect(await status('labour', left)).toMatchObject({ state: 'queued' });
    await ask(kiosk, { type: 'call-cancel', callId: left });
    const answered = randomUUID();
    await requestCall(kiosk, { callId: answered, topic: 'labour', callerName: '张小三' });
    const won = (await ask(lawyerSocket, { type: 'call-accept', callId: answered })) as Heard<'call-accept-result'>;
    expect(won.outcome).toBe('won');
    expect(await ask(lawyerSocket, { type: 'call-end', callId: answered })).toMatchObject({ type: 'call-ended' });
  });
});

describe('a lawyer’s 通话记录', () => {
  let context: BrowserContext;
  let lawyerPage: Page;
  const checks = pageChecks(() => lawyerPage);

  beforeAll(async () => {
    context = await browser.newContext({ viewport: DESK_SIZES[0] });
    lawyerPage = await context.newPage();
    lawyerPage.setDefaultTimeout(20_000);
  });
  afterAll(() => context?.close());

  it('lists the call answered and the one nobody answered, and writes the record of the first', async () => {
    await lawyerPage.goto(url);
    await lawyerPage.getByTestId('sign-in-login').fill(LAWYER.login);
    await lawyerPage.getByTestId('sign-in-password').fill(LAWYER.password);
    await lawyerPage.getByTestId('sign-in-submit').click();
    await lawyerPage.getByRole('heading', { level: 1, name: '视频接待' }).waitFor();
    await nav(lawyerPage, /通话记录/);
    const answered = lawyerPage.getByTestId('history-answered');
    await poll(() => answered.innerText()).toMatch(
      /劳动纠纷[\s\S]*洪山区街道中心终端[\s\S]*张\*\*[\s\S]*已结束[\s\S]*未填写/,
    );
    expect(await lawyerPage.getByTestId('history-callbacks').innerText()).toMatch(/未出示身份证[\s\S]*市民离开/);
    await checks.atBothSizes('call-history');

    await answered.getByTestId('record-open').click();
    const dialog = lawyerPage.getByRole('dialog');
    await dialog.getByTestId('record-form').waitFor();
    await dialog.getByTestId('record-facts').fill(FACTS);
    await dialog.getByTestId('record-advice').fill('可以先申请劳动仲裁。');
    await tick(lawyerPage, 'radio', '法律援助');
    // Kept as a draft at the hub as it is typed.
    await poll(() => dialog.getByTestId('record-draft-state').innerText()).toMatch(/草稿已保存/);
    await lawyerPage.mouse.move(0, 0);
    await checks.checkPage('call-history-record');
    await dialog.getByTestId('record-save').click();
    await lawyerPage.getByText('咨询记录已保存').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await poll(() => answered.getByTestId('record-state').innerText()).toBe('已完成');

    // Read again: the hub's record, each read audited.
    await answered.getByTestId('record-open').click();
    await poll(() => dialog.getByTestId('record-facts').inputValue()).toBe(FACTS);
    await dialog.getByRole('button', { name: '关闭' }).click();
    const audit = await hubctl(hubDir(), ['audit', '--json', '--limit', '50']);
    const actions = (JSON.parse(audit.stdout) as { action: string }[]).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['call.record-finish', 'call.record-view']));
    expect(audit.stdout).not.toContain(FACTS);
    expect(hub.logs.join('')).not.toContain(FACTS);
  });
});

describe('通话统计', () => {
  it('shows the range’s figures: the calls, the refused requests, the lawyer, the kiosk and the referral', async () => {
    await nav(page, /通话统计/);
    await page.getByRole('heading', { level: 1, name: '通话统计' }).waitFor();
    await page.getByTestId('figures-refresh').click();
    const total = (key: string) => page.getByTestId(`total-${key}`).innerText();
    await poll(() => total('recorded')).toBe('1');
    expect({
      offered: await total('offered'),
      answered: await total('answered'),
      abandoned: await total('abandoned'),
      refusedOutsideHours: await total('refusedOutsideHours'),
      refusedNoLawyer: await total('refusedNoLawyer'),
      rate: await total('rate'),
      legalAid: await total('legal-aid'),
    }).toEqual({
      offered: '2',
      answered: '1',
      abandoned: '1',
      refusedOutsideHours: '1',
      refusedNoLawyer: '1',
      rate: '50%',
      legalAid: '1',
    });
    expect(await page.getByTestId('figures-by-lawyer').innerText()).toContain(LAWYER.name);
    expect(await page.getByTestId('figures-by-kiosk').innerText()).toContain('洪山区街道中心终端');
    await page.mouse.move(0, 0);
    await atBothSizes('call-figures');

    // A range that ends before it starts is said, and the figures shown stay those asked last.
    await page.getByTestId('figures-to').fill('2020-01-01');
    await page.getByTestId('figures-range-problem').waitFor();
    await checkPage('call-figures-range-problem');

    const cli = await hubctl(hubDir(), ['calls', 'figures', '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    expect((JSON.parse(cli.stdout) as CallFiguresResponse).total).toMatchObject({
      offered: 2,
      answered: 1,
      abandoned: 1,
      refusedOutsideHours: 1,
      refusedNoLawyer: 1,
      recorded: 1,
      referrals: { 'legal-aid': 1 },
    });
  });
});
