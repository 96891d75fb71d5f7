import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import Database, { type Database as Db } from 'better-sqlite3';
import { articleKey, type Ranked } from './search-relevance';

/**
 * The plain way to search Chinese text, measured beside the kiosk's search on
 * the same documents: jieba's own dictionary, search-mode segmentation of each
 * FAQ, guide and article into one FTS5 column, and the query's words OR-ed and
 * ranked by bm25. No synonyms, lexicon, stopwords, pinyin or citations.
 */
export interface Bm25Baseline {
  search(query: string): Ranked;
  close(): void;
}

export function buildBm25Baseline(release: Db): Bm25Baseline {
  const jieba = Jieba.withDict(dict);
  const words = (text: string): string[] =>
    jieba
      .cutForSearch(text, true)
      .map((t) => t.trim().toLowerCase())
      .filter((t) => /[\p{L}\p{N}]/u.test(t));
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE doc USING fts5(text, tokenize = 'unicode61')");
  db.exec('CREATE TABLE doc_ref (rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL)');
  const insText = db.prepare('INSERT INTO doc (rowid, text) VALUES (?, ?)');
  const insRef = db.prepare('INSERT INTO doc_ref (rowid, kind, key) VALUES (?, ?, ?)');
  let row = 0;
  const add = (kind: string, key: string, text: string): void => {
    row++;
    insText.run(row, words(text).join(' '));
    insRef.run(row, kind, key);
  };
  db.transaction(() => {
    for (const f of release.prepare('SELECT id, question, answer FROM faq').iterate() as Iterable<{
      id: string;
      question: string;
      answer: string;
    }>)
      add('faq', f.id, `${f.question}\n${f.answer}`);
    for (const g of release.prepare('SELECT id, title, summary, steps FROM guides').iterate() as Iterable<{
      id: string;
      title: string;
      summary: string;
      steps: string;
    }>)
      add('guide', g.id, `${g.title}\n${g.summary}\n${g.steps}`);
    for (const a of release
      .prepare('SELECT a.number, a.headings, a.text, l.title FROM articles a JOIN laws l ON l.id = a.law_id')
      .iterate() as Iterable<{ number: string; headings: string; text: string; title: string }>)
      add('article', articleKey(a.title, a.number), `${a.headings}\n${a.text}`);
  })();
  const ranked = db.prepare(
    'SELECT r.kind, r.key FROM doc JOIN doc_ref r ON r.rowid = doc.rowid WHERE doc MATCH ? ORDER BY bm25(doc) LIMIT 50',
  );
  return {
    search(query) {
      const terms = [...new Set(words(query))];
      if (terms.length === 0) return { articles: [], firstScreen: new Set() };
      const rows = ranked.all(terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ')) as {
        kind: string;
        key: string;
      }[];
      const articles = rows.filter((r) => r.kind === 'article').map((r) => r.key);
      return { articles, firstScreen: new Set(rows.slice(0, 5).flatMap((r) => (r.kind === 'article' ? [r.key] : []))) };
    },
    close: () => db.close(),
  };
}
