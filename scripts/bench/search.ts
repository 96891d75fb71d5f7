import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { normalizeQuery } from '../../content/analysis/normalize';
import { buildRelease, type Manifest } from '../../content/build/build-release';
import { openContentDb } from '../../service/content/content-db';
import { openSearch } from '../../service/search/open-search';
import { buildBm25Baseline, type Bm25Baseline } from '../lib/bm25-baseline';
import { DIST, ROOT } from '../lib/paths';
import {
  loadQuestions,
  rankedOf,
  relevantKeys,
  score,
  summary,
  titlesOfShortNames,
  type Ranked,
} from '../lib/search-relevance';

/**
 * A fixed mixed query set: short words, colloquial sentences, pinyin, and
 * common words that hit thousands of articles (the expensive case: many
 * matches to rank).
 */
export const BENCH_QUERIES = [
  // short
  '离婚',
  '欠薪',
  '工伤',
  '借条',
  '押金',
  '彩礼',
  '遗嘱',
  '家暴',
  '赡养',
  '诈骗',
  '加班费',
  '试用期',
  // colloquial
  '老板不给钱',
  '上班路上出车祸了',
  '房东不退押金',
  '老公打我怎么办',
  '借钱不还怎么办',
  '买到假货了能赔多少',
  '被公司开除了有没有补偿',
  '爸妈去世没留遗嘱房子怎么分',
  // pinyin
  'lihun',
  'lh',
  'gongshang',
  'gs',
  'qianxin',
  'laodonghetong',
  'flyz',
  'jt',
  // common words across the whole corpus
  '合同',
  '劳动',
  '赔偿',
  '人民法院',
  '责任',
  '管理',
  '国家',
  '单位',
  '安全',
  '规定',
  // hostile
  'NEAR(离婚 欠薪)',
  '"*^:',
  '离'.repeat(2000),
];

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;

/** recall@5 and MRR on the evaluation set (content/eval), articles compared by instrument. */
function relevance(search: (q: string) => Ranked, titles: ReadonlyMap<string, string>) {
  const rows = loadQuestions().map((q) => score(q, relevantKeys(q, titles), search(q.query)));
  const s = summary(rows);
  return { recall_at_5: s.recall_at_5, mrr: s.mrr };
}

/** p95 of one search function over the bench queries, warmed once as a kiosk that has been up a while is. */
function p95Of(search: (q: string) => unknown): number {
  for (const q of BENCH_QUERIES) search(q);
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    for (const q of BENCH_QUERIES) {
      const t = performance.now();
      search(q);
      times.push(performance.now() - t);
    }
  }
  return percentile(
    times.sort((a, b) => a - b),
    95,
  );
}

export async function searchBench(): Promise<Record<string, unknown>> {
  const outDir = join(DIST, 'bench', 'content-all');
  const reuse = process.argv.includes('--reuse') && existsSync(join(outDir, 'manifest.json'));
  let manifest: Manifest;
  let buildSeconds: number;
  if (reuse) {
    manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
    buildSeconds = Number.NaN;
    process.stderr.write('reusing the release in dist/bench/content-all (build time not measured)\n');
  } else {
    process.stderr.write('building a release from the whole corpus…\n');
    const t0 = performance.now();
    manifest = await buildRelease({
      contentDir: join(ROOT, 'content'),
      outDir,
      laws: 'all',
      log: (l) => process.stderr.write(`${l}\n`),
    });
    buildSeconds = (performance.now() - t0) / 1000;
  }
  // The kiosk's own release: the figure that matters for "builds in under a minute".
  const t1 = performance.now();
  await buildRelease({
    contentDir: join(ROOT, 'content'),
    outDir: join(DIST, 'bench', 'content-shipped'),
    laws: 'shipped',
  });
  const shippedBuildSeconds = (performance.now() - t1) / 1000;

  const { db } = openContentDb(join(outDir, 'content.db'));
  const engine = openSearch(db);
  const shipped = openContentDb(join(DIST, 'bench', 'content-shipped', 'content.db')).db;
  const shippedEngine = openSearch(shipped);
  // The kiosk's short names, read from its own release, name the same instruments in the full one.
  const titles = titlesOfShortNames(shipped);
  const indexBytes = (
    db.prepare("SELECT sum(pgsize) AS b FROM dbstat WHERE name LIKE 'search%' OR name = 'terms'").get() as { b: number }
  ).b;

  // Warm the page cache and the statement caches once, as a kiosk that has been up a while is.
  for (const q of BENCH_QUERIES) engine.search(q, 20);
  const times: number[] = [];
  for (let round_ = 0; round_ < 5; round_++) {
    for (const q of BENCH_QUERIES) {
      const t = performance.now();
      engine.search(q, 20);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);

  // Baseline: the naive way — a LIKE '%q%' scan over article texts, first 20 matches, no ranking, no snippets.
  const like = db.prepare("SELECT id, text FROM articles WHERE text LIKE ? ESCAPE '\\' LIMIT 20");
  const likeTimes: number[] = [];
  for (const q of BENCH_QUERIES) {
    const pattern = `%${normalizeQuery(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const t = performance.now();
    like.all(pattern);
    likeTimes.push(performance.now() - t);
  }
  likeTimes.sort((a, b) => a - b);

  const p95 = percentile(times, 95);

  // The plain way on the same documents: BM25 over jieba text (see bm25-baseline.ts).
  process.stderr.write('indexing the full release as plain BM25 over jieba text…\n');
  const baselines: Bm25Baseline[] = [buildBm25Baseline(db), buildBm25Baseline(shipped)];
  const [fullBaseline, shippedBaseline] = baselines as [Bm25Baseline, Bm25Baseline];
  const bm25P95 = p95Of((q) => fullBaseline.search(q));
  const relevanceFigures = {
    full: relevance((q) => rankedOf(engine.search(q, 50)), titles),
    shipped: relevance((q) => rankedOf(shippedEngine.search(q, 50)), titles),
    bm25_full: relevance((q) => fullBaseline.search(q), titles),
    bm25_shipped: relevance((q) => shippedBaseline.search(q), titles),
  };
  for (const b of baselines) b.close();
  const likeP95 = percentile(likeTimes, 95);
  return {
    instruments: manifest.counts['laws'],
    articles: manifest.counts['articles'],
    queries: BENCH_QUERIES.length,
    p50_ms: round(percentile(times, 50)),
    p95_ms: round(p95),
    p99_ms: round(percentile(times, 99)),
    like_p95_ms: round(likeP95),
    speedup_vs_like: round(likeP95 / p95, 1),
    bm25_p95_ms: round(bm25P95),
    relevance: relevanceFigures,
    index_mb: round(indexBytes / 1e6, 1),
    db_mb: round(manifest.bytes / 1e6, 1),
    build_s: Number.isNaN(buildSeconds) ? null : round(buildSeconds, 1),
    shipped_build_s: round(shippedBuildSeconds, 1),
  };
}
