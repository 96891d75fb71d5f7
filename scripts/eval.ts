import { join } from 'node:path';
import { openContentDb } from '../service/content/content-db';
import { openSearch } from '../service/search/open-search';
import { buildBm25Baseline } from './lib/bm25-baseline';
import { buildContentIfStale } from './lib/build';
import { ROOT } from './lib/paths';
import {
  articleKey,
  loadQuestions,
  rankedOf,
  relevantKeys,
  score,
  summary,
  summaryByKind,
  titlesOfShortNames,
} from './lib/search-relevance';

/**
 * `npm run eval -- search`: relevance of the kiosk's search on the
 * evaluation set (content/eval). For each question, the articles a lawyer
 * would cite are looked for among the article hits:
 *   recall@k — share of a question's relevant articles among its first k article hits, averaged;
 *   MRR      — 1 / rank of the first relevant article hit (0 if none in the first 20), averaged.
 * `answered@5` also credits an article cited by a FAQ or guide hit in the
 * first 5 hits of any kind — what a citizen actually sees on the first screen.
 * The same questions go through a plain BM25 over jieba text (`baseline`); a
 * question it answers within 5 and the kiosk's search does not is listed.
 */
const which = process.argv[2];
if (which !== 'search') {
  process.stderr.write('usage: npm run eval -- search\n');
  process.exit(64);
}

await buildContentIfStale();
const { db, version } = openContentDb(join(ROOT, 'dist', 'content', 'content.db'));
const engine = openSearch(db);
const baseline = buildBm25Baseline(db);
const titles = titlesOfShortNames(db);
const questions = loadQuestions();
// Every cited article must be in the release: a typo in the set would silently count as a miss.
const inRelease = new Set(
  (
    db.prepare('SELECT l.title, a.number FROM articles a JOIN laws l ON l.id = a.law_id').all() as {
      title: string;
      number: string;
    }[]
  ).map((r) => articleKey(r.title, r.number)),
);

const ours = [];
const plain = [];
const missed: string[] = [];
for (const q of questions) {
  const relevant = relevantKeys(q, titles);
  for (const k of relevant) if (!inRelease.has(k)) throw new Error(`content/eval: ${q.query}: no article ${k}`);
  const mine = score(q, relevant, rankedOf(engine.search(q.query, 50)));
  const theirs = score(q, relevant, baseline.search(q.query));
  ours.push(mine);
  plain.push(theirs);
  if (theirs.r5 > 0 && mine.r5 === 0) missed.push(q.query);
}

for (const r of ours.filter((x) => x.rr === 0))
  process.stderr.write(`no relevant article in the first 20: ${r.query}\n`);
for (const q of missed) process.stderr.write(`answered at 5 by the baseline, not by the kiosk: ${q}\n`);
const byKind = summaryByKind(ours);
for (const [kind, s] of Object.entries(byKind)) process.stderr.write(`${kind.padEnd(10)} ${JSON.stringify(s)}\n`);
process.stdout.write(
  `${JSON.stringify({
    eval: 'search',
    content: version,
    questions: ours.length,
    ...summary(ours),
    by_kind: byKind,
    baseline_bm25: { ...summary(plain), by_kind: summaryByKind(plain) },
    baseline_only_at_5: missed,
  })}\n`,
);
