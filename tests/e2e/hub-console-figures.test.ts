import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyUsageCount } from '../../common/hub/api/kiosks';
import { chinaDay } from '../../common/hub/china-days';
import { HEALTHY_HEARTBEAT } from '../../common/hub/sample-heartbeats';
import { kioskSocketAt } from '../../hub/testing/live-clients';
import { launchChromium } from './harness';
import { DESK_SIZES, firstSignIn, pageChecks, poll } from './hub-console-pages';
import { enrollKioskAt, hubctl, startHubProcess, type HubProcess } from './hub-processes';

/**
 * 年度统计 end to end, against `npm run hub`'s program: two kiosks send a
 * few days of this year's usage with their heartbeat, the hub holds a few
 * cases' facts; an administrator sees the charts, the annual table and the
 * tables, downloads the Excel workbook (read back) and a CSV, and opens the
 * printable annual report, whose print style leaves the console out. Each
 * page is checked with axe at both desk sizes, in Chinese and English.
 */

const ADMIN = { login: 'figures-admin', password: 'Guan-li-yuan-2026!' };
const YEAR = chinaDay(new Date()).slice(0, 4);

let dataDir: string;
let hub: HubProcess;
let url: string;
let browser: Browser;
let page: Page;
const hubDir = () => join(dataDir, 'hub');

async function sendUsage(kiosk: { id: number; privateKey: import('node:crypto').KeyObject }, usage: DailyUsageCount[]) {
  const socket = await kioskSocketAt(url, kiosk);
  socket.send({ type: 'heartbeat', id: 'b-1', report: { ...HEALTHY_HEARTBEAT, usage } });
  expect(await socket.next((m) => m.type === 'heartbeat-ack')).toMatchObject({ usageDaysStored: expect.any(Array) });
  socket.ws.close();
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hub-console-figures-e2e-'));
  mkdirSync(hubDir(), { mode: 0o700 });
  hub = startHubProcess(hubDir());
  url = await hub.url;
  const admin = await hubctl(
    hubDir(),
    ['user', 'add', '--login', ADMIN.login, '--role', 'administrator', '--password-stdin'],
    ADMIN.password,
  );
  expect(admin.code, admin.stderr).toBe(0);
  const hongshan = await enrollKioskAt(url, hubDir(), {
    region: '420111',
    terminalId: 'HB-0001',
    displayName: '洪山区街道中心',
  });
  const tianhe = await enrollKioskAt(url, hubDir(), {
    region: '440106',
    terminalId: 'GD-0001',
    displayName: '天河区司法所',
  });
  await sendUsage(hongshan, [
    { day: `${YEAR}-01-15`, metric: 'consultation', key: 'labour-wages', count: 120 },
    { day: `${YEAR}-01-15`, metric: 'dispute-screening', key: 'neighbour', count: 9 },
    { day: `${YEAR}-02-03`, metric: 'law-lookup', key: 'article', count: 40 },
    { day: `${YEAR}-02-03`, metric: 'legal-aid-check', key: 'likely-eligible', count: 12 },
    { day: `${YEAR}-02-03`, metric: 'rating', key: 'consultation:5', count: 6 },
  ]);
  await sendUsage(tianhe, [{ day: `${YEAR}-01-20`, metric: 'consultation', key: 'marriage-family', count: 30 }]);
  // Case facts as the case desks leave them: two applications (one accepted), three mediation requests (two accepted, one settled).
  const db = new Database(join(hubDir(), 'hub.db'));
  const insert = db.prepare(
    `INSERT INTO case_facts (submission_id, kind, kiosk_id, region_code, topic, submitted_at, received_at, accepted_at, outcome)
     VALUES (?, ?, ?, '420111', 'labour', ?, ?, ?, ?)`,
  );
  const at = `${YEAR}-02-10T02:00:00.000Z`;
  insert.run(1, 'legal-aid-application', hongshan.id, at, at, at, null);
  insert.run(2, 'legal-aid-application', hongshan.id, at, at, null, 'refused');
  insert.run(3, 'mediation-request', hongshan.id, at, at, at, 'settled');
  insert.run(4, 'mediation-request', hongshan.id, at, at, at, null);
  insert.run(5, 'mediation-request', hongshan.id, at, at, null, null);
  db.close();

  browser = await launchChromium({ jsFlags: null });
  page = await browser.newPage({ viewport: DESK_SIZES[0], acceptDownloads: true });
  // Sign-in hashes with argon2: on a busy 2-core machine an answer can take seconds.
  page.setDefaultTimeout(20_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const { atBothSizes } = pageChecks(() => page);

/** The cells of the annual table's row for `line`, as shown. */
const annualRow = async (line: string) =>
  (await page.getByTestId('figures-annual').locator('tr', { hasText: line }).first().innerText()).split(/\s+/);

describe('年度统计', () => {
  it('shows the year in charts, the annual table with what each line counts, and every table', async () => {
    await firstSignIn(page, url, ADMIN, '终端');
    await page.getByRole('navigation').getByRole('link', { name: '年度统计' }).click();
    await page.getByRole('heading', { level: 1, name: '年度统计' }).waitFor();
    await page.getByTestId('year-figures').waitFor();

    // 150 answers opened, nothing answered by video: 150 legal consultations, 120 in January + 30.
    await poll(() => annualRow('法律咨询')).toEqual(expect.arrayContaining(['法律咨询', '150']));
    expect((await annualRow('法律咨询')).slice(0, 4)).toEqual(['法律咨询', '150', '150', '0']);
    expect((await annualRow('法律援助转介')).slice(0, 2)).toEqual(['法律援助转介', '2']);
    expect((await annualRow('矛盾纠纷排查')).slice(0, 2)).toEqual(['矛盾纠纷排查', '9']);
    expect((await annualRow('人民调解案件')).slice(0, 2)).toEqual(['人民调解案件', '2']);
    expect((await annualRow('其中调解成功')).slice(0, 2)).toEqual(['其中调解成功', '1']);
    expect(await page.getByTestId('figures-sums').innerText()).toContain('调解委员会已受理的调解申请');
    // The charts are drawn (SVG), each a picture with its words for screen readers.
    for (const chart of ['monthly', 'legal-aid', 'mediation', 'by-region']) {
      const box = page.getByTestId(`figures-chart-${chart}`);
      await box.locator('svg').first().waitFor();
      expect(await box.getAttribute('role')).toBe('img');
      expect(await box.getAttribute('aria-label')).toBeTruthy();
    }
    expect(await page.getByTestId('figures-chart-legal-aid').innerText()).toContain('法援申请: 2');
    expect(await page.getByTestId('figures-by-kiosk').innerText()).toContain('天河区司法所');
    expect(await page.getByTestId('figures-by-topic').innerText()).toMatch(/labour-wages\s+120/);
    await atBothSizes('year-figures');

    // A region narrows everything to it.
    await page.getByTestId('figures-region').locator('input').fill('440000');
    await poll(async () => (await annualRow('法律咨询'))[1]).toBe('30');
  });

  it('exports every table to Excel and one to CSV, with what the page shows', async () => {
    await page.getByTestId('figures-region').locator('input').fill('');
    await poll(async () => (await annualRow('法律咨询'))[1]).toBe('150');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('figures-export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe(`figures-${YEAR}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
    const annual = book.getWorksheet('年度汇总表')!;
    expect((annual.getRow(2).values as unknown[]).slice(1, 4)).toEqual(['法律咨询', 150, 150]);
    expect(book.worksheets).toHaveLength(6);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('figures-export-csv').click()]);
    expect(csv.suggestedFilename()).toBe(`figures-${YEAR}-annual.csv`);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.startsWith('\uFEFF项目,全年,1 月')).toBe(true);
    expect(text).toContain('\r\n法律咨询,150,150,0,');
  });

  it('prints the annual report without the console around it, in English too', async () => {
    await page.getByTestId('figures-print').click();
    await page.getByRole('heading', { level: 1, name: `${YEAR} 年度公共法律服务统计报告` }).waitFor();
    await page.getByTestId('figures-annual').waitFor();
    await atBothSizes('figures-report');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.console-sider').isVisible()).toBe(false);
    expect(await page.getByTestId('figures-print-now').isVisible()).toBe(false);
    expect(await page.getByTestId('figures-annual').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    await page.getByTestId('language-switch').click();
    await page.mouse.move(0, 0);
    await page.getByRole('heading', { level: 1, name: `Public legal services: figures of ${YEAR}` }).waitFor();
    expect((await annualRow('Legal consultations')).slice(0, 4)).toEqual(['Legal', 'consultations', '150', '150']);
    await atBothSizes('figures-report-en');
    await page.getByRole('link', { name: 'Back to the figures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Year’s figures' }).waitFor();
    await page.getByTestId('year-figures').waitFor();
    await atBothSizes('year-figures-en');
  });
});
