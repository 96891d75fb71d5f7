import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { wordPinyin } from '../analysis/analyzer';

/**
 * Words for the on-screen pinyin keyboard, from open word lists shipped in
 * npm packages: jieba's dictionary (349k words with corpus frequencies; the
 * common ones are kept) read with pinyin-pro, plus every single character
 * that appears in them, plus our own legal words — boosted, because at a
 * legal kiosk 律师 should come before 律诗.
 */
export interface ImeEntry {
  word: string;
  pinyin: string;
  initials: string;
  weight: number;
}

/** jieba frequency below which a word is too rare to offer (keeps ~67k words). */
const MIN_FREQUENCY = 30;
/** Added to a legal word's weight (weights are natural logs of frequency). */
const LEGAL_BOOST = 4;

export function buildImeDictionary(legalWords: Iterable<string>): ImeEntry[] {
  const require = createRequire(import.meta.url);
  const dictPath = require.resolve('@node-rs/jieba/dict.txt');
  const freq = new Map<string, number>();
  for (const line of readFileSync(dictPath, 'utf8').split('\n')) {
    const [word, f] = line.split(' ');
    const n = Number(f);
    if (word === undefined || !/^\p{Script=Han}+$/u.test(word) || !Number.isFinite(n)) continue;
    if ([...word].length === 1 || n >= MIN_FREQUENCY) freq.set(word, Math.max(freq.get(word) ?? 0, n));
    // Every character of a kept word is offered too, for spelling out names and rare words.
    if (n >= MIN_FREQUENCY) for (const ch of word) if (!freq.has(ch)) freq.set(ch, 1);
  }
  const legal = new Set([...legalWords].filter((w) => /^\p{Script=Han}+$/u.test(w)));
  const entries = new Map<string, ImeEntry>();
  const add = (word: string, weight: number): void => {
    const { full, initials } = wordPinyin(word);
    if (full === '') return;
    const key = `${full}\u0000${word}`;
    const prev = entries.get(key);
    if (prev === undefined || prev.weight < weight) entries.set(key, { word, pinyin: full, initials, weight });
  };
  for (const [word, n] of freq) add(word, Math.log1p(n) + (legal.has(word) ? LEGAL_BOOST : 0));
  const maxWeight = Math.log1p(Math.max(...freq.values()));
  for (const word of legal) if (!freq.has(word)) add(word, maxWeight / 2 + LEGAL_BOOST);
  return [...entries.values()];
}
