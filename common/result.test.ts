import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from './result';

function half(n: number): Result<number, 'odd'> {
  return n % 2 === 0 ? ok(n / 2) : err('odd');
}

describe('Result', () => {
  it('carries the value of a success and the error of a failure', () => {
    expect(half(4)).toEqual({ ok: true, value: 2 });
    expect(half(3)).toEqual({ ok: false, error: 'odd' });
  });

  it('narrows on ok, so the value or the error is read without a cast', () => {
    const results = [half(10), half(7)];
    const read = results.map((r) => (r.ok ? `value ${r.value + 1}` : `error ${r.error.toUpperCase()}`));
    expect(read).toEqual(['value 6', 'error ODD']);
  });
});
