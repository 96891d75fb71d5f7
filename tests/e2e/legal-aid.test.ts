import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { PrintJob } from '../../common/api/devices';
import { SubmissionStatus } from '../../common/api/submissions';
import { parseReference } from '../../common/reference-number';
import { axeViolations, measure, saveScreen, type Mode } from './a11y';
import { useKiosk } from './fixture';
import { emptyPrintQueue, expectProblemAboveInput, fillPrintQueue } from './flow-checks';
import { callApi, LANDSCAPE, openHome as openHomeScreen, PORTRAIT, kioskctl } from './harness';
import {
  agreeAndReadCard,
  applyWithCard as applyWithCardAt,
  checkAsMigrantWorker,
  question,
  tapChoice,
  typeDigits,
} from './legal-aid-flow';

/**
 * 法律援助 on the real service in Debian's Chromium, by touch, in both
 * orientations: the check (one question per screen) → the outcome → the
 * application (notice and consent, the simulated ID card, phone, matter,
 * review) → the reference number, one record in the outbox and one receipt.
 * Assertions are about what the citizen sees, and what the kiosk kept.
 */
const work = mkdtempSync(join(tmpdir(), 'kiosk-legal-aid-e2e-'));
const dataDir = join(work, 'data');
afterAll(() => rmSync(work, { recursive: true, force: true }));
/** The printer is on a real serial line, so what reached paper can be decoded. */
const { kiosk, browser, paper } = useKiosk({ browser: true, printer: 'serial', dataDir });

const api = <T>(path: string, body?: unknown) => callApi<T>(kiosk, path, body);
const simulate = (body: unknown) => api('/api/simulate', body);
const openHome = (viewport: { width: number; height: number }) => openHomeScreen(browser, kiosk, viewport);
const openHomeForAxe = (viewport: { width: number; height: number }) =>
  openHomeScreen(browser, kiosk, viewport, { forAxe: true });
const printJobs = async (): Promise<PrintJob[]> => (await api<{ jobs: PrintJob[] }>('/api/print/jobs')).jobs;
const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });
/** The application with the card on this test's kiosk's reader. */
const applyWithCard = (page: Page) => applyWithCardAt(page, simulate);

interface OutboxRow {
  reference: string;
  kind: string;
  receipt: string;
  receiptPrints: number;
  payload: {
    applicant: { name: string; idNumber: string; phone: string; address?: string; idSource: string };
    matter: { category: string; summary: string };
    precheck?: { outcome: string; reasons: string[] };
    consent: { agreed: boolean; noticeVersion: string };
  };
}

/** What a technician sees: `kioskctl outbox --json` on this test's data directory (personal data masked). */
async function outbox(): Promise<OutboxRow[]> {
  const r = await kioskctl('outbox', '--json', '--data-dir', dataDir);
  if (r.status !== 0) throw new Error(`kioskctl outbox: ${r.status} ${r.stderr}`);
  return JSON.parse(r.stdout) as OutboxRow[];
}

/** The receipt the service stored (and printed) for a reference, as text. */
function storedReceipt(reference: string): string {
  const db = new Database(join(dataDir, 'records.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT receipt FROM outbox WHERE reference = ?').get(reference) as
      { receipt: string } | undefined;
    return row?.receipt ?? '';
  } finally {
    db.close();
  }
}

async function check(page: Page, orientation: string, mode: Mode, name: string): Promise<void> {
  // Let fonts, queries and transitions settle so what is measured is what a citizen sees.
  await page.waitForTimeout(250);
  const violations = await axeViolations(page, mode);
  expect(
    violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 2))}`),
    `${orientation} ${mode} ${name}`,
  ).toEqual([]);
  const m = await measure(page, mode);
  expect(m.smallText, `${orientation} ${mode} ${name}: text`).toEqual([]);
  expect(m.smallTargets, `${orientation} ${mode} ${name}: targets`).toEqual([]);
  await saveScreen(page, `${orientation}-${mode}-legal-aid-${name}`);
}

/** Axe, sizes and a screenshot of the screen on show, in standard and then 长辈模式 (switched back after). */
async function checkBothModes(page: Page, orientation: string, name: string): Promise<void> {
  await check(page, orientation, 'standard', name);
  await page.getByTestId('elderly-toggle').tap();
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset['mode'])).toBe('elderly');
  await check(page, orientation, 'elderly', name);
  await page.getByTestId('elderly-toggle').tap();
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset['mode'])).not.toBe('elderly');
}

for (const [label, viewport, orientation] of [
  ['portrait 1080×1920', PORTRAIT, 'portrait'],
  ['landscape 1920×1080', LANDSCAPE, 'landscape'],
] as const) {
  describe(`法律援助 by touch, ${label}`, () => {
    it('a migrant worker owed wages: likely eligible, no hardship review → applies with the ID card → one reference, one record, one receipt', async () => {
      const rowsBefore = (await outbox()).length;
      const { context, page, errors } = await openHome(viewport);
      try {
        await checkAsMigrantWorker(page);

        // The outcome in large words with its icon, and why.
        const outcome = page.getByTestId('legal-aid-outcome');
        expect(await outcome.getAttribute('data-outcome')).toBe('likely-eligible');
        expect(await outcome.textContent()).toContain('您很可能可以得到法律援助');
        expect(await outcome.locator('svg').count()).toBe(1);
        const hardship = page.getByTestId('legal-aid-hardship');
        expect(await hardship.textContent()).toContain('不用审查经济困难');
        expect(await hardship.textContent()).toContain('进城务工人员讨要工资');
        expect(await page.getByTestId('legal-aid-reasons').textContent()).toContain('法律列明可以申请法律援助的事项');
        expect(await page.getByTestId('legal-aid-materials').textContent()).toContain('务工证明');
        expect(await page.getByTestId('legal-aid-time-limits').textContent()).toContain('7天内决定');
        expect(await page.getByTestId('legal-aid-time-limits').textContent()).toContain('3天内安排律师');
        const office = page.getByTestId('legal-aid-office');
        await office.waitFor();
        expect(await office.textContent()).toMatch(/法律援助/);
        expect(await office.textContent()).toContain('地址');
        expect(await page.getByTestId('link-videoCall').textContent()).toMatch(/找律师视频咨询/);

        // 第四十二条 is a button to its text.
        const art42 = page.getByRole('button', { name: '法律援助法 第四十二条' });
        await art42.scrollIntoViewIfNeeded();
        await art42.tap();
        await expect.poll(() => heading1(page).textContent()).toBe('法律援助法 第四十二条');
        await expect.poll(() => page.getByTestId('article-text').textContent()).toContain('进城务工人员');
        await page.getByTestId('nav-back').tap();
        await page.getByTestId('legal-aid-result').waitFor();

        await applyWithCard(page);
        // Prefilled from the card, the number masked until asked for.
        expect(await page.getByTestId('review-name').textContent()).toContain('李秀英');
        expect(await page.getByTestId('review-id-number').textContent()).toBe('420***********0241');
        await page.getByTestId('review-id-number-toggle').tap();
        expect(await page.getByTestId('review-id-number').textContent()).toBe('420111 19500308 0241');
        await page.getByTestId('review-id-number-toggle').tap();
        expect(await page.getByTestId('review-phone').textContent()).toContain('13812345678');
        expect(await page.getByTestId('review-matter').textContent()).toContain('讨要工资');

        // A double tap on 提交申请 is one application: whatever reaches the service carries one idempotency key.
        const keys: string[] = [];
        page.on('request', (r) => {
          if (r.url().endsWith('/api/submissions') && r.method() === 'POST')
            keys.push((JSON.parse(r.postData() ?? '{}') as { idempotencyKey: string }).idempotencyKey);
        });
        const submit = page.getByTestId('legal-aid-submit');
        await submit.scrollIntoViewIfNeeded();
        const box = (await submit.boundingBox())!;
        const x = box.x + box.width / 2;
        const y = box.y + box.height / 2;
        await Promise.all([page.touchscreen.tap(x, y), page.touchscreen.tap(x, y)]);

        const shown = page.getByTestId('submission-reference');
        await shown.waitFor({ timeout: 15_000 });
        const reference = (await shown.textContent())!.trim();
        expect(keys.length).toBeGreaterThanOrEqual(1);
        expect(new Set(keys).size).toBe(1);
        expect(parseReference(reference)).toMatchObject({ letter: 'A', reference });
        expect(await page.getByTestId('submission-done').textContent()).toContain('您的受理编号');
        const fontSize = await shown.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        expect(fontSize).toBeGreaterThanOrEqual(72);
        await expect
          .poll(() => page.getByTestId('receipt-status').textContent(), { timeout: 15_000 })
          .toContain('打印好了，请取走回执');
        expect(await page.getByTestId('legal-aid-next').textContent()).toContain('138****5678');

        // Exactly one record for it, masked for the technician; the check's outcome went with it.
        const rows = await outbox();
        expect(rows).toHaveLength(rowsBefore + 1);
        const mine = rows.filter((r) => r.reference === reference);
        expect(mine).toHaveLength(1);
        expect(mine[0]).toMatchObject({
          kind: 'legal-aid-application',
          payload: {
            applicant: { idNumber: '420***********0241', phone: '138****5678', idSource: 'card' },
            matter: { category: 'wages' },
            precheck: { outcome: 'likely-eligible' },
            consent: { agreed: true },
          },
        });
        expect(mine[0]!.payload.precheck!.reasons).toContain('art42-migrant-worker-wages');
        const status = SubmissionStatus.parse(await api('/api/submissions/status', { reference }));
        expect(status).toMatchObject({ kind: 'legal-aid-application', hasReceipt: true, receiptPrinted: true });

        // Exactly one receipt, and it carries the reference — large, as a QR code — and the ID number only masked.
        const jobs = (await printJobs()).filter((j) => j.title.includes(reference));
        expect(jobs).toHaveLength(1);
        expect(jobs[0]).toMatchObject({ state: 'printed' });
        expect(mine[0]!.receiptPrints).toBe(1);
        const receipt = storedReceipt(reference);
        expect(receipt).toContain(`"data":"${reference}"`);
        expect(receipt).toContain('420***********0241');
        expect(receipt).not.toContain('420111195003080241');
        expect(receipt).not.toContain('{{reference}}');
        // On paper: the bytes the printer received decode to the reference, once, and the masked ID number only.
        const printed = paper.printed();
        expect(printed.split(reference).length - 1).toBe(1);
        expect(printed).toContain('420***********0241');
        expect(printed).not.toContain('420111195003080241');

        // Nothing of the card in the service's log.
        expect(kiosk.stdout.join('\n')).not.toContain('420111195003080241');
        expect(kiosk.stdout.join('\n')).not.toContain('13812345678');

        await page.getByTestId('submission-finish').tap();
        await page.getByTestId('home').waitFor();
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);

    it('refuses a wrong typed ID number with the reason, and takes the right one', async () => {
      const { context, page, errors } = await openHome(viewport);
      try {
        await page.getByTestId('tile-legalAid').tap();
        await page.getByTestId('legal-aid-start-apply').tap();
        await page.getByTestId('consent-agree').tap();
        await page.getByTestId('idcard-manual').tap();
        await page.getByTestId('legal-aid-apply').locator('[data-testid="idcard-manual-form"]').waitFor();

        // The name in pinyin on the on-screen keyboard.
        await page.getByTestId('manual-name').tap();
        for (const ch of 'zhangsan') await page.getByTestId(`kb-key-${ch}`).tap();
        await page.getByTestId('kb-candidate-0').tap();
        await expect.poll(() => page.getByTestId('manual-name').inputValue()).not.toBe('');

        // One digit wrong: refused, and the reason says which kind of mistake.
        await page.getByTestId('manual-id-number').tap();
        await expect.poll(() => page.getByTestId('keyboard').getAttribute('data-mode')).toBe('digits');
        await typeDigits(page, '420111195003080242');
        await page.getByTestId('kb-done').tap();
        const problem = page.getByTestId('field-problem');
        await problem.waitFor();
        expect(await problem.textContent()).toContain('校验码对不上');
        expect(await page.getByTestId('manual-id-number').getAttribute('aria-invalid')).toBe('true');
        expect(await page.getByTestId('legal-aid-identity').count()).toBe(0);

        // Too short: the length is the reason.
        await page.getByTestId('manual-id-number').tap();
        await page.getByTestId('kb-backspace').tap();
        await page.getByTestId('kb-done').tap();
        await expect.poll(() => problem.textContent()).toContain('18位');

        await page.getByTestId('manual-id-number').tap();
        await typeDigits(page, '1');
        await page.getByTestId('kb-done').tap();
        const identity = page.getByTestId('legal-aid-identity');
        await identity.waitFor();
        expect(await identity.getAttribute('data-source')).toBe('typed');
        expect(await page.getByTestId('identity-id-number').textContent()).toBe('420***********0241');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }, 90_000);

    it('passes axe and the size rules on every legal-aid screen, standard and 长辈模式', async () => {
      const { context, page, errors } = await openHomeForAxe(viewport);
      try {
        await page.getByTestId('tile-legalAid').tap();
        await page.getByTestId('legal-aid').waitFor();
        await page.getByTestId('legal-aid-office').waitFor();
        await checkBothModes(page, orientation, 'start');

        await page.getByTestId('legal-aid-start-check').tap();
        await question(page, 'matter-group');
        await checkBothModes(page, orientation, 'question-matter');
        await tapChoice(page, 'work');
        await question(page, 'matter');
        await tapChoice(page, 'wages');
        await question(page, 'for-whom');
        await tapChoice(page, 'self');
        await question(page, 'groups');
        await tapChoice(page, 'social-assistance');
        await checkBothModes(page, orientation, 'question-groups');
        // Not that one after all: none of these, so the income is asked.
        await tapChoice(page, 'social-assistance');
        await tapChoice(page, 'none');
        await question(page, 'agent');
        await tapChoice(page, 'no');
        await question(page, 'court');
        await tapChoice(page, 'yes');
        await question(page, 'urgency');
        await tapChoice(page, 'deadline');
        await question(page, 'income');
        const standard = await page.getByTestId('legal-aid-standard').textContent();
        expect(standard).toContain('湖北省标准：每人每月 2210 元');
        expect(standard).toContain('演示数据');
        await checkBothModes(page, orientation, 'question-income');
        await tapChoice(page, 'above');

        // Above the standard and no presumption: likely not — but the application stays open, with a note.
        await page.getByTestId('legal-aid-result').waitFor();
        expect(await page.getByTestId('legal-aid-outcome').getAttribute('data-outcome')).toBe('likely-not');
        expect(await page.getByTestId('legal-aid-result').textContent()).toContain('您仍然可以申请');
        await page.getByTestId('legal-aid-office').waitFor();
        await checkBothModes(page, orientation, 'result');

        // 打印这份结果: the shared print screen with the slip.
        await page.getByTestId('print-button').tap();
        const paper = page.getByRole('figure', { name: '打印预览' });
        await paper.waitFor();
        await expect.poll(() => paper.textContent()).toContain('法律援助初步判断');
        expect(await paper.textContent()).toContain('可能不符合法律援助条件');
        await page.getByTestId('nav-back').tap();

        await page.getByTestId('legal-aid-apply-now').tap();
        await page.getByTestId('consent-step').waitFor();
        await checkBothModes(page, orientation, 'consent');
        await page.getByTestId('consent-agree').tap();
        await page.locator('[data-testid="idcard-step"][data-phase="waiting"]').waitFor();
        await checkBothModes(page, orientation, 'idcard');
        await page.getByTestId('idcard-manual').tap();
        await page.getByTestId('idcard-manual-form').waitFor();
        await checkBothModes(page, orientation, 'idcard-manual');
        await page.getByTestId('idcard-use-card').tap();
        await page.locator('[data-testid="idcard-step"][data-phase="waiting"]').waitFor();
        await new Promise((r) => setTimeout(r, 300));
        await simulate({ idcard: 'mainlandDated' });
        await page.getByTestId('legal-aid-identity').waitFor({ timeout: 10_000 });
        await simulate({ idcard: null });
        expect(await page.getByTestId('identity-name').textContent()).toContain('王小明');
        await checkBothModes(page, orientation, 'identity');
        await page.getByTestId('step-next').tap();
        await page.getByTestId('phone-input').tap();
        await typeDigits(page, '027-87654321');
        // The docked keyboard covers the bottom bar: hide it to switch modes, then open it again.
        await check(page, orientation, 'standard', 'phone-keyboard');
        await page.getByTestId('kb-hide').tap();
        await page.getByTestId('elderly-toggle').tap();
        await page.getByTestId('phone-input').tap();
        await check(page, orientation, 'elderly', 'phone-keyboard');
        await page.getByTestId('kb-hide').tap();
        await page.getByTestId('elderly-toggle').tap();
        await expect.poll(() => page.evaluate(() => document.documentElement.dataset['mode'])).not.toBe('elderly');
        await page.getByTestId('step-next').tap();
        await page.getByTestId('legal-aid-matter').waitFor();
        await checkBothModes(page, orientation, 'matter');
        await page.getByTestId('step-next').tap();
        await page.getByTestId('legal-aid-review').waitFor();
        await checkBothModes(page, orientation, 'review');
        await page.getByTestId('legal-aid-submit').tap();
        await page.getByTestId('submission-reference').waitFor({ timeout: 15_000 });
        await expect
          .poll(() => page.getByTestId('receipt-status').textContent(), { timeout: 15_000 })
          .toContain('打印好了，请取走回执');
        await checkBothModes(page, orientation, 'done');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }, 240_000);
  });
}

describe('不同意', () => {
  it('goes back and keeps nothing', async () => {
    const before = (await outbox()).length;
    const { context, page } = await openHome(PORTRAIT);
    try {
      await page.getByTestId('tile-legalAid').tap();
      await page.getByTestId('legal-aid-start-apply').tap();
      await page.getByTestId('consent-disagree').tap();
      await page.getByTestId('legal-aid').waitFor();
      expect(await outbox()).toHaveLength(before);
    } finally {
      await context.close();
    }
  });
});

describe('a phone number with a problem, and a reprint that fails', () => {
  // The demo terminal's simulated printer, whose paper this part takes out.
  const simulated = useKiosk({ browser: true });
  const simulateHere = (body: unknown) => callApi(simulated.kiosk, '/api/simulate', body);

  /** 直接申请 → 同意 → the card → 下一步 → `digits` typed as the phone number → 完成. */
  async function typePhone(page: Page, digits: string): Promise<void> {
    await page.getByTestId('tile-legalAid').tap();
    await page.getByTestId('legal-aid-start-apply').tap();
    await agreeAndReadCard(page, simulateHere);
    await page.getByTestId('phone-input').tap();
    await typeDigits(page, digits);
    await page.getByTestId('kb-done').tap();
  }

  it('shows what is wrong with the phone number between its label and the field', async () => {
    const { context, page, errors } = await openHomeScreen(simulated.browser, simulated.kiosk, PORTRAIT);
    try {
      await typePhone(page, '138123');
      await expect.poll(() => page.getByTestId('field-problem').textContent()).toContain('11位');
      await expectProblemAboveInput(page, page.getByTestId('phone-input'));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('says so in words when the receipt cannot be printed again', async () => {
    const { context, page, errors } = await openHomeScreen(simulated.browser, simulated.kiosk, PORTRAIT);
    try {
      await typePhone(page, '13812345678');
      await page.getByTestId('legal-aid-matter').waitFor();
      await page.getByTestId('category-wages').tap();
      await page.getByTestId('step-next').tap();
      await page.getByTestId('legal-aid-submit').tap();
      await page.locator('[data-testid="legal-aid-apply"][data-step="done"]').waitFor({ timeout: 15_000 });
      // Printed: a second copy may be asked for.
      await expect
        .poll(() => page.getByTestId('receipt-status').getAttribute('data-phase'), { timeout: 15_000 })
        .toBe('printed');
      const reprint = page.getByTestId('receipt-reprint');

      // The printer is out of paper and its queue full: the service refuses the reprint.
      await fillPrintQueue(simulated.kiosk);
      await reprint.tap();
      const failed = page.getByTestId('reprint-failed');
      await failed.waitFor({ timeout: 10_000 });
      expect(await failed.textContent()).toContain('没有补打成功');
      expect(await reprint.isEnabled()).toBe(true);
      // The only thing the browser logged: the service's 503 to the reprint.
      expect(errors.filter((e) => !e.includes('status of 503'))).toEqual([]);
    } finally {
      await context.close();
      await emptyPrintQueue(simulated.kiosk);
    }
  }, 90_000);
});
