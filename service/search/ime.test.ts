import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openContentDb } from '../content/content-db';
import { PinyinIme } from './ime';

// The kiosk's content release, built by `npm test` (and `npm run content:build`) before the tests run.
const RELEASE = join(import.meta.dirname, '..', '..', 'dist', 'content', 'content.db');

describe('pinyin keyboard candidates (shipped release)', () => {
  const { db } = openContentDb(RELEASE);
  const ime = new PinyinIme(db);
  const first = (input: string) => ime.candidates(input).candidates[0]?.text;

  it.each([
    ['falv', '法律'],
    ['lvshi', '律师'],
    ['falvyuanzhu', '法律援助'],
    ['flyz', '法律援助'],
    ['lihun', '离婚'],
    ['laodonghetong', '劳动合同'],
  ])('%s → %s first', (input, word) => {
    expect(first(input)).toBe(word);
  });

  it('offers completions and partial conversions that say what they consume', () => {
    const r = ime.candidates('falvyuan', 0, 20);
    expect(r.candidates.map((c) => c.text)).toContain('法律援助');
    const partial = ime.candidates('falvx', 0, 50).candidates.find((c) => c.text === '法律');
    expect(partial?.consumes).toBe(4);
  });

  it('pages through candidates and ignores what is not a letter', () => {
    const p0 = ime.candidates("fa'lv", 0, 3);
    expect(p0.input).toBe('falv');
    expect(p0.hasMore).toBe(true);
    const p1 = ime.candidates('falv', 1, 3);
    expect(p1.candidates.map((c) => c.text)).not.toContain(p0.candidates[0]?.text);
    expect(ime.candidates('123 ').candidates).toEqual([]);
  });
});
