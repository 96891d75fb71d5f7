import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SubmitResponse } from '../../common/api/submissions';
import { apiAnswer, callApi, type RunningKiosk } from './harness';

/**
 * Checks every form-filling flow shares (法律援助, 调解申请, 查询办理进度):
 * where a field's problem is shown, and a reprint the service refuses for real.
 */

/**
 * What is wrong with a field is said in one place in every flow: under its
 * label, above its control — in the DOM (so 朗读 and screen readers read it
 * in that order) and on screen (so the docked keyboard never hides it) — and
 * the control points at it (aria-describedby).
 */
export async function expectProblemBetween(label: Locator, problem: Locator, control: Locator): Promise<void> {
  const order = await problem.evaluate(
    (p, [l, c]) => [
      Boolean(l!.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING),
      Boolean(p.compareDocumentPosition(c!) & Node.DOCUMENT_POSITION_FOLLOWING),
    ],
    [await label.elementHandle(), await control.elementHandle()],
  );
  expect(order, 'label, then problem, then control').toEqual([true, true]);
  const [l, p, c] = [(await label.boundingBox())!, (await problem.boundingBox())!, (await control.boundingBox())!];
  expect(l.y + l.height, 'label above the problem').toBeLessThanOrEqual(p.y + 1);
  expect(p.y + p.height, 'problem above the control').toBeLessThanOrEqual(c.y + 1);
  const problemId = await problem.getAttribute('id');
  expect(problemId, 'the problem has an id').toBeTruthy();
  expect((await control.getAttribute('aria-describedby'))?.split(' '), 'the control points at it').toContain(problemId);
}

/** {@link expectProblemBetween} for a typed input: its label and problem found from the input itself. */
export async function expectProblemAboveInput(page: Page, input: Locator): Promise<void> {
  const inputId = (await input.getAttribute('id'))!;
  const described = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id !== '');
  expect(described.length, 'aria-describedby').toBeGreaterThan(0);
  const problem = page.locator(described.map((id) => `[id="${id}"][data-testid="field-problem"]`).join(', '));
  await expect.poll(() => problem.count(), { message: 'the problem the input points at' }).toBe(1);
  const label = page.locator(`label[for="${inputId}"]`);
  expect(await label.count(), 'the label').toBe(1);
  await expectProblemBetween(label, problem, input);
}

const article = (i: number) => ({
  title: '法条',
  receipt: { blocks: [{ type: 'text', text: `ARTICLE ${i} ${'条'.repeat(1000)}` }, { type: 'cut' }] },
});
const application = {
  kind: 'legal-aid-application',
  payload: {
    applicant: { name: '张三丰', idNumber: '420111199001011234', phone: '13812345678', idSource: 'card' },
    matter: { category: 'labour-wages', summary: '公司拖欠三个月工资' },
    consent: { agreed: true, noticeVersion: 'pipl-2025-01', at: '2025-03-14T10:20:00+08:00' },
  },
  receipt: {
    blocks: [{ type: 'pair', label: '参考编号', value: '{{reference}}' }, { type: 'cut' }],
  },
};

async function printerState(kiosk: RunningKiosk): Promise<string | undefined> {
  const { devices } = await callApi<{ devices: { device: string; state?: string }[] }>(kiosk, '/api/devices');
  return devices.find((d) => d.device === 'receiptPrinter')?.state;
}

/**
 * Fills the service's bounded print queue for real: the simulated printer out
 * of paper, articles until the queue answers 503, then stored submissions
 * until one's receipt finds no room in the reserve either. From then on a
 * reprint is refused (503) until the session ends. Call it once the page is
 * on screen: a page that loads ends the session before it, queue and all.
 */
export async function fillPrintQueue(kiosk: RunningKiosk): Promise<void> {
  await callApi(kiosk, '/api/simulate', { printer: { paper: 'out' } });
  await expect.poll(() => printerState(kiosk), { timeout: 5000 }).toBe('paper-out');
  let full = false;
  for (let i = 0; i < 100 && !full; i++) {
    const r = await apiAnswer(kiosk, '/api/print', article(i));
    expect([200, 503]).toContain(r.status);
    full = r.status === 503;
  }
  expect(full, 'the queue for articles is full').toBe(true);
  let unqueued = false;
  for (let i = 0; i < 50 && !unqueued; i++) {
    const r = await apiAnswer(kiosk, '/api/submissions', { ...application, idempotencyKey: randomUUID() });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    unqueued = SubmitResponse.parse(r.json).printJob === null;
  }
  expect(unqueued, 'the reserve for receipts is full').toBe(true);
}

/** Ends the session (what never printed leaves the queue) and puts paper back. */
export async function emptyPrintQueue(kiosk: RunningKiosk): Promise<void> {
  await callApi(kiosk, '/api/session/end', { reason: 'finish' });
  await callApi(kiosk, '/api/simulate', { printer: { paper: 'ok' } });
  await expect.poll(() => printerState(kiosk), { timeout: 5000 }).toBe('ready');
}
