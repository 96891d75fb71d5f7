import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SubmitResponse } from '../../common/api/submissions';
import type { KioskCaseStatus } from '../../common/hub/cases';
import { expectAccessible, type Mode } from './a11y';
import { typePhoneDigits, typeReference } from './case-status-flow';
import { useKiosk } from './fixture';
import { callApi, LANDSCAPE, openHome, PORTRAIT } from './harness';

/**
 * 查询进度 by touch on the real service in Debian's Chromium, in portrait
 * (standard mode) and landscape (长辈模式), on a kiosk whose hub cannot be
 * asked: from the legal-aid start screen, the reference on its pad, the
 * phone's last four digits on the number pad; wrong digits are refused in
 * plain words, and too many wrong tries are stopped; an application still in
 * this kiosk's outbox says it has not reached the office yet; a case whose
 * status this kiosk learned earlier shows that status in plain words with
 * the next step, saying when it was learned, and prints as a slip. Every
 * screen passes axe and the size rules.
 *
 * The hub's answers themselves (found, pushed) are tested against the
 * service in service/case-status/case-status-routes.test.ts; here the case
 * whose status the kiosk knows is left in records.db as delivery and the
 * hub's push leave it (payload deleted, status kept), since this kiosk has
 * no hub.
 */
const work = mkdtempSync(join(tmpdir(), 'kiosk-case-status-e2e-'));
const dataDir = join(work, 'data');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const { kiosk, browser } = useKiosk({ browser: true, dataDir });

const PHONE = '13812344826';
const RIGHT = '4826';
const CONSENT = { agreed: true, noticeVersion: 'legal-aid-notice-1', at: '2026-03-14T10:20:00+08:00' };

let waiting: string;
let known: string;

async function submit(kind: 'legal-aid-application' | 'mediation-request', payload: unknown): Promise<string> {
  const answer = await callApi<SubmitResponse>(kiosk, '/api/submissions', {
    kind,
    payload,
    idempotencyKey: randomUUID(),
  });
  return answer.reference;
}

beforeAll(async () => {
  waiting = await submit('legal-aid-application', {
    applicant: { name: '张三', idNumber: '420111199001011234', phone: PHONE, idSource: 'typed' },
    matter: { category: 'labour-wages', summary: '拖欠工资三个月。' },
    consent: CONSENT,
  });
  known = await submit('legal-aid-application', {
    applicant: { name: '李四', idNumber: '420111199202021234', phone: PHONE, idSource: 'typed' },
    matter: { category: 'labour-wages', summary: '工伤赔偿。' },
    consent: CONSENT,
  });
  // As delivery and then the hub's push leave it: payload gone, the phone-suffix hash and the status kept.
  const status: KioskCaseStatus = {
    reference: known,
    kind: 'legal-aid-application',
    receivedAt: '2026-12-01T02:00:00.000Z',
    changedAt: '2026-12-03T02:00:00.000Z',
    current: {
      status: 'needs-materials',
      details: { missing: '收入证明', deadline: '2026-12-20', where: '区法律援助中心一号窗口' },
    },
  };
  const db = new Database(join(dataDir, 'records.db'));
  try {
    db.pragma('busy_timeout = 2000');
    db.prepare("UPDATE outbox SET delivered_at = ?, payload = 'null', next_attempt_at = NULL WHERE reference = ?").run(
      '2026-12-01T02:00:00.000Z',
      known,
    );
    db.prepare(
      'INSERT INTO case_status_cache (reference, kind, status, changed_at, learned_at) VALUES (?, ?, ?, ?, ?)',
    ).run(known, status.kind, JSON.stringify(status), status.changedAt, '2026-12-04T01:30:00.000Z');
  } finally {
    db.close();
  }
});

const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });

for (const [orientation, viewport, mode] of [
  ['portrait', PORTRAIT, 'standard'],
  // Last: it ends with too many wrong tries, which the service refuses for a minute.
  ['landscape', LANDSCAPE, 'elderly'],
] as const) {
  describe(`查询进度, ${orientation}, ${mode === 'elderly' ? '长辈模式' : 'standard mode'}`, () => {
    it(
      'by reference and the phone’s last four digits, offline: waiting here, last known, wrong digits, too many',
      {
        timeout: 240_000,
      },
      async () => {
        const { context, page, errors } = await openHome(browser, kiosk, viewport, { forAxe: true });
        const check = async (screen: string): Promise<void> => {
          await expectAccessible(page, mode as Mode, `${orientation}-${mode}-case-status-${screen}`);
        };
        try {
          if (mode === 'elderly') {
            await page.getByTestId('elderly-toggle').tap();
            await expect.poll(() => page.evaluate(() => document.documentElement.dataset['mode'])).toBe('elderly');
          }
          await page.getByTestId('tile-legalAid').tap();
          await page.getByTestId('case-status-lookup').tap();
          await expect.poll(() => heading1(page).textContent()).toBe('查询进度');
          await check('reference');

          // A submission still in this kiosk's outbox: wrong digits are refused, the right ones say it has not reached the office.
          await typeReference(page, waiting);
          expect(await page.getByTestId('case-status-entered-reference').textContent()).toContain(waiting);
          await check('digits');
          await typePhoneDigits(page, '0000');
          await expect
            .poll(() => page.getByTestId('case-status-problem').textContent())
            .toBe('没有找到。请核对参考编号和手机号码后 4 位。');
          // The digits typed are cleared, and the screen never shows them back.
          expect(await page.getByTestId('digits-display').textContent()).not.toContain('0000');
          await check('wrong');
          await typePhoneDigits(page, RIGHT);
          await page.getByTestId('case-status-not-delivered').waitFor();
          expect(await page.getByTestId('case-status-result').textContent()).toContain('还没有送到办理机构');
          await check('not-delivered');

          // A case whose status this kiosk learned: shown in plain words, saying when, with the next step.
          await page.getByTestId('case-status-another').tap();
          await typeReference(page, known);
          await typePhoneDigits(page, RIGHT);
          await page.getByTestId('case-status-offline').waitFor();
          expect(await page.getByTestId('case-status-offline').textContent()).toMatch(
            /^现在无法查询最新进度，以下是 2026年12月4日 \d\d:30 时的进度。$/,
          );
          expect(await page.getByTestId('case-status-label').textContent()).toBe('需补充材料');
          expect(await page.getByTestId('case-status-words').textContent()).toBe('需补充材料：收入证明。');
          expect(await page.getByTestId('case-status-next').textContent()).toContain(
            '请于 2026年12月20日 前到 区法律援助中心一号窗口 提交。',
          );
          expect(await page.getByTestId('case-status-kind').textContent()).toBe('法律援助申请');
          await check('offline-last-known');

          // In English, the same status and next step in English words (the office's own words stay as written).
          if (orientation === 'portrait') {
            await page.getByTestId('language-switch').tap();
            await expect.poll(() => page.getByTestId('case-status-label').textContent()).toBe('More documents needed');
            expect(await page.getByTestId('case-status-words').textContent()).toBe('More documents needed: 收入证明.');
            expect(await page.getByTestId('case-status-next').textContent()).toContain(
              'Please bring them to 区法律援助中心一号窗口 by 20 December 2026.',
            );
            expect(await page.getByTestId('case-status-offline').textContent()).toMatch(
              /^The latest progress cannot be checked right now\. This is how it stood on 4 December 2026, \d\d:30\.$/,
            );
            await check('offline-last-known-en');
            await page.getByTestId('language-switch').tap();
            await expect.poll(() => page.getByTestId('case-status-label').textContent()).toBe('需补充材料');
          }

          // The progress on paper: the print screen previews the same words.
          await page.getByTestId('print-button').tap();
          await page.getByTestId('print').waitFor();
          await expect.poll(() => page.getByTestId('print').textContent()).toContain('需补充材料：收入证明。');
          await page.getByTestId('nav-back').tap();
          await page.getByTestId('case-status-result').waitFor();

          if (orientation === 'portrait') {
            expect(errors).toEqual([]);
            return;
          }
          // Wrong digits again and again: stopped before the digits can be guessed (counted for the whole kiosk, so
          // within this minute the earlier wrong try counts too), in plain words.
          await page.getByTestId('case-status-another').tap();
          await typeReference(page, waiting);
          let tries = 0;
          // Read without waiting: before the first try there is no problem shown at all.
          const problemShown = async (): Promise<string | null> => {
            const problem = page.getByTestId('case-status-problem');
            return (await problem.count()) === 0 ? null : problem.getAttribute('data-problem');
          };
          while ((await problemShown()) !== 'too-many') {
            expect(tries, 'refused by the fifth wrong try within a minute').toBeLessThan(5);
            await typePhoneDigits(page, '1111');
            tries += 1;
            await expect.poll(() => page.getByTestId('case-status-problem').count()).toBe(1);
          }
          expect(await page.getByTestId('case-status-problem').textContent()).toMatch(
            /^输错的次数太多了。为了保护申请人的信息，请 \d+ 秒后再试。$/,
          );
          // Even the right digits wait now.
          await typePhoneDigits(page, RIGHT);
          await expect
            .poll(() => page.getByTestId('case-status-problem').getAttribute('data-problem'))
            .toBe('too-many');
          await check('too-many');
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );
  });
}
