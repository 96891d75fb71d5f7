import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { customPinyin, pinyin } from 'pinyin-pro';
import { isCjk } from './normalize';

/**
 * Turns Chinese text into the tokens of the search index, the same way at
 * content-build time and at query time: the builder and the service's search
 * both import this module.
 *
 * - words: jieba's search-mode segmentation, with our legal and colloquial
 *   lexicon so 劳动报酬, 讨薪, 人身安全保护令 stay whole; two-character queries
 *   (离婚, 欠薪) match, unlike FTS5's trigram tokenizer.
 * - bigrams: every pair of adjacent Han characters, a recall fallback for
 *   words the segmenter splits differently.
 * - pinyin: toneless full pinyin and initials of a word (离婚 → lihun, lh),
 *   for the on-screen keyboard.
 */
export interface Analyzer {
  words(text: string): string[];
  /** Query-time segmentation: plain cut (no overlapping sub-words). */
  cut(text: string): string[];
  bigrams(text: string): string[];
}

export function createAnalyzer(lexicon?: Uint8Array): Analyzer {
  const jieba = Jieba.withDict(dict);
  if (lexicon !== undefined && lexicon.length > 0) jieba.loadDict(lexicon);
  const keep = (t: string): boolean => /[\p{L}\p{N}]/u.test(t);
  return {
    words: (text) =>
      jieba
        .cutForSearch(text, true)
        .map((t) => t.trim().toLowerCase())
        .filter(keep),
    cut: (text) =>
      jieba
        .cut(text, true)
        .map((t) => t.trim().toLowerCase())
        .filter(keep),
    bigrams: (text) => hanBigrams(text),
  };
}

export function hanBigrams(text: string): string[] {
  const out: string[] = [];
  const chars = [...text];
  for (let i = 0; i + 1 < chars.length; i++) {
    if (isCjk(chars[i]!) && isCjk(chars[i + 1]!)) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

export interface WordPinyin {
  full: string;
  initials: string;
}

// 还 reads hái (still) unless a word says otherwise; in the words for paying a debt
// back it is huán, and that is how people type them (huankuan, qiankuanbuhuan).
// The reading is set once for everything this process reads as pinyin.
customPinyin({
  还款: 'huán kuǎn',
  还钱: 'huán qián',
  还债: 'huán zhài',
  还清: 'huán qīng',
  还贷: 'huán dài',
  还本: 'huán běn',
  不还: 'bù huán',
  没还: 'méi huán',
  要还: 'yào huán',
});

/** 离婚 → {full: 'lihun', initials: 'lh'}; lǘ is written v as on keyboards (律师 → lvshi). */
export function wordPinyin(word: string): WordPinyin {
  const syllables = pinyin(word, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' }) as string[];
  return { full: syllables.join(''), initials: syllables.map((s) => s[0] ?? '').join('') };
}
