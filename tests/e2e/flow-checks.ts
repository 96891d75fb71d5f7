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
 * The field's problem sits between its label and its input — in the document
 * and on screen, top to bottom — and the input points at it (aria-describedby),
 * so it stays in sight above the docked keyboard and is read with the field.
 */
export async function expectProblemAboveInput(page: Page, input: Locator): Promise<void> {
  const inputId = (await input.getAttribute('id'))!;
  const described = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id !== '');
  expect(described.length, 'aria-describedby').toBeGreaterThan(0);
  const problem = page.locator(described.map((id) => `[id="${id}"][data-testid="field-problem"]`).join(', '));
  await expect.poll(() => problem.count(), { message: 'the problem the input points at' }).toBe(1);
  const label = page.locator(`label[for="${inputId}"]`);
  expect(await label.count(), 'the label').toBe(1);

  const order = await page.evaluate(
    ({ inputId, problemId }) => {
      const input = document.getElementById(inputId)!;
      const problem = document.getElementById(problemId)!;
      const label = document.querySelector(`label[for="${CSS.escape(inputId)}"]`)!;
      const follows = (a: Node, b: Node) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      return { problemAfterLabel: follows(label, problem), inputAfterProblem: follows(problem, input) };
    },
    { inputId, problemId: (await problem.getAttribute('id'))! },
  );
  expect(order).toEqual({ problemAfterLabel: true, inputAfterProblem: true });

  const [l, p, i] = await Promise.all([label.boundingBox(), problem.boundingBox(), input.boundingBox()]);
  expect(p!.y, 'problem below the label').toBeGreaterThanOrEqual(l!.y + l!.height - 1);
  expect(i!.y, 'input below the problem').toBeGreaterThanOrEqual(p!.y + p!.height - 1);
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
