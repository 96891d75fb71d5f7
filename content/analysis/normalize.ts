/**
 * What a citizen typed, made safe and comparable: full-width forms folded
 * (NFKC: Ａ→A, ０→0), lower case, control and format characters removed,
 * whitespace collapsed, and cut to a length no real question needs. Anything
 * at all can come in — 2,000 characters, emoji, FTS syntax — and something
 * plain always comes out.
 */
export const MAX_QUERY_CHARS = 64;

export function normalizeQuery(raw: string): string {
  const folded = raw.normalize('NFKC').toLowerCase();
  const cleaned = folded
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...cleaned].slice(0, MAX_QUERY_CHARS).join('').trim();
}

const CJK = /\p{Script=Han}/u;
export const isCjk = (ch: string): boolean => CJK.test(ch);

export type Run = { kind: 'cjk'; text: string } | { kind: 'latin'; text: string } | { kind: 'digits'; text: string };

/**
 * Splits a query into runs the search treats differently: Chinese text,
 * Latin letters (pinyin from the on-screen keyboard) and numbers. Everything
 * else (punctuation, emoji, FTS operators) separates runs and is dropped.
 */
export function splitRuns(query: string): Run[] {
  const runs: Run[] = [];
  for (const m of query.matchAll(/(\p{Script=Han}+)|([a-z]+)|(\d+)/gu)) {
    if (m[1] !== undefined) runs.push({ kind: 'cjk', text: m[1] });
    else if (m[2] !== undefined) runs.push({ kind: 'latin', text: m[2] });
    else if (m[3] !== undefined) runs.push({ kind: 'digits', text: m[3] });
  }
  return runs;
}
