import type { Database } from 'better-sqlite3';
import { createAnalyzer, type Analyzer } from '../../content/analysis/analyzer';
import { SearchEngine } from './search-engine';

/**
 * The analyzer of the last vocabulary loaded. Loading the segmentation
 * dictionary is most of a search engine's start (a few hundred
 * milliseconds); a release checked at install, checked again at the switch
 * and served afterwards carries the same vocabulary, so it is loaded once.
 * The analyzer only reads its dictionary once loaded, so engines share it.
 */
let lastAnalyzer: { lexicon: string; analyzer: Analyzer } | undefined;

function analyzerFor(lexicon: string): Analyzer {
  if (lastAnalyzer?.lexicon !== lexicon)
    lastAnalyzer = { lexicon, analyzer: createAnalyzer(Buffer.from(lexicon, 'utf8')) };
  return lastAnalyzer.analyzer;
}

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
  // Kept in meta, so a release built before the list existed still opens (with none).
  const fillersJson = (
    db.prepare("SELECT value FROM meta WHERE key = 'search_fillers'").get() as { value: string } | undefined
  )?.value;
  const fillers = new Set(fillersJson === undefined ? [] : (JSON.parse(fillersJson) as string[]));
  return new SearchEngine({ db, analyzer: analyzerFor(lexicon), synonyms, stopwords, fillers });
}
