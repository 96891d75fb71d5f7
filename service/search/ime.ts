import type { Database, Statement } from 'better-sqlite3';
import type { ImeResponse } from '../../common/api/ime';

/**
 * Pinyin to Chinese for the on-screen keyboard. What a citizen has typed so
 * far (falvyuanzhu, flyz, falv) becomes candidates in this order:
 *   1. words whose whole pinyin is the input (法律援助 for falvyuanzhu),
 *   2. words whose initials are the input (法律援助 for flyz),
 *   3. words the input is the beginning of (法律援助 for falvyuan),
 *   4. words for the longest beginning of the input that is a whole word
 *      (法律 for falvyuanzh…, consuming only "falv"),
 *   5. single characters for the first syllable;
 * each group by weight (frequency, legal words boosted). A candidate says
 * how many letters it consumes, so the keyboard keeps the rest.
 */
const MAX_INPUT = 40;
const PER_GROUP = 60;

export class PinyinIme {
  private readonly exact: Statement;
  private readonly initials: Statement;
  private readonly prefix: Statement;

  constructor(db: Database) {
    this.exact = db.prepare('SELECT word FROM ime WHERE pinyin = ? ORDER BY weight DESC LIMIT ?');
    this.initials = db.prepare(
      'SELECT word, pinyin FROM ime WHERE initials = ? AND length(word) > 1 ORDER BY weight DESC LIMIT ?',
    );
    this.prefix = db.prepare(
      "SELECT word, pinyin FROM ime WHERE pinyin > ? AND pinyin < ? || '{' ORDER BY weight DESC LIMIT ?",
    );
  }

  candidates(raw: string, page = 0, pageSize = 8): ImeResponse {
    const input = raw
      .toLowerCase()
      .replace(/[^a-z]/g, '')
      .slice(0, MAX_INPUT);
    if (input === '') return { input, candidates: [], hasMore: false };
    const seen = new Set<string>();
    const out: { text: string; consumes: number }[] = [];
    const push = (word: string, consumes: number): void => {
      if (seen.has(word)) return;
      seen.add(word);
      out.push({ text: word, consumes });
    };
    for (const r of this.exact.all(input, PER_GROUP) as { word: string }[]) push(r.word, input.length);
    if (input.length >= 2)
      for (const r of this.initials.all(input, PER_GROUP) as { word: string }[]) push(r.word, input.length);
    for (const r of this.prefix.all(input, input, PER_GROUP) as { word: string }[]) push(r.word, input.length);
    // Partial conversion: the longest beginning of the input that spells a whole word.
    for (let n = input.length - 1; n >= 1; n--) {
      const head = input.slice(0, n);
      const words = this.exact.all(head, PER_GROUP) as { word: string }[];
      if (words.length === 0) continue;
      for (const r of words) push(r.word, n);
      // Then the characters for that beginning, so a name can be spelt one character at a time.
      break;
    }
    const start = page * pageSize;
    return { input, candidates: out.slice(start, start + pageSize), hasMore: out.length > start + pageSize };
  }
}
