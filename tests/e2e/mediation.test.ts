import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PrintJob } from '../../common/api/devices';
import { SubmissionStatus } from '../../common/api/submissions';
import { REFERENCE_ALPHABET } from '../../common/reference-number';
import { expectAccessible, type Mode } from './a11y';
import { useKiosk } from './fixture';
import { emptyPrintQueue, expectProblemAboveInput, fillPrintQueue } from './flow-checks';
import { callApi, LANDSCAPE, openHome, PORTRAIT, wakeKiosk, kioskctl } from './harness';

/**
 * 调解申请 by touch on the real service in Debian's Chromium, in portrait and
 * landscape, in standard mode and 长辈模式: a neighbour-noise request typed on
 * the kiosk's own keyboards, the notice agreed to, checked and sent with a
 * double tap — one request stored, its reference in very large type, its
 * receipt printed; then 查询办理进度 finds it by that reference and refuses
 * one with a wrong character in plain words; then 结束使用 asks for a rating
 * (stored once, no personal data) or lets the citizen skip it, and the
 * attract loop plays. Every screen passes axe and the size rules; finally
 * `kioskctl stats --json` on the test's data directory shows the counts.
 */
const work = mkdtempSync(join(tmpdir(), 'kiosk-mediation-e2e-'));
const dataDir = join(work, 'data');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const { kiosk, browser } = useKiosk({ browser: true, dataDir });

const api = <T>(path: string, body?: unknown) => callApi<T>(kiosk, path, body);
const printJobs = async (): Promise<PrintJob[]> => (await api<{ jobs: PrintJob[] }>('/api/print/jobs')).jobs;
const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function post(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${kiosk.origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${kiosk.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** Rows of the outbox, read as kioskctl does (read-only, beside the running service). */
function outboxRows(kind: string): { reference: string; payload: string; receipt: string | null }[] {
  const db = new Database(join(dataDir, 'records.db'), { readonly: true });
  try {
    return db.prepare('SELECT reference, payload, receipt FROM outbox WHERE kind = ? ORDER BY id').all(kind) as {
      reference: string;
      payload: string;
      receipt: string | null;
    }[];
  } finally {
    db.close();
  }
}

/** Pinyin on the kiosk's keyboard, then the candidate that is `want`. */
async function typePinyin(page: Page, letters: string, want: string): Promise<void> {
  for (const ch of letters) await page.getByTestId(`kb-key-${ch}`).tap();
  const candidate = page.getByTestId('kb-candidates').getByRole('button', { name: want, exact: true });
  await candidate.waitFor();
  await candidate.tap();
}

async function typeDigits(page: Page, digits: string): Promise<void> {
  for (const ch of digits) await page.getByTestId(`kb-key-${ch}`).tap();
}

async function done(page: Page): Promise<void> {
  await page.getByTestId('kb-done').tap();
  await page.getByTestId('keyboard').waitFor({ state: 'detached' });
}

const APPLICANT = { name: '张三丰', phone: '13812345678' };
const runs: { orientation: string; mode: Mode; reference: string }[] = [];

for (const [orientation, viewport] of [
  ['portrait', PORTRAIT],
  ['landscape', LANDSCAPE],
] as const) {
  for (const mode of ['standard', 'elderly'] as const) {
    describe(`调解申请, ${orientation}, ${mode === 'elderly' ? '长辈模式' : 'standard mode'}`, () => {
      it(
        'a neighbour-noise request → reference and receipt → progress by that reference → rating at 结束使用 → attract loop',
        { timeout: 300_000 },
        async () => {
          const { context, page, errors } = await openHome(browser, kiosk, viewport, { forAxe: true });
          const check = async (screen: string, scope = 'main'): Promise<void> => {
            await expectAccessible(page, mode, `${orientation}-${mode}-mediation-${screen}`, scope);
          };
          const step = (name: string) =>
            expect.poll(() => page.getByTestId('mediation').getAttribute('data-step')).toBe(name);
          try {
            if (mode === 'elderly') {
              await page.getByTestId('elderly-toggle').tap();
              await expect.poll(() => page.evaluate(() => document.documentElement.dataset['mode'])).toBe('elderly');
            }
            const rowsBefore = outboxRows('mediation-request').length;
            const ratingsBefore = outboxRows('rating').length;
            const receiptJobsBefore = (await printJobs()).filter((j) => j.title.startsWith('调解申请回执')).length;

            // The tile leads to the request, which says what it is in plain words.
            await page.getByRole('button', { name: /^调解申请/ }).tap();
            await expect.poll(() => heading1(page).textContent()).toBe('调解申请');
            expect(await page.getByTestId('mediation').textContent()).toContain('调解不收任何费用');
            await page.getByTestId('mediation-committee').waitFor();
            await check('intro');
            await page.getByTestId('mediation-start').tap();

            // 1 — the dispute type: big buttons with icons.
            await step('category');
            expect(await page.getByTestId('mediation-progress').textContent()).toBe('第 1 步，共 8 步');
            for (const type of ['邻里纠纷', '婚姻家庭', '劳动争议', '消费纠纷', '物业纠纷', '借贷纠纷', '其他纠纷'])
              await page.getByRole('button', { name: type }).waitFor();
            await check('category');
            await page.getByRole('button', { name: '邻里纠纷' }).tap();

            // 2 — what happened: a chip, and a few words typed in pinyin.
            await step('situation');
            await page.getByRole('button', { name: '噪音扰民' }).tap();
            expect(await page.getByRole('button', { name: '噪音扰民' }).getAttribute('aria-pressed')).toBe('true');
            await page.getByTestId('mediation-details').tap();
            await page.getByTestId('keyboard').waitFor();
            await typePinyin(page, 'yeli', '夜里');
            // The docked keyboard does not cover the field it types into.
            const field = (await page.getByTestId('mediation-details').boundingBox())!;
            const keys = (await page.getByTestId('keyboard').boundingBox())!;
            expect(field.y + field.height).toBeLessThanOrEqual(keys.y + 1);
            await check('situation-keyboard');
            await done(page);
            expect(await page.getByTestId('mediation-details').inputValue()).toBe('夜里');
            await check('situation');
            await page.getByTestId('mediation-next').tap();

            // 3 — the applicant: 下一步 with nothing typed says what is missing, in words.
            await step('applicant');
            await page.getByTestId('mediation-next').tap();
            await expect
              .poll(() => page.getByTestId('applicant-name-field').getByTestId('field-problem').textContent())
              .toBe('请填写姓名。');
            expect(await page.getByTestId('applicant-phone-field').getByTestId('field-problem').textContent()).toBe(
              '请填写手机号码。',
            );
            await check('applicant-errors');
            await page.getByTestId('applicant-name').tap();
            await typePinyin(page, 'zhangsan', APPLICANT.name);
            await done(page);
            await page.getByTestId('applicant-phone').tap();
            expect(await page.getByTestId('keyboard').getAttribute('data-mode')).toBe('digits');
            await typeDigits(page, APPLICANT.phone);
            await done(page);
            await expect
              .poll(() => page.getByTestId('applicant-name-field').getByTestId('field-problem').count())
              .toBe(0);
            expect(await page.getByTestId('applicant-phone').inputValue()).toBe(APPLICANT.phone);
            await page.getByTestId('mediation-next').tap();

            // 4 — the other side: a name or description, a relation, no phone.
            await step('other-party');
            await page.getByTestId('other-name').tap();
            await typePinyin(page, 'loushang', '楼上');
            await typePinyin(page, 'zhuhu', '住户');
            await done(page);
            await page.getByRole('button', { name: '邻居' }).tap();
            await check('other-party');
            await page.getByTestId('mediation-next').tap();

            // 5 — the amount, with its capitals.
            await step('amount');
            await page.getByTestId('mediation-amount').tap();
            await typeDigits(page, '500');
            await done(page);
            await expect.poll(() => page.getByTestId('amount-capitals').textContent()).toBe('大写：人民币伍佰元整');
            await check('amount');
            await page.getByTestId('mediation-next').tap();

            // 6 — when they can come.
            await step('availability');
            await check('availability');
            await page.getByRole('button', { name: '周末' }).tap();

            // 7 — the notice: what, why, how long; then agree.
            await step('consent');
            const notice = await page.getByTestId('mediation').textContent();
            expect(notice).toContain('收集哪些信息');
            expect(notice).toContain('用来做什么');
            expect(notice).toContain('送到调解委员会以后，就从这台机器上删除');
            await check('consent');
            await page.getByTestId('consent-agree').tap();

            // 8 — the check page, then a double tap on 提交申请.
            await step('review');
            const review = await page.getByTestId('mediation').textContent();
            for (const part of [
              '邻里纠纷',
              '噪音扰民；夜里',
              APPLICANT.name,
              APPLICANT.phone,
              '楼上住户',
              '邻居',
              '500.00 元',
              '周末',
            ])
              expect(review).toContain(part);
            await check('review');
            await page.getByTestId('mediation-submit').evaluate((button: HTMLButtonElement) => {
              button.click();
              button.click();
            });

            // The reference in very large type; the receipt comes out.
            await step('done');
            await expect.poll(() => heading1(page).textContent()).toBe('申请已提交');
            const reference = (await page.getByTestId('submission-reference').textContent())!;
            expect(reference).toMatch(new RegExp(`^M\\d{6}-[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]$`));
            const size = await page
              .getByTestId('submission-reference')
              .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
            expect(size).toBeGreaterThanOrEqual(80);
            await page.getByText('打印好了，请取走回执').waitFor({ timeout: 15_000 });
            expect(await page.getByTestId('mediation').textContent()).toContain('3 个工作日内');
            await check('done');

            // Exactly one request stored, found by the status route; one receipt printed, titled with the reference.
            expect(outboxRows('mediation-request').length).toBe(rowsBefore + 1);
            const status = SubmissionStatus.parse(await api('/api/submissions/status', { reference }));
            expect(status).toMatchObject({ reference, kind: 'mediation-request', delivered: false, hasReceipt: true });
            await expect
              .poll(
                async () => SubmissionStatus.parse(await api('/api/submissions/status', { reference })).receiptPrinted,
                { timeout: 10_000 },
              )
              .toBe(true);
            const receiptJobs = (await printJobs()).filter((j) => j.title.startsWith('调解申请回执'));
            expect(receiptJobs.length).toBe(receiptJobsBefore + 1);
            expect(receiptJobs.at(-1)).toMatchObject({ title: `调解申请回执 ${reference}`, state: 'printed' });
            // What was printed: the reference (text and QR), the applicant masked, the committee; not the full phone.
            const stored = outboxRows('mediation-request').find((r) => r.reference === reference)!;
            const receipt = stored.receipt!;
            expect(receipt).toContain(`"text":"${reference}"`);
            expect(receipt).toContain(`"data":"${reference}"`);
            for (const part of ['调解申请回执', '张**', '138****5678', '人民调解委员会', '12348'])
              expect(receipt).toContain(part);
            expect(receipt).not.toContain(APPLICANT.phone);
            expect(JSON.parse(stored.payload)).toMatchObject({
              applicant: { name: APPLICANT.name, phone: APPLICANT.phone },
              otherParty: { name: '楼上住户', relation: '邻居' },
              dispute: { category: 'neighbour', summary: '噪音扰民。夜里', amountFen: 50000 },
              availability: 'weekends',
              consent: { agreed: true, noticeVersion: 'mediation-notice-1' },
            });
            runs.push({ orientation, mode, reference });

            // 查询办理进度 from the mediation start screen, by touch.
            await page.getByTestId('submission-finish').tap();
            await page.getByTestId('home').waitFor();
            await page.getByRole('button', { name: /^调解申请/ }).tap();
            await page.getByTestId('status-lookup').tap();
            await expect.poll(() => heading1(page).textContent()).toBe('查询办理进度');
            await check('status-entry');
            for (const ch of reference.replace(/-/g, '')) await page.getByTestId(`ref-key-${ch}`).tap();
            expect(await page.getByTestId('reference-display').textContent()).toContain(reference);
            await page.getByTestId('ref-lookup').tap();
            await page.getByTestId('status-result').waitFor();
            expect(await page.getByTestId('status-kind').textContent()).toBe('调解申请');
            expect(await page.getByTestId('status-delivery').textContent()).toBe('已提交，等待送达');
            expect(await page.getByTestId('status-receipt').textContent()).toBe('已打印');
            // Submitted in this session: the receipt may be printed again here.
            await page.getByTestId('receipt-reprint').waitFor();
            await check('status-result');

            // One wrong character: refused in plain words, nothing found.
            await page.getByTestId('status-another').tap();
            const wrong = reference.slice(0, -1) + (reference.endsWith('2') ? '3' : '2');
            for (const ch of wrong.replace(/-/g, '')) await page.getByTestId(`ref-key-${ch}`).tap();
            await page.getByTestId('ref-lookup').tap();
            await expect
              .poll(() => page.getByTestId('reference-problem').textContent())
              .toBe('编号有一位不对，请核对回执。');
            // Said as every flow says a field's problem (the kit's look), right under the number typed;
            // the number and the keys that type it point at it. (The pad stands beside, not below, on this screen.)
            const typed = page.getByTestId('reference-display');
            const problem = page.getByTestId('reference-problem').getByTestId('field-problem');
            const [typedBox, problemBox] = [(await typed.boundingBox())!, (await problem.boundingBox())!];
            expect(problemBox.y).toBeGreaterThanOrEqual(typedBox.y + typedBox.height - 1);
            const problemId = await problem.getAttribute('id');
            expect(await typed.getAttribute('aria-describedby')).toBe(problemId);
            expect(await page.getByTestId('reference-pad').getAttribute('aria-describedby')).toBe(problemId);
            expect(await page.getByTestId('status-result').count()).toBe(0);
            await check('status-wrong');

            // 结束使用: the rating, never stars alone — every score has its words.
            await page.getByTestId('session-finish').tap();
            const dialog = page.getByRole('dialog', { name: '您对这次服务满意吗？' });
            await dialog.waitFor();
            for (const word of ['很不满意', '不满意', '一般', '满意', '很满意'])
              await dialog.getByRole('button', { name: word, exact: true }).waitFor();
            if (mode === 'standard') {
              await dialog.getByRole('button', { name: '很满意', exact: true }).tap();
              await dialog.getByRole('button', { name: '解答清楚' }).tap();
              await check('rating', '.finish-rating');
              await dialog.getByRole('button', { name: '提交评价，结束使用' }).tap();
              await page.getByTestId('attract').waitFor();
              await expect.poll(() => outboxRows('rating').length).toBe(ratingsBefore + 1);
              const rating = JSON.parse(outboxRows('rating').at(-1)!.payload) as unknown;
              expect(rating).toEqual({ subject: 'mediation', score: 5, reasons: ['clear-answer'] });
            } else {
              await check('rating', '.finish-rating');
              // Leaving is one tap.
              await dialog.getByRole('button', { name: '跳过，直接结束' }).tap();
              await page.getByTestId('attract').waitFor();
              await new Promise((r) => setTimeout(r, 500));
              expect(outboxRows('rating').length).toBe(ratingsBefore);
            }
            // A new session: nothing of the request is on screen, and the next 结束使用 ends at once.
            await wakeKiosk(page);
            await page.getByTestId('home').waitFor();
            expect(await page.getByText(reference).count()).toBe(0);
            await page.getByTestId('session-finish').tap();
            await page.getByTestId('attract').waitFor();
            expect(errors).toEqual([]);
          } finally {
            await context.close();
          }
        },
      );
    });
  }
}

describe('查询办理进度 in a later session', () => {
  it(
    'shows the state but offers no reprint of a receipt submitted in another session',
    { timeout: 60_000 },
    async () => {
      const reference = runs[0]?.reference ?? outboxRows('mediation-request')[0]!.reference;
      const { context, page } = await openHome(browser, kiosk, PORTRAIT);
      try {
        await page.getByRole('button', { name: /^调解申请/ }).tap();
        await page.getByTestId('status-lookup').tap();
        for (const ch of reference.replace(/-/g, '')) await page.getByTestId(`ref-key-${ch}`).tap();
        await page.getByTestId('ref-lookup').tap();
        await page.getByTestId('status-result').waitFor();
        expect(await page.getByTestId('status-kind').textContent()).toBe('调解申请');
        expect(await page.getByTestId('receipt-reprint').count()).toBe(0);
        expect(await page.getByTestId('status-result').textContent()).toContain('回执只能在提交后、离开机器前补打');
      } finally {
        await context.close();
      }
    },
  );
});

describe('the rating at 结束使用 never keeps anyone', () => {
  it(
    'asks after an answer was read; the idle countdown ends the session over it and nothing is stored',
    { timeout: 90_000 },
    async () => {
      const context = await browser.newContext({
        viewport: LANDSCAPE,
        hasTouch: true,
        isMobile: false,
        locale: 'zh-CN',
      });
      const page = await context.newPage();
      try {
        // The app's timers run on Playwright's clock: the 120 s idle wait takes no real time.
        await page.clock.install();
        await page.goto(kiosk.url);
        await wakeKiosk(page);
        await page.getByTestId('home').waitFor();
        const ratingsBefore = outboxRows('rating').length;
        await page.getByRole('button', { name: /^智能咨询/ }).tap();
        await page.getByRole('button', { name: /^劳动工资/ }).tap();
        await page.getByRole('button', { name: '老板拖欠工资' }).tap();
        await page.locator('main .choice-list button').first().tap();
        await page.getByTestId('answer').waitFor();
        await page.getByRole('heading', { name: '法律依据' }).waitFor();

        await page.getByTestId('session-finish').tap();
        await page.getByTestId('finish-rating').waitFor();
        await page.clock.runFor(120_000);
        await page.getByTestId('session-countdown').waitFor();
        await page.clock.runFor(30_000);
        await page.getByTestId('attract').waitFor();
        expect(await page.getByTestId('finish-rating').count()).toBe(0);
        expect(outboxRows('rating').length).toBe(ratingsBefore);
      } finally {
        await context.close();
      }
    },
  );
});

describe('usage figures', () => {
  it('the usage route takes screen events and refuses personal data as a key', async () => {
    expect((await post('/api/usage', { metric: 'calculator', key: 'overtime-pay' })).status).toBe(200);
    expect((await post('/api/usage', { metric: 'consultation', key: 'labour-wages/unpaid-wages' })).status).toBe(200);
    expect((await post('/api/usage', { metric: 'consultation', key: '13812345678' })).status).toBe(400);
    // Submissions are counted by the service when stored, never through this route.
    expect((await post('/api/usage', { metric: 'mediation-request', key: 'neighbour' })).status).toBe(400);
  });

  it('kioskctl stats --json shows the requests, ratings and screen events of today', { timeout: 30_000 }, async () => {
    const r = await kioskctl('stats', '--json', '--days', '1', '--data-dir', dataDir);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      rows: { metric: string; key: string; count: number }[];
      totals: Record<string, number>;
    };
    const count = (metric: string, key: string) =>
      out.rows.find((x) => x.metric === metric && x.key === key)?.count ?? 0;
    const ratedRuns = runs.filter((x) => x.mode === 'standard').length;
    expect(count('mediation-request', 'neighbour')).toBe(runs.length);
    expect(count('rating', 'mediation:5')).toBe(ratedRuns);
    expect(count('calculator', 'overtime-pay')).toBe(1);
    // One from the route above, one from the answer opened in the test before.
    expect(count('consultation', 'labour-wages/unpaid-wages')).toBe(2);
    expect(out.totals).toMatchObject({ 'mediation-request': runs.length, rating: ratedRuns, calculator: 1 });
    expect(runs.length).toBe(4);
  });
});

describe('a field with a problem, and a reprint that fails', () => {
  const step = (page: Page, name: string) =>
    expect.poll(() => page.getByTestId('mediation').getAttribute('data-step')).toBe(name);

  /** 调解申请 → 开始 → 邻里纠纷 → 噪音扰民 → 下一步: the applicant step. */
  async function toApplicant(page: Page): Promise<void> {
    await page.getByRole('button', { name: /^调解申请/ }).tap();
    await page.getByTestId('mediation-start').tap();
    await step(page, 'category');
    await page.getByRole('button', { name: '邻里纠纷' }).tap();
    await step(page, 'situation');
    await page.getByRole('button', { name: '噪音扰民' }).tap();
    await page.getByTestId('mediation-next').tap();
    await step(page, 'applicant');
  }

  it('shows what is wrong with a field between its label and the field', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openHome(browser, kiosk, PORTRAIT);
    try {
      await toApplicant(page);
      await page.getByTestId('mediation-next').tap();
      await expectProblemAboveInput(page, page.getByTestId('applicant-name'));
      await expectProblemAboveInput(page, page.getByTestId('applicant-phone'));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it(
    'says so in words when the receipt cannot be printed again, after 提交 and on 查询办理进度',
    { timeout: 180_000 },
    async () => {
      const { context, page, errors } = await openHome(browser, kiosk, PORTRAIT);
      try {
        // The printer is out of paper and its queue full: the receipt finds no room, nor will a reprint.
        await fillPrintQueue(kiosk);
        await toApplicant(page);
        await page.getByTestId('applicant-name').tap();
        await typePinyin(page, 'zhangsan', APPLICANT.name);
        await done(page);
        await page.getByTestId('applicant-phone').tap();
        await typeDigits(page, APPLICANT.phone);
        await done(page);
        await page.getByTestId('mediation-next').tap();
        await step(page, 'other-party');
        await page.getByTestId('other-name').tap();
        await typePinyin(page, 'loushang', '楼上');
        await done(page);
        await page.getByTestId('mediation-next').tap();
        await step(page, 'amount');
        await page.getByTestId('amount-skip').tap();
        await step(page, 'availability');
        await page.getByRole('button', { name: '周末' }).tap();
        await step(page, 'consent');
        await page.getByTestId('consent-agree').tap();
        await step(page, 'review');
        await page.getByTestId('mediation-submit').tap();
        await step(page, 'done');
        const reference = (await page.getByTestId('submission-reference').textContent())!;

        // Not queued: the receipt says so, the reprint is offered, and refused.
        expect(await page.getByTestId('receipt-status').getAttribute('data-phase')).toBe('failed');
        await page.getByTestId('receipt-reprint').tap();
        const failed = page.getByTestId('reprint-failed');
        await failed.waitFor({ timeout: 10_000 });
        expect(await failed.textContent()).toContain('没有补打成功');

        // 查询办理进度 in the same session offers the reprint too, and says the same when it fails.
        await page.getByTestId('nav-home').tap();
        await page.getByRole('button', { name: /^调解申请/ }).tap();
        await page.getByTestId('status-lookup').tap();
        for (const ch of reference.replace(/-/g, '')) await page.getByTestId(`ref-key-${ch}`).tap();
        await page.getByTestId('ref-lookup').tap();
        await page.getByTestId('status-result').waitFor();
        expect(await page.getByTestId('reprint-failed').count()).toBe(0);
        await page.getByTestId('receipt-reprint').tap();
        await failed.waitFor({ timeout: 10_000 });
        expect(await failed.textContent()).toContain('没有补打成功');
        // The only thing the browser logged: the service's 503 to the reprint.
        expect(errors.filter((e) => !e.includes('status of 503'))).toEqual([]);
      } finally {
        await context.close();
        await emptyPrintQueue(kiosk);
      }
    },
  );
});
