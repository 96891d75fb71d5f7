import { expect } from 'vitest';
import type { Locator } from 'playwright-core';

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
