import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseCitation } from '../common/legal/citation';
import type { SearchHit } from '../common/api/search';
import { openContentDb } from '../service/content/content-db';
import { openSearch } from '../service/search/open-search';
import { buildContentIfStale } from './lib/build';
import { ROOT } from './lib/paths';

/**
 * `npm run eval -- search`: relevance of the kiosk's search on the
 * evaluation set (content/eval). For each question, the articles a lawyer
 * would cite are looked for among the article hits:
 *   recall@k — share of a question's relevant articles among its first k article hits, averaged;
 *   MRR      — 1 / rank of the first relevant article hit (0 if none in the first 20), averaged.
 * `answered@5` also credits an article cited by a FAQ or guide hit in the
 * first 5 hits of any kind — what a citizen actually sees on the first screen.
 */
const Questions = z.object({
  questions: z.array(
    z.object({ query: z.string(), kind: z.string(), topic: z.string(), relevant: z.array(z.string()).min(1) }),
  ),
});

const which = process.argv[2];
if (which !== 'search') {
  process.stderr.write('usage: npm run eval -- search\n');
  process.exit(64);
}

await buildContentIfStale();
const { db, version } = openContentDb(join(ROOT, 'dist', 'content', 'content.db'));
const engine = openSearch(db);
const { questions } = Questions.parse(
  parse(readFileSync(join(ROOT, 'content', 'eval', 'search-questions.yaml'), 'utf8')),
);

const key = (law: string, article: string): string => `${law} ${article}`;
type Row = { query: string; kind: string; r5: number; r10: number; rr: number; answered5: number };
const rows: Row[] = [];
for (const q of questions) {
  const relevant = new Set(
    q.relevant.map((c) => {
      const parsed = parseCitation(c);
      if (parsed === undefined) throw new Error(`content/eval: "${c}" is not a citation`);
      return key(parsed.law, parsed.article);
    }),
  );
  const result = engine.search(q.query, 50);
  const articles = result.groups.article
    .filter((h): h is Extract<SearchHit, { kind: 'article' }> => h.kind === 'article')
    .map((h) => key(h.lawShort, h.article));
  const recallAt = (k: number): number => articles.slice(0, k).filter((a) => relevant.has(a)).length / relevant.size;
  const first = articles.slice(0, 20).findIndex((a) => relevant.has(a));
  const onFirstScreen = new Set(
    result.hits
      .slice(0, 5)
      .flatMap((h) =>
        h.kind === 'article' ? [key(h.lawShort, h.article)] : h.cites.map((c) => key(c.lawShort, c.article)),
      ),
  );
  rows.push({
    query: q.query,
    kind: q.kind,
    r5: recallAt(5),
    r10: recallAt(10),
    rr: first === -1 ? 0 : 1 / (first + 1),
    answered5: [...relevant].some((a) => onFirstScreen.has(a)) ? 1 : 0,
  });
}

const mean = (xs: number[]): number =>
  Math.round((xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)) * 1000) / 1000;
const summary = (rs: Row[]) => ({
  n: rs.length,
  recall_at_5: mean(rs.map((r) => r.r5)),
  recall_at_10: mean(rs.map((r) => r.r10)),
  mrr: mean(rs.map((r) => r.rr)),
  answered_at_5: mean(rs.map((r) => r.answered5)),
});
const byKind: Record<string, ReturnType<typeof summary>> = {};
for (const kind of [...new Set(rows.map((r) => r.kind))]) byKind[kind] = summary(rows.filter((r) => r.kind === kind));
for (const r of rows.filter((x) => x.rr === 0))
  process.stderr.write(`no relevant article in the first 20: ${r.query}\n`);
for (const [kind, s] of Object.entries(byKind)) process.stderr.write(`${kind.padEnd(10)} ${JSON.stringify(s)}\n`);
process.stdout.write(
  `${JSON.stringify({ eval: 'search', content: version, questions: rows.length, ...summary(rows), by_kind: byKind })}\n`,
);
