import { describe, expect, it } from 'vitest';
import { LogBudget } from './log-budget';

describe('the budget of logged refusals', () => {
  it('logs up to its number a window, counts the rest, and tells the count with the next window', () => {
    let now = 0;
    const lines: string[] = [];
    const budget = new LogBudget(
      3,
      60_000,
      (skipped) => lines.push(`skipped ${skipped}`),
      () => now,
    );
    for (let i = 0; i < 10; i++) budget.note(() => lines.push(`line ${i}`));
    expect(lines).toEqual(['line 0', 'line 1', 'line 2']);
    now = 59_999;
    budget.note(() => lines.push('still the same window'));
    expect(lines).toHaveLength(3);
    now = 60_000;
    budget.note(() => lines.push('next window'));
    expect(lines.slice(3)).toEqual(['skipped 8', 'next window']);
  });
});
