import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Health } from '../../common/api/health';
import { parseReference } from '../../common/reference-number';
import { waitUntil } from './call-rig/call-rig';
import { typePhoneDigits, typeReference } from './case-status-flow';
import { callApi, launchChromium, openHome, PORTRAIT, startKioskWithSerialPrinter, type KioskOnPaper } from './harness';
import { DESK_SIZES, poll, signInAs } from './hub-console-pages';
import { addCaseOfficer, enrollCode, hubctl, kioskctl, startHubProcess, type HubProcess } from './hub-processes';
import { applyWithCard, checkAsMigrantWorker } from './legal-aid-flow';

/**
 * The whole loop of a legal-aid application with every part real: `npm run
 * hub`'s program with a case officer made by hubctl; the kiosk's built
 * service enrolled in it with `kioskctl hub enroll` (its receipt printer our
 * simulator on a serial line); the kiosk's renderer in one Chromium and the
 * console in another. A migrant worker checks and applies by touch with the
 * ID card; the outbox delivers it; the officer accepts it in the console;
 * back at the kiosk, 查询进度 refuses the wrong last four digits and, with
 * the right ones, says 已受理 — and says it again, as the last known status,
 * once the hub is gone. Nothing of the applicant's is left in records.db
 * after delivery, nor in the kiosk's log or the hub's.
 */

const REGION = '420111';
const SITE = '洪山区街道中心';
const OFFICER = { login: 'officer-wang', password: 'Cheng-ban-wang-2026!', name: '王承办' };
/** The simulated card's holder (mainlandLongTerm) and the phone typed for her. */
const NAME = '李秀英';
const ID_NUMBER = '420111195003080241';
const PHONE = '13812345678';
const RIGHT_DIGITS = PHONE.slice(-4);
const WRONG_DIGITS = '0000';

let work: string;
let hub: HubProcess;
let url: string;
let paper: KioskOnPaper;
let kioskBrowser: Browser;
let consoleBrowser: Browser;
let officer: Page;
let reference: string;

const hubDir = () => join(work, 'hub');
const kioskDir = () => join(work, 'kiosk');
const kiosk = () => paper.kiosk;
const simulate = (body: unknown) => callApi(kiosk(), '/api/simulate', body);

/** What hubctl lists as stored at the hub. */
async function atHub(): Promise<{ kind: string; reference: string }[]> {
  const listed = await hubctl(hubDir(), ['submissions', '--json']);
  return listed.code === 0 ? (JSON.parse(listed.stdout) as { kind: string; reference: string }[]) : [];
}

/** Whether the kiosk's outbox has the application marked delivered (read without writing). */
function deliveredAtKiosk(ref: string): boolean {
  const db = new Database(join(kioskDir(), 'records.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT delivered_at FROM outbox WHERE reference = ?').get(ref) as
      { delivered_at: string | null } | undefined;
    return row?.delivered_at != null;
  } finally {
    db.close();
  }
}

/** records.db and its write-ahead log as bytes, as someone who carried the kiosk away would read them. */
function recordsBytes(): Buffer {
  const file = join(kioskDir(), 'records.db');
  return Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

/** A citizen at the kiosk: a fresh screen, 法律援助 → 查询进度. */
async function openCaseStatus(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const opened = await openHome(kioskBrowser, kiosk(), PORTRAIT);
  opened.page.setDefaultTimeout(20_000);
  await opened.page.getByTestId('tile-legalAid').tap();
  await opened.page.getByTestId('case-status-lookup').tap();
  await opened.page.getByTestId('ref-lookup').waitFor();
  return opened;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'case-loop-e2e-'));
  mkdirSync(hubDir(), { mode: 0o700 });
  hub = startHubProcess(hubDir());
  url = await hub.url;
  await addCaseOfficer(hubDir(), REGION, OFFICER);
  const code = await enrollCode(hubDir(), { region: REGION, site: SITE });
  const enrolled = await kioskctl(kioskDir(), ['hub', 'enroll', '--hub', url, '--code', code]);
  expect(enrolled.code, enrolled.stderr).toBe(0);
  [paper, kioskBrowser, consoleBrowser] = await Promise.all([
    startKioskWithSerialPrinter({ dataDir: kioskDir() }),
    launchChromium(),
    launchChromium({ jsFlags: null }),
  ]);
  // The kiosk's socket to the hub open: the officer's change is pushed to it.
  await waitUntil(
    'the kiosk’s socket to the hub open',
    async () => (await callApi<Health>(kiosk(), '/api/health')).subsystems.hub.state,
    (state) => state === 'ok',
  );
  officer = await consoleBrowser.newPage({ viewport: DESK_SIZES[0] });
  // Sign-in hashes with argon2: on a busy 2-core machine an answer can take seconds.
  officer.setDefaultTimeout(20_000);
  // A case officer's console opens on the case desk.
  await signInAs(officer, url, OFFICER, '案件办理');
}, 120_000);

afterAll(async () => {
  await kioskBrowser?.close();
  await consoleBrowser?.close();
  await paper?.stop();
  await hub?.stop();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('a migrant worker’s application, from the kiosk to the case officer and back', () => {
  it('is applied for by touch with the ID card, and reaches the hub; the kiosk keeps nothing of her', async () => {
    const { context, page, errors } = await openHome(kioskBrowser, kiosk(), PORTRAIT);
    page.setDefaultTimeout(20_000);
    try {
      await checkAsMigrantWorker(page);
      expect(await page.getByTestId('legal-aid-outcome').getAttribute('data-outcome')).toBe('likely-eligible');
      await applyWithCard(page, simulate, PHONE);
      await page.getByTestId('legal-aid-submit').tap();
      const shown = page.getByTestId('submission-reference');
      await shown.waitFor({ timeout: 15_000 });
      reference = (await shown.textContent())!.trim();
      expect(parseReference(reference)).toMatchObject({ letter: 'A', reference });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }

    // Through the kiosk's outbox to the hub, once.
    await expect
      .poll(async () => (await atHub()).filter((s) => s.reference === reference).map((s) => s.kind), {
        timeout: 30_000,
      })
      .toEqual(['legal-aid-application']);
    await expect.poll(() => deliveredAtKiosk(reference), { timeout: 15_000 }).toBe(true);

    // Delivered: neither the ID number nor the phone is anywhere in records.db's bytes, nor in the service's log.
    const bytes = recordsBytes();
    for (const personal of [ID_NUMBER, PHONE]) expect(bytes.includes(personal), personal).toBe(false);
    const log = [...kiosk().stdout, ...kiosk().stderr].join('\n');
    expect(log).toContain(reference);
    for (const personal of [ID_NUMBER, PHONE, NAME]) expect(log, personal).not.toContain(personal);
    // Nor did the hub write them to its log as it stored the application.
    for (const personal of [ID_NUMBER, PHONE, NAME]) expect(hub.logs.join(''), personal).not.toContain(personal);
  });

  it('is accepted by the case officer in the console', async () => {
    // Listed on 案件办理 once delivered, the applicant's name masked.
    await officer.reload();
    const link = officer.getByTestId(`case-link-${reference}`);
    await link.waitFor();
    const list = await officer.getByTestId('cases-legal-aid-application').innerText();
    expect(list).toContain('李**');
    expect(list).not.toContain(NAME);
    await link.click();
    await officer.getByRole('heading', { level: 1, name: `案件 ${reference}` }).waitFor();
    expect(await officer.getByTestId('case-status').innerText()).toBe('新申请');
    await officer.getByTestId('case-move-accepted').click();
    await officer.getByTestId('change-submit').click();
    await poll(() => officer.getByTestId('case-status').innerText()).toBe('已受理');
  });

  it('reads 已受理 at the kiosk’s 查询进度 with the right last four digits only', async () => {
    const { context, page, errors } = await openCaseStatus();
    try {
      await typeReference(page, reference);
      await typePhoneDigits(page, WRONG_DIGITS);
      await expect
        .poll(() => page.getByTestId('case-status-problem').textContent())
        .toBe('没有找到。请核对参考编号和手机号码后 4 位。');
      expect(await page.getByTestId('case-status-result').count()).toBe(0);

      await typePhoneDigits(page, RIGHT_DIGITS);
      await page.locator('[data-testid="case-status-result"][data-outcome="found"]').waitFor();
      expect(await page.getByTestId('case-status-label').textContent()).toBe('已受理');
      expect(await page.getByTestId('case-status-words').textContent()).toBe('您的法律援助申请已受理。');
      expect(await page.getByTestId('case-status-next').textContent()).toContain('接下来会为您指派律师');
      expect(await page.getByTestId('case-status-offline').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows 已受理 as the last known status, in the offline wording, once the hub is gone', async () => {
    await hub.stop();
    const { context, page, errors } = await openCaseStatus();
    try {
      await typeReference(page, reference);
      await typePhoneDigits(page, RIGHT_DIGITS);
      await page.locator('[data-testid="case-status-result"][data-outcome="offline-last-known"]').waitFor();
      expect(await page.getByTestId('case-status-offline').textContent()).toMatch(
        /^现在无法查询最新进度，以下是 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 时的进度。$/,
      );
      expect(await page.getByTestId('case-status-label').textContent()).toBe('已受理');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
    const log = [...kiosk().stdout, ...kiosk().stderr].join('\n');
    for (const personal of [ID_NUMBER, PHONE, NAME]) expect(log, personal).not.toContain(personal);
  });
});
