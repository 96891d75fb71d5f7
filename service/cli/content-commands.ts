import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { api } from '../../common/api/contract';
import type { ContentInstallResponse } from '../../common/api/content-release';
import { positiveInt } from '../../server-kit/cli/args';
import { fail } from '../../server-kit/cli/exit-codes';
import { releaseOverview } from '../content/release-records';
import { formatOverview } from './content-info';
import { resolveDataDir } from '../data-dir';
import { callService, errorMessage, openForReading } from './local-service';
import type { SearchHit } from '../../common/api/search';
import { buildRelease } from '../../content/build/build-release';
import { ContentError } from '../../content/build/source-files';
import { openContentDb } from '../content/content-db';
import { openSearch } from '../search/open-search';

const ROOT = join(import.meta.dirname, '..', '..');
export const DEFAULT_RELEASE_DIR = join(ROOT, 'dist', 'content');

/** An install copies and checks a release of tens of megabytes: seconds, more on a slow disk. */
const INSTALL_TIMEOUT_MS = 120_000;

const SWITCH_TEXT: Record<ContentInstallResponse['switch'], string> = {
  switched: 'served now',
  waiting: 'served from the next moment no citizen uses the kiosk (see kioskctl content info)',
  'rolled-back': 'it failed its checks at the switch and was rolled back (see kioskctl content info)',
};

/** The counts and size of one release file (`content info --db`). */
function describeReleaseFile(file: string): void {
  const { db, version } = openContentDb(file);
  const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const created = (db.prepare("SELECT value FROM meta WHERE key = 'created'").get() as { value: string } | undefined)
    ?.value;
  const lines = [
    `release   ${version} (created ${created ?? 'unknown'})`,
    `file      ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB)`,
    `laws      ${count('laws')} instruments, ${count('articles')} articles`,
    `answers   ${count('faq')} FAQ in ${count('topics WHERE parent_id IS NULL')} topics, ${count('guides')} guides, ${count('slides')} slides`,
    `search    ${count('search_docs')} indexed rows, ${count('terms')} terms, ${count('search_synonyms')} colloquial phrases`,
    `directory ${count('directory')} offices in ${count('(SELECT DISTINCT region_code FROM directory)')} regions, ${count('directory WHERE demo = 1')} of them demo data`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  db.close();
}

/** The shape `kioskctl search --json` prints: what a technician or a script needs of a hit. */
function hitForJson(h: SearchHit): Record<string, unknown> {
  const base = { kind: h.kind, title: h.title, snippet: h.snippet, score: h.score };
  if (h.kind === 'article')
    return { ...base, law: h.law, article: h.article, lawShort: h.lawShort, versionDate: h.versionDate };
  return { ...base, id: h.id, cites: h.cites.map((c) => ({ law: c.law, article: c.article })) };
}

export function addContentCommands(program: Command): void {
  const content = program.command('content').description('content releases: laws, answers, search index');

  content
    .command('build')
    .description('build a content release (content.db + manifest.json) from content/')
    .option('--out <dir>', 'output folder', DEFAULT_RELEASE_DIR)
    .option('--all-laws', 'index every instrument of the corpus, not only the shipped ones (benchmarks)')
    .action(async (opts: { out: string; allLaws?: boolean }) => {
      try {
        const manifest = await buildRelease({
          contentDir: join(ROOT, 'content'),
          outDir: opts.out,
          laws: opts.allLaws === true ? 'all' : 'shipped',
          log: (line) => process.stderr.write(`${line}\n`),
        });
        process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
      } catch (error) {
        if (!(error instanceof ContentError)) throw error;
        process.stderr.write(
          `content build failed (${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}):\n${error.message}\n`,
        );
        process.exit(1);
      }
    });

  content
    .command('info')
    .description(
      'the releases of this kiosk: the one served, the active and previous ones, the shipped one and the last problem; with --db, the counts and size of one release file',
    )
    .option('--data-dir <dir>', 'data directory of the service (default: KIOSK_DATA_DIR, else the user data folder)')
    .option('--db <file>', 'a content.db to describe instead')
    .option('--json', 'print JSON')
    .action((opts: { dataDir?: string; db?: string; json?: boolean }) => {
      if (opts.db !== undefined) {
        describeReleaseFile(opts.db);
        return;
      }
      const db = openForReading(resolveDataDir(opts.dataDir));
      const overview = releaseOverview(db);
      db.close();
      if (opts.json === true) process.stdout.write(`${JSON.stringify(overview, null, 2)}\n`);
      else process.stdout.write(`${formatOverview(overview).join('\n')}\n`);
    });

  content
    .command('install')
    .argument('<file>', 'a content.db built by `kioskctl content build` (or published by the hub)')
    .description(
      'hand a content release to the running service: copied into its store, checked, and served from the next moment no citizen uses the kiosk',
    )
    .requiredOption('--release-number <n>', 'the release number: higher than every release this kiosk accepted')
    .option('--version <version>', 'the version the release must carry (its meta.version)')
    .option('--data-dir <dir>', 'data directory of the service (default: KIOSK_DATA_DIR, else the user data folder)')
    .action(async (file: string, opts: { releaseNumber: string; version?: string; dataDir?: string }) => {
      const releaseNumber = positiveInt(opts.releaseNumber, '--release-number', Number.MAX_SAFE_INTEGER);
      const answer = await callService(
        resolveDataDir(opts.dataDir),
        api.contentInstall,
        { file: resolve(file), releaseNumber, ...(opts.version === undefined ? {} : { version: opts.version }) },
        INSTALL_TIMEOUT_MS,
      );
      if (answer.status !== 200) fail(`not installed: ${errorMessage(answer.json)}`);
      const done = api.contentInstall.response.parse(answer.json);
      process.stdout.write(`release ${done.releaseNumber} (${done.version}) installed: ${SWITCH_TEXT[done.switch]}\n`);
    });

  program
    .command('search')
    .argument('<query>', 'what a citizen would type: 离婚, 老板不给钱, lh …')
    .description('search the content release as the kiosk does')
    .option('--json', 'print the hits as a JSON array')
    .option('--limit <n>', 'number of hits', '10')
    .option('--db <file>', 'content.db to search', join(DEFAULT_RELEASE_DIR, 'content.db'))
    .action((query: string, opts: { json?: boolean; limit: string; db: string }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
        process.stderr.write(`--limit: expected a whole number 1–50, got "${opts.limit}"\n`);
        process.exit(64);
      }
      const { db } = openContentDb(opts.db);
      const result = openSearch(db).search(query, limit);
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(result.hits.map(hitForJson), null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `searched for: ${result.interpretedAs.join(' · ') || '(nothing searchable)'} — ${result.hits.length} hits\n`,
      );
      for (const h of result.hits) {
        const where = h.kind === 'article' ? '' : `  [${h.cites.map((c) => `${c.lawShort} ${c.article}`).join('; ')}]`;
        process.stdout.write(`${h.kind.padEnd(7)} ${h.title}${where}\n        ${h.snippet}\n`);
      }
    });
}
