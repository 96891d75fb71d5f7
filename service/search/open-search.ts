import type { Database } from 'better-sqlite3';
import { createAnalyzer } from '../../content/analysis/analyzer';
import { SearchEngine } from './search-engine';

/** A search engine over an open content release, with the vocabulary the release was indexed with. */
export function openSearch(db: Database): SearchEngine {
  const lexicon = (db.prepare('SELECT line FROM search_lexicon').all() as { line: string }[])
    .map((r) => r.line)
    .join('\n');
  const synonyms = (
    db.prepare('SELECT phrase, expand FROM search_synonyms').all() as { phrase: string; expand: string }[]
  ).map((r) => ({
    terms: [r.phrase],
    expand: JSON.parse(r.expand) as string[],
  }));
  const stopwords = new Set(
    (db.prepare('SELECT word FROM search_stopwords').all() as { word: string }[]).map((r) => r.word),
  );
  return new SearchEngine({ db, analyzer: createAnalyzer(Buffer.from(lexicon, 'utf8')), synonyms, stopwords });
}
