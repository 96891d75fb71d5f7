import { createHash } from 'node:crypto';
import { parseCitation } from '../../common/legal/citation';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createAnalyzer, wordPinyin, type Analyzer } from '../analysis/analyzer';
import { isCjk } from '../analysis/normalize';
import { COMMON_TERM_DOCS, CONTENT_DDL, CONTENT_SCHEMA_VERSION } from '../schema/content-schema';
import { CitationIndex } from './citation-index';
import { unpackCorpus } from './corpus-archive';
import { insertDirectory, loadDirectory } from './directory';
import {
  articleLabel,
  checkCitation,
  checkHasCitation,
  checkTopic,
  type ArticleLookup,
  type ItemProblem,
} from './item-checks';
import { buildImeDictionary } from './ime-dictionary';
import { insertNotices, loadNotices } from './notices';
import { LawParseError, parseLaw, shortTitle, versionDateFromPath, type ParsedArticle } from './parse-law';
import {
  ContentError,
  FaqFile,
  GuideFile,
  loadYaml,
  rel,
  ShippedLaws,
  SlidesFile,
  SynonymsFile,
  Topics,
  yamlFiles,
  type ContentProblem,
} from './source-files';
import { insertServiceLines, loadServiceLines } from './service-lines';
import { insertTemplates, loadTemplates } from './templates';
import { releaseVersion } from './release-version';

export interface BuildOptions {
  /** The content/ folder. */
  contentDir: string;
  /** Where content.db and manifest.json go. */
  outDir: string;
  /** `shipped`: the instruments in laws/shipped.yaml (the kiosk release); `all`: every instrument of the corpus (benchmarks). */
  laws: 'shipped' | 'all';
  log?: (line: string) => void;
  /** The version of the last release published, if any: this one's version is made to compare higher (release-version.ts). */
  after?: string | undefined;
}

export interface Manifest {
  version: string;
  created: string;
  schemaVersion: number;
  sha256: string;
  bytes: number;
  laws: 'shipped' | 'all';
  counts: Record<string, number>;
}

interface LawInput {
  short: string;
  /**
   * The instrument this is (or is a part of), whatever its display name: the
   * Civil Code is one instrument in the kiosk release and eight parts
   * (民法典·合同编 …) in the full one. Citations resolve by it.
   */
  instrument: string;
  title: string;
  category: string;
  issuer: string | undefined;
  versionDate: string;
  effectiveDate: string | undefined;
  source: string;
  articles: ParsedArticle[];
}

/** A citation's problem in the words of the builder's report. */
function citationMessage(p: ItemProblem): string {
  switch (p.code) {
    case 'not-a-citation':
      return `"${p.params.text}" is not a citation; write "<law> 第X条", e.g. "劳动合同法 第三十条"`;
    case 'law-not-shipped':
      return `"${p.params.law}" is not a shipped law (see content/laws/shipped.yaml)`;
    case 'article-missing':
      return `${p.params.law} has no ${p.params.article}`;
    default:
      return `${p.field}: ${p.code}`;
  }
}

function issuerOf(history: readonly string[]): string | undefined {
  const text = history.join(' ');
  for (const issuer of ['全国人民代表大会常务委员会', '全国人民代表大会', '最高人民法院', '最高人民检察院', '国务院'])
    if (text.includes(issuer)) return issuer;
  return undefined;
}

function shippedLaws(opts: BuildOptions, corpus: Map<string, string>, problems: ContentProblem[]): LawInput[] {
  const listFile = join(opts.contentDir, 'laws', 'shipped.yaml');
  const list = loadYaml(listFile, ShippedLaws, problems, rel(opts.contentDir, listFile));
  if (list === undefined) return [];
  const out: LawInput[] = [];
  list.data.instruments.forEach((entry, i) => {
    const paths = entry.parts ?? (entry.path !== undefined ? [entry.path] : []);
    if (paths.length === 0) {
      problems.push({
        file: list.file,
        line: list.lineOf(['instruments', i]),
        message: `${entry.short}: give "path" or "parts"`,
      });
      return;
    }
    const articles: ParsedArticle[] = [];
    let title = '';
    let history: string[] = [];
    let effective = entry.effective;
    for (const path of paths) {
      const text = corpus.get(path);
      if (text === undefined) {
        problems.push({
          file: list.file,
          line: list.lineOf(['instruments', i]),
          message: `${path} is not in the vendored corpus`,
        });
        return;
      }
      try {
        const law = parseLaw(`content/corpus/laws.jsonl.br:${path}`, text);
        title = law.title;
        if (history.length === 0) history = law.history;
        effective ??= law.effectiveDate;
        const last = articles.at(-1);
        const first = law.articles[0]!;
        if (
          last !== undefined &&
          (first.ordinal < last.ordinal || (first.ordinal === last.ordinal && first.sub <= last.sub))
        ) {
          problems.push({
            file: list.file,
            line: list.lineOf(['instruments', i]),
            message: `${path} starts at ${first.number}, before ${last.number}: list parts in order`,
          });
        }
        articles.push(
          ...law.articles.map((a) => ({
            ...a,
            headings: law.part !== undefined ? [law.part, ...a.headings] : a.headings,
          })),
        );
      } catch (error) {
        if (!(error instanceof LawParseError)) throw error;
        problems.push({ file: error.file, line: error.line, message: error.reason });
        return;
      }
    }
    const dates = paths.map(versionDateFromPath).filter((d): d is string => d !== undefined);
    const versionDate = dates.at(-1) ?? effective ?? history.flatMap((h) => /(\d{4})年/.exec(h)?.[1] ?? []).at(-1);
    if (versionDate === undefined) {
      problems.push({
        file: list.file,
        line: list.lineOf(['instruments', i]),
        message: `${entry.short}: no version date in the file name or history; add "effective"`,
      });
      return;
    }
    out.push({
      short: entry.short,
      instrument: entry.short,
      title,
      category: entry.category,
      issuer: issuerOf(history),
      versionDate,
      effectiveDate: effective,
      source: paths.join(' + '),
      articles,
    });
  });
  const seen = new Set<string>();
  for (const law of out) {
    if (seen.has(law.short))
      problems.push({ file: list.file, line: 1, message: `short name ${law.short} is used twice` });
    seen.add(law.short);
  }
  return out;
}

/**
 * The kiosk's short names (民法典, 民间借贷司法解释) → the title of the instrument
 * their files are versions or parts of, as the full release names instruments
 * (before any ·part). The list is read again here, so a full release resolves
 * the same citations as the kiosk's own.
 */
function shippedInstruments(contentDir: string, corpus: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const problems: ContentProblem[] = [];
  const listFile = join(contentDir, 'laws', 'shipped.yaml');
  const list = loadYaml(listFile, ShippedLaws, problems, rel(contentDir, listFile));
  for (const entry of list?.data.instruments ?? []) {
    const path = entry.parts?.[0] ?? entry.path;
    const text = path === undefined ? undefined : corpus.get(path);
    if (text === undefined) continue;
    try {
      out.set(entry.short, parseLaw(path!, text).title);
    } catch (error) {
      if (!(error instanceof LawParseError)) throw error;
    }
  }
  return out;
}

/**
 * The shipped laws' articles, short name → article label → text, read from
 * the content folder as a build reads them (what the hub checks a draft's
 * citations against and shows beside it). Throws ContentError when the
 * list or a law cannot be read.
 */
export function readShippedArticles(contentDir: string): Map<string, Map<string, string>> {
  const problems: ContentProblem[] = [];
  const corpus = unpackCorpus(join(contentDir, 'corpus', 'laws.jsonl.br'));
  const laws = shippedLaws({ contentDir, outDir: '', laws: 'shipped' }, corpus, problems);
  if (problems.length > 0) throw new ContentError(problems);
  return new Map(laws.map((law) => [law.short, new Map(law.articles.map((a) => [articleLabel(a), a.text]))]));
}

const CATEGORY_ORDER = [
  '宪法',
  '民法典',
  '宪法相关法',
  '民法商法',
  '社会法',
  '行政法',
  '经济法',
  '刑法',
  '诉讼与非诉讼程序法',
  '行政法规',
  '司法解释',
  '部门规章',
  '其他',
  'DLC',
];

/** Every instrument of the corpus, the newest version of each title; files that are not article-structured are skipped. */
function allLaws(corpus: Map<string, string>, log: (l: string) => void): LawInput[] {
  const newest = new Map<string, LawInput>();
  let skipped = 0;
  for (const [path, text] of corpus) {
    let law;
    try {
      law = parseLaw(path, text);
    } catch (error) {
      if (!(error instanceof LawParseError)) throw error;
      skipped++;
      continue;
    }
    const title = law.part !== undefined ? `${law.title}·${law.part}` : law.title;
    const versionDate = versionDateFromPath(path) ?? law.historyDates.at(-1) ?? '0000-00-00';
    const prev = newest.get(title);
    if (prev !== undefined && prev.versionDate >= versionDate) continue;
    newest.set(title, {
      short: shortTitle(title),
      instrument: law.title,
      title,
      category: path.split('/')[0] ?? '其他',
      issuer: issuerOf(law.history),
      versionDate,
      effectiveDate: law.effectiveDate,
      source: path,
      articles: law.articles,
    });
  }
  log(
    `corpus: ${newest.size} instruments (newest version of each), ${skipped} files without numbered articles skipped`,
  );
  // Index order is importance order: national laws, then regulations, interpretations, rules, local regulations.
  const rank = (category: string): number => {
    const i = CATEGORY_ORDER.indexOf(category);
    return i === -1 ? CATEGORY_ORDER.length : i;
  };
  return [...newest.values()].sort(
    (a, b) => rank(a.category) - rank(b.category) || b.versionDate.localeCompare(a.versionDate),
  );
}

function readLines(file: string): string[] {
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'))
    : [];
}

export async function buildRelease(opts: BuildOptions): Promise<Manifest> {
  const log = opts.log ?? (() => undefined);
  const started = Date.now();
  const problems: ContentProblem[] = [];
  const corpusFile = join(opts.contentDir, 'corpus', 'laws.jsonl.br');
  const corpus = unpackCorpus(corpusFile);

  const laws = opts.laws === 'shipped' ? shippedLaws(opts, corpus, problems) : allLaws(corpus, log);
  const topicsFile = join(opts.contentDir, 'topics.yaml');
  const topics = loadYaml(topicsFile, Topics, problems, rel(opts.contentDir, topicsFile));
  const faqFiles = yamlFiles(join(opts.contentDir, 'faq')).map((f) =>
    loadYaml(f, FaqFile, problems, rel(opts.contentDir, f)),
  );
  const guideFiles = yamlFiles(join(opts.contentDir, 'guides')).map((f) =>
    loadYaml(f, GuideFile, problems, rel(opts.contentDir, f)),
  );
  const slidesPath = join(opts.contentDir, 'slides.yaml');
  const slides = existsSync(slidesPath)
    ? loadYaml(slidesPath, SlidesFile, problems, rel(opts.contentDir, slidesPath))
    : undefined;
  const synonymsPath = join(opts.contentDir, 'search', 'synonyms.yaml');
  const synonyms = existsSync(synonymsPath)
    ? loadYaml(synonymsPath, SynonymsFile, problems, rel(opts.contentDir, synonymsPath))
    : undefined;
  const lexiconPath = join(opts.contentDir, 'search', 'lexicon.txt');
  const lexicon = existsSync(lexiconPath) ? readFileSync(lexiconPath) : undefined;
  const stopwords = new Set(readLines(join(opts.contentDir, 'search', 'stopwords.txt')));
  const fillersPath = join(opts.contentDir, 'search', 'fillers.txt');
  const fillers = readLines(fillersPath);

  // Citations resolve by instrument: in the full release the kiosk's short names
  // (laws/shipped.yaml) still name the same instruments, whatever their display names there.
  const citationIndex = new CitationIndex(
    laws,
    opts.laws === 'all' ? shippedInstruments(opts.contentDir, corpus) : new Map<string, string>(),
  );
  let unresolved = 0;

  // The same rules the hub's content editing applies to a draft (item-checks.ts), keyed by canonical article label.
  const articleLabels: ArticleLookup = new Map(
    laws.map((law) => [law.short, new Set(law.articles.map((a) => articleLabel(a)))]),
  );

  type Cite = { articleId: number };
  const resolve = (text: string, file: string, line: number): Cite | undefined => {
    // The kiosk's release: the same rules the hub's content editing applies to a draft.
    if (opts.laws === 'shipped') {
      const checked = checkCitation(text, '', articleLabels);
      if (checked.problem !== undefined) {
        problems.push({ file, line, message: citationMessage(checked.problem) });
        return undefined;
      }
    }
    const c = parseCitation(text);
    if (c === undefined) {
      problems.push({
        file,
        line,
        message: `"${text}" is not a citation; write "<law> 第X条", e.g. "劳动合同法 第三十条"`,
      });
      return undefined;
    }
    const found = citationIndex.resolve(c);
    if ('articleId' in found) return found;
    // The full release (benchmarks) may hold a newer version without the article: counted, not fatal.
    if (opts.laws === 'all') unresolved++;
    else if (found.missing === 'law')
      problems.push({ file, line, message: `"${c.law}" is not a shipped law (see content/laws/shipped.yaml)` });
    else problems.push({ file, line, message: `${c.law} has no ${c.article}` });
    return undefined;
  };

  // Topics: each topic and each of its situations is a row; FAQ attach to situations.
  const topicIds = new Map<string, Set<string>>();
  for (const t of topics?.data.topics ?? []) topicIds.set(t.id, new Set(t.situations.map((s) => s.id)));

  const faqIds = new Map<string, { file: string; line: number }>();
  const faqRows: {
    id: string;
    topicId: string;
    item: NonNullable<(typeof faqFiles)[number]>['data']['items'][number];
    cites: Cite[];
    sort: number;
  }[] = [];
  for (const f of faqFiles) {
    if (f === undefined) continue;
    const situations = topicIds.get(f.data.topic);
    if (topics !== undefined && checkTopic(f.data.topic, null, topicIds).length > 0)
      problems.push({
        file: f.file,
        line: f.lineOf(['topic']),
        message: `topic "${f.data.topic}" is not in topics.yaml`,
      });
    f.data.items.forEach((item, i) => {
      const line = f.lineOf(['items', i, 'id']);
      const dup = faqIds.get(item.id);
      if (dup !== undefined)
        problems.push({
          file: f.file,
          line,
          message: `FAQ id "${item.id}" is already used at ${dup.file}:${dup.line}`,
        });
      faqIds.set(item.id, { file: f.file, line });
      if (
        item.situation !== undefined &&
        situations !== undefined &&
        checkTopic(f.data.topic, item.situation, topicIds).length > 0
      ) {
        problems.push({
          file: f.file,
          line: f.lineOf(['items', i, 'situation']),
          message: `situation "${item.situation}" is not under topic "${f.data.topic}" in topics.yaml`,
        });
      }
      if (checkHasCitation(item.cites).length > 0)
        problems.push({
          file: f.file,
          line,
          message: `FAQ "${item.id}" cites no article; every answer must rest on the law`,
        });
      const cites = item.cites.flatMap((c, j) => resolve(c, f.file, f.lineOf(['items', i, 'cites', j])) ?? []);
      const topicId = item.situation !== undefined ? `${f.data.topic}/${item.situation}` : f.data.topic;
      faqRows.push({ id: item.id, topicId, item, cites, sort: faqRows.length });
    });
  }
  for (const f of faqFiles) {
    f?.data.items.forEach((item, i) =>
      item.related.forEach((r, j) => {
        if (!faqIds.has(r))
          problems.push({
            file: f.file,
            line: f.lineOf(['items', i, 'related', j]),
            message: `related FAQ "${r}" does not exist`,
          });
      }),
    );
  }

  const guideRows = guideFiles.flatMap((g) => {
    if (g === undefined) return [];
    if (topics !== undefined && !topicIds.has(g.data.topic))
      problems.push({
        file: g.file,
        line: g.lineOf(['topic']),
        message: `topic "${g.data.topic}" is not in topics.yaml`,
      });
    const cites = [
      ...g.data.cites.flatMap((c, j) => resolve(c, g.file, g.lineOf(['cites', j])) ?? []),
      ...g.data.steps.flatMap((s, i) =>
        s.cites.flatMap((c, j) => resolve(c, g.file, g.lineOf(['steps', i, 'cites', j])) ?? []),
      ),
    ];
    return [{ g: g.data, cites }];
  });
  const slideRows = (slides?.data.slides ?? []).map((s, i) => ({
    s,
    cites: s.cites.flatMap((c, j) => resolve(c, slides!.file, slides!.lineOf(['slides', i, 'cites', j])) ?? []),
  }));
  const templateRows = loadTemplates(
    join(opts.contentDir, 'templates'),
    (f) => rel(opts.contentDir, f),
    resolve,
    problems,
  );
  const directory = loadDirectory(opts.contentDir, problems);
  const notices = loadNotices(opts.contentDir, problems);
  const serviceLines = loadServiceLines(opts.contentDir, problems);

  if (problems.length > 0) throw new ContentError(problems);
  if (unresolved > 0) log(`${unresolved} citations name no article of this release`);
  log(
    `sources: ${laws.length} laws, ${faqRows.length} FAQ, ${guideRows.length} guides, ${slideRows.length} slides (${Date.now() - started} ms)`,
  );

  // ── Write the release to a temporary file; only a complete one is renamed into place.
  mkdirSync(opts.outDir, { recursive: true });
  const outFile = join(opts.outDir, 'content.db');
  const tmpFile = `${outFile}.tmp-${process.pid}`;
  rmSync(tmpFile, { force: true });
  const db = new Database(tmpFile);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  // Rows go in the order the index wants (curated answers first); references are checked once at the end.
  db.pragma('foreign_keys = OFF');
  db.exec(CONTENT_DDL);
  const analyzer: Analyzer = createAnalyzer(lexicon);
  const words = (text: string): string[] => analyzer.words(text).filter((w) => !stopwords.has(w));
  const termFreq = new Map<string, number>();
  const countTerms = (text: string, weight = 1): void => {
    for (const w of analyzer.cut(text)) {
      if ([...w].length >= 2 && [...w].every(isCjk) && !stopwords.has(w))
        termFreq.set(w, (termFreq.get(w) ?? 0) + weight);
    }
  };
  const pinyinTokens = (ws: readonly string[]): string =>
    [
      ...new Set(
        ws
          .filter((w) => [...w].some(isCjk))
          .flatMap((w) => {
            const p = wordPinyin(w);
            return p.full === '' ? [] : [p.full, p.initials];
          }),
      ),
    ].join(' ');

  const citedArticles = new Set<number>();
  for (const r of [...faqRows, ...guideRows]) for (const c of r.cites) citedArticles.add(c.articleId);

  const insertSearch = db.prepare(
    'INSERT INTO search (rowid, title, body, keywords, bigrams, pinyin) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertDoc = db.prepare('INSERT INTO search_docs (rowid, kind, ref, prior) VALUES (?, ?, ?, ?)');
  let searchRow = 0;
  const index = (
    kind: string,
    ref: string,
    f: { title: string; body: string; keywords: string; pinyin?: string },
    prior: number,
  ): void => {
    searchRow++;
    const titleWords = words(f.title);
    insertSearch.run(
      searchRow,
      titleWords.join(' '),
      words(f.body).join(' '),
      words(f.keywords).join(' '),
      analyzer.bigrams(`${f.title}\n${f.body}`).join(' '),
      f.pinyin ?? '',
    );
    insertDoc.run(searchRow, kind, ref, prior);
  };

  db.transaction(() => {
    const insTopic = db.prepare(
      'INSERT INTO topics (id, parent_id, title_zh, title_en, icon, sort) VALUES (?, ?, ?, ?, ?, ?)',
    );
    (topics?.data.topics ?? []).forEach((t, i) => {
      insTopic.run(t.id, null, t.title['zh-CN'], t.title.en, t.icon, i);
      t.situations.forEach((s, j) => insTopic.run(`${t.id}/${s.id}`, t.id, s.title['zh-CN'], s.title.en, null, j));
    });

    const insCite = db.prepare(
      'INSERT OR IGNORE INTO citations (source_kind, source_id, article_id, sort) VALUES (?, ?, ?, ?)',
    );
    const insFaq = db.prepare(
      'INSERT INTO faq (id, topic_id, question, answer, next_steps, keywords, related, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const r of faqRows) {
      insFaq.run(
        r.id,
        r.topicId,
        r.item.question,
        r.item.answer,
        JSON.stringify(r.item.next_steps),
        JSON.stringify(r.item.keywords),
        JSON.stringify(r.item.related),
        r.sort,
      );
      r.cites.forEach((c, i) => insCite.run('faq', r.id, c.articleId, i));
      const steps = r.item.next_steps.map((s) => `${s.step} ${s.time_limit ?? ''}`).join('\n');
      const kw = r.item.keywords.join(' ');
      index(
        'faq',
        r.id,
        {
          title: r.item.question,
          body: `${r.item.answer}\n${steps}`,
          keywords: kw,
          pinyin: pinyinTokens([...words(r.item.question), ...r.item.keywords]),
        },
        1.8,
      );
      countTerms(r.item.question, 2);
      for (const k of r.item.keywords) countTerms(k, 4);
    }

    const insGuide = db.prepare(
      'INSERT INTO guides (id, topic_id, title, summary, steps, keywords) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const { g, cites } of guideRows) {
      insGuide.run(g.id, g.topic, g.title, g.summary, JSON.stringify(g.steps), JSON.stringify(g.keywords));
      cites.forEach((c, i) => insCite.run('guide', g.id, c.articleId, i));
      const body = `${g.summary}\n${g.steps.map((s) => `${s.title} ${s.body} ${s.time_limit ?? ''}`).join('\n')}`;
      index(
        'guide',
        g.id,
        {
          title: g.title,
          body,
          keywords: g.keywords.join(' '),
          pinyin: pinyinTokens([...words(g.title), ...g.keywords]),
        },
        1.5,
      );
      countTerms(g.title, 3);
      for (const k of g.keywords) countTerms(k, 3);
    }

    // Articles after FAQ and guides: rowid order puts curated answers first when a query is too broad to rank.
    const insLaw = db.prepare(
      'INSERT INTO laws (id, short_name, title, category, issuer, version_date, effective_date, in_force, source) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)',
    );
    const insArticle = db.prepare(
      'INSERT INTO articles (id, law_id, ordinal, sub, number, headings, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    laws.forEach((law, i) => {
      insLaw.run(
        i + 1,
        law.short,
        law.title,
        law.category,
        law.issuer ?? null,
        law.versionDate,
        law.effectiveDate ?? null,
        law.source,
      );
      const ids = citationIndex.rowIds(law);
      for (const a of law.articles) {
        const id = ids.get(`${a.ordinal}.${a.sub}`)!;
        insArticle.run(id, i + 1, a.ordinal, a.sub, a.number, JSON.stringify(a.headings), a.text);
        index(
          'article',
          String(id),
          { title: a.headings.at(-1) ?? '', body: a.text, keywords: law.short },
          citedArticles.has(id) ? 1.6 : 1,
        );
      }
      countTerms(law.short, 5);
    });

    const insSynonym = db.prepare('INSERT OR IGNORE INTO search_synonyms (phrase, expand) VALUES (?, ?)');
    for (const g of synonyms?.data.groups ?? []) for (const t of g.terms) insSynonym.run(t, JSON.stringify(g.expand));
    const insStop = db.prepare('INSERT OR IGNORE INTO search_stopwords (word) VALUES (?)');
    for (const w of stopwords) insStop.run(w);
    const insLex = db.prepare('INSERT INTO search_lexicon (line) VALUES (?)');
    for (const line of lexicon?.toString('utf8').split('\n') ?? [])
      if (line.trim() !== '' && !line.startsWith('#')) insLex.run(line.trim());

    const insSlide = db.prepare('INSERT INTO slides (id, title, body, media_sha256, sort) VALUES (?, ?, ?, NULL, ?)');
    slideRows.forEach(({ s, cites }, i) => {
      insSlide.run(s.id, s.title, s.body, i);
      cites.forEach((c, j) => insCite.run('slide', s.id, c.articleId, j));
    });

    insertDirectory(db, directory.entries);
    insertTemplates(db, templateRows);
    insertNotices(db, notices.notices);
    insertServiceLines(db, serviceLines.lines);

    // Terms: words people type, weighted by how much our content uses them.
    for (const g of synonyms?.data.groups ?? []) {
      for (const t of g.terms) countTerms(t, 3);
      for (const t of g.expand) countTerms(t, 3);
    }
    if (lexicon !== undefined) {
      for (const line of lexicon.toString('utf8').split('\n')) {
        const w = line.trim().split(/\s+/)[0];
        if (w !== undefined && w !== '') countTerms(w, 3);
      }
    }
    if (opts.laws === 'shipped') for (const law of laws) for (const a of law.articles) countTerms(a.text, 0.2);
    // A colloquial phrase is a term as a whole too, so that its pinyin typed without
    // spaces (qiankuanbuhuan) reads back as the phrase, which brings its statute words.
    for (const g of synonyms?.data.groups ?? [])
      for (const t of g.terms) if ([...t].length >= 3 && [...t].every(isCjk) && !termFreq.has(t)) termFreq.set(t, 3);
    // The keyboard's dictionary: our legal vocabulary (lexicon, colloquial phrases, FAQ keywords, law names) boosted.
    const legalWords = new Set<string>([
      ...laws.map((l) => l.short),
      ...(lexicon
        ?.toString('utf8')
        .split('\n')
        .map((l) => l.trim().split(/\s+/)[0] ?? '') ?? []),
      ...(synonyms?.data.groups ?? []).flatMap((g) => [...g.terms, ...g.expand]),
      ...faqRows.flatMap((r) => r.item.keywords),
      ...guideRows.flatMap((r) => r.g.keywords),
    ]);
    const insIme = db.prepare('INSERT INTO ime (pinyin, initials, word, weight) VALUES (?, ?, ?, ?)');
    for (const e of buildImeDictionary(legalWords))
      insIme.run(e.pinyin, e.initials, e.word, Math.round(e.weight * 1000) / 1000);
    const insTerm = db.prepare('INSERT INTO terms (term, pinyin, initials, weight) VALUES (?, ?, ?, ?)');
    for (const [term, freq] of termFreq) {
      const p = wordPinyin(term);
      if (p.full !== '') insTerm.run(term, p.full, p.initials, Math.round(Math.log1p(freq) * 1000) / 1000);
    }
  })();

  const dangling = db.pragma('foreign_key_check') as unknown[];
  if (dangling.length > 0)
    throw new Error(
      `content release has ${dangling.length} dangling references: ${JSON.stringify(dangling.slice(0, 3))}`,
    );
  db.exec("INSERT INTO search (search) VALUES ('optimize')");
  db.exec("CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, search, 'row')");
  db.prepare('INSERT INTO search_df (term, docs) SELECT term, doc FROM temp.search_vocab WHERE doc >= ?').run(
    COMMON_TERM_DOCS,
  );
  const counts: Record<string, number> = {};
  for (const table of [
    'laws',
    'articles',
    'topics',
    'faq',
    'guides',
    'slides',
    'citations',
    'search_docs',
    'terms',
    'ime',
    'templates',
    'directory',
    'notices',
    'service_lines',
    'media',
  ]) {
    counts[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  const inputs = createHash('sha256');
  inputs.update(readFileSync(corpusFile));
  for (const f of [
    join(opts.contentDir, 'laws', 'shipped.yaml'),
    topicsFile,
    ...yamlFiles(join(opts.contentDir, 'faq')),
    ...yamlFiles(join(opts.contentDir, 'guides')),
    ...yamlFiles(join(opts.contentDir, 'templates')),
    slidesPath,
    synonymsPath,
    lexiconPath,
    fillersPath,
  ]) {
    if (existsSync(f)) inputs.update(readFileSync(f));
  }
  for (const f of directory.files) inputs.update(readFileSync(f));
  for (const f of [notices.file, serviceLines.file]) if (f !== undefined) inputs.update(readFileSync(f));
  const created = new Date();
  const version = releaseVersion(created, inputs.digest('hex'), opts.after);
  const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  meta.run('version', version);
  meta.run('created', created.toISOString());
  meta.run('laws', opts.laws);
  meta.run('search_fillers', JSON.stringify(fillers));
  db.pragma(`user_version = ${CONTENT_SCHEMA_VERSION}`);
  db.exec('ANALYZE');
  db.close();
  // VACUUM INTO would double the work; the file is written once and compact already.
  renameSync(tmpFile, outFile);

  const bytes = readFileSync(outFile);
  const manifest: Manifest = {
    version,
    created: created.toISOString(),
    schemaVersion: CONTENT_SCHEMA_VERSION,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: statSync(outFile).size,
    laws: opts.laws,
    counts,
  };
  writeFileSync(join(opts.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  log(
    `content.db ${(manifest.bytes / 1e6).toFixed(1)} MB, version ${version}, built in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return manifest;
}
