import type { Database, Statement } from 'better-sqlite3';
import type { CitedArticle, HitKind, SearchHit, SearchResponse, SuggestResponse } from '../../common/api/search';
import { hanBigrams, type Analyzer } from '../../content/analysis/analyzer';
import { normalizeQuery, splitRuns, type Run } from '../../content/analysis/normalize';
import { COMMON_TERM_DOCS, SEARCH_WEIGHTS } from '../../content/schema/content-schema';
import { findRanges, makeSnippet } from './snippet';

/**
 * Query side of the search. A query becomes AND-ed groups of alternatives,
 * one group for every word typed:
 *
 *   房东扣押金 → (房东 | 出租人 | 租赁) AND (押金 | 退还 | 租赁)   each word with its synonyms
 *   老板不给钱 → (老板 | 给钱 | 拖欠 | 劳动报酬 | 工资)            a phrase's statute words beside its words
 *   离婚 孩子  → (离婚) AND (孩子)                                segmented words
 *   lh         → (离婚 | 劳动合同 | … | pinyin:lh)                 pinyin read back into Chinese words
 *
 * Synonyms are alternatives, never substitutes: the word typed is always
 * searched (and counts twice in the score). Fillers (多久, 谁负责) and lone
 * characters only add to the score while a topic word is there. If nothing
 * matches every topic word, three or more are ranked by how many a row holds,
 * fewer give up the most common one; if still nothing, Han bigrams of the
 * query find text the segmenter split differently. Every term reaches FTS5 as
 * a quoted string built here, so nothing a user types is ever read as query
 * syntax.
 */
export interface SynonymGroup {
  terms: readonly string[];
  expand: readonly string[];
}

export interface SearchEngineDeps {
  db: Database;
  analyzer: Analyzer;
  synonyms: readonly SynonymGroup[];
  stopwords: ReadonlySet<string>;
  /** Colloquial words kept in a query but the first to go when nothing matches them all (多久, 最长, 可以吗). */
  fillers: ReadonlySet<string>;
}

interface Group {
  /** Chinese (or other) words, any of which satisfies the group. */
  words: string[];
  /** Pinyin typed by the user, matched against the pinyin column. */
  pinyin: string[];
  /** A lone character: matched as a prefix of bigrams. */
  prefix: string[];
  /** The word the citizen typed that this group stands for. */
  typed?: string;
  /** Let go of first when nothing matches every group: a lone character, a filler (多久, 最长), a phrase without a word of its own. */
  weak?: boolean;
}

/**
 * With at least this many topic words and no row holding them all, rows are
 * ranked by the ones they hold (OR); with two, the commoner one goes. Chosen on
 * the evaluation set: 2 and 3 were compared, 3 kept (2 loses a question the
 * plain BM25 baseline answers).
 */
const OR_AT_LEAST = 3;
/** How many rows are ranked before the cited-article boost picks from them. */
const CANDIDATES = 40;
/** A reading of pinyin initials is kept if its weight is at least this share of the best reading's. */
const INITIALS_KEEP = 0.75;
/** The most matches one query scores (see `search`). */
const RANK_WINDOW = 400;
/** Past this many likely matches a query is not ranked by bm25 at all (see `search`). */
const HUGE_MATCH_COUNT = 5000;
// The three constants below were chosen on the relevance evaluation set
// (content/eval, `npm run eval -- search`) from a coarse grid; the results were
// flat around these values, so they are not tuned to a few questions.
/** How many of the best answers lend their citations a score. */
const CITING_ANSWERS = 8;
/** A cited article gains this share of each citing answer's score… */
const CITED_SHARE = 0.6;
/** …less for each citation further down the answer's list. */
const CITE_ORDER_DECAY = 0.85;

/**
 * An interpretation's article keeps this share of its word-match score (chosen on
 * the evaluation set: 0.5–0.9 gave the same gains; 0.7 moved the most statutes up).
 */
const INTERPRETATION_SHARE = 0.7;

/** How many of the best answers place their citations among the best articles… */
const LEADING_ANSWERS = 3;
/** …at this share of the best article's score, */
const LEADING_SHARE = 0.3;
/** less for each citation further down an answer's list, */
const LEADING_CITE_DECAY = 0.9;
/** and less for each answer further down. */
const LEADING_ANSWER_DECAY = 0.8;

const quote = (t: string): string => `"${t.replace(/"/g, '""')}"`;
const TEXT_COLUMNS = '{title body keywords}';

function groupExpression(g: Group): string {
  // bm25 adds up every phrase of the query, so the word the citizen typed is
  // listed twice: it outweighs the statute words a synonym adds beside it.
  const typed = g.typed !== undefined && g.words.length > 1 && g.words.includes(g.typed) ? [g.typed] : [];
  const parts = [
    ...[...typed, ...g.words].map((w) => `${TEXT_COLUMNS} : ${quote(w)}`),
    ...g.pinyin.map((p) => `pinyin : ${quote(p)}${p.length >= 3 ? '*' : ''}`),
    ...g.prefix.map((c) => `bigrams : ${quote(c)}*`),
  ];
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

export class SearchEngine {
  private readonly windowed: Statement;
  private readonly docsOf: Statement;
  private readonly matchesAny: Statement;
  private readonly unranked: Statement;
  private readonly pinyinExact: Statement;
  private readonly initialsExact: Statement;
  private readonly pinyinPrefix: Statement;
  private readonly termPrefix: Statement;
  private readonly articleRow: Statement;
  private readonly faqRow: Statement;
  private readonly guideRow: Statement;
  private readonly citesOf: Statement;
  private readonly phrases: { phrase: string; group: SynonymGroup }[];
  /** Articles of judicial interpretations (category 司法解释), by id. */
  private readonly interpretations = new Set<string>();
  private readonly synonymOf = new Map<string, readonly string[]>();
  readonly contentVersion: string;

  constructor(private readonly deps: SearchEngineDeps) {
    const { db } = deps;
    const w = SEARCH_WEIGHTS;
    this.windowed = db.prepare(`
      SELECT d.kind, d.ref, bm25(search, ${w.title}, ${w.body}, ${w.keywords}, ${w.bigrams}, ${w.pinyin}) * d.prior AS score
      FROM search s JOIN search_docs d ON d.rowid = s.rowid
      WHERE search MATCH ? LIMIT ?`);
    // For a lone character, which matches a large share of everything: take
    // the first rows (FAQ and guides come first in the index) without ranking them all.
    this.unranked = db.prepare(
      `SELECT d.kind, d.ref, -d.prior AS score FROM search s JOIN search_docs d ON d.rowid = s.rowid WHERE search MATCH ? LIMIT ?`,
    );
    this.matchesAny = db.prepare('SELECT 1 FROM search WHERE search MATCH ? LIMIT 1').pluck();
    this.docsOf = db.prepare('SELECT docs FROM search_df WHERE term = ?').pluck();
    this.pinyinExact = db.prepare('SELECT term FROM terms WHERE pinyin = ? ORDER BY weight DESC LIMIT ?');
    this.initialsExact = db.prepare('SELECT term, weight FROM terms WHERE initials = ? ORDER BY weight DESC LIMIT ?');
    this.pinyinPrefix = db.prepare(
      "SELECT term, pinyin FROM terms WHERE pinyin >= ? AND pinyin < ? || '{' ORDER BY weight DESC LIMIT ?",
    );
    this.termPrefix = db.prepare(
      "SELECT term, pinyin FROM terms WHERE term >= ? AND term < ? || '\uFFFF' ORDER BY weight DESC LIMIT ?",
    );
    this.articleRow = db.prepare(`
      SELECT a.id, a.number, a.headings, a.text, l.title AS law, l.short_name AS lawShort, l.version_date AS versionDate
      FROM articles a JOIN laws l ON l.id = a.law_id WHERE a.id = ?`);
    this.faqRow = db.prepare('SELECT id, topic_id AS topicId, question, answer FROM faq WHERE id = ?');
    this.guideRow = db.prepare('SELECT id, topic_id AS topicId, title, summary FROM guides WHERE id = ?');
    this.citesOf = db.prepare(`
      SELECT a.id AS articleId, a.number AS article, l.title AS law, l.short_name AS lawShort
      FROM citations c JOIN articles a ON a.id = c.article_id JOIN laws l ON l.id = a.law_id
      WHERE c.source_kind = ? AND c.source_id = ? ORDER BY c.sort`);
    this.phrases = deps.synonyms
      .flatMap((group) => group.terms.map((phrase) => ({ phrase: normalizeQuery(phrase), group })))
      .filter((p) => p.phrase !== '')
      .sort((a, b) => b.phrase.length - a.phrase.length);
    for (const { phrase, group } of this.phrases) this.synonymOf.set(phrase, group.expand);
    for (const id of db
      .prepare("SELECT a.id FROM articles a JOIN laws l ON l.id = a.law_id WHERE l.category = '司法解释'")
      .pluck()
      .all() as number[])
      this.interpretations.add(String(id));
    this.contentVersion =
      (db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string } | undefined)?.value ??
      'unknown';
  }

  /** What the query asks for, as groups; exported for tests and `kioskctl search --explain`. */
  interpret(query: string): Group[] {
    const runs = splitRuns(query);
    const joined = this.wordAcrossRuns(runs);
    if (joined !== undefined) return this.chineseGroups(joined);
    const groups: Group[] = [];
    for (const run of runs) {
      if (run.kind === 'cjk') groups.push(...this.chineseGroups(run.text));
      else if (run.kind === 'latin') groups.push(this.pinyinGroup(run.text));
      else groups.push({ words: [run.text], pinyin: [], prefix: [], typed: run.text });
    }
    return groups;
  }

  /**
   * Words typed apart — one of them in full pinyin (工伤 peichang), or a space
   * between them (劳动 合同) — that the segmenter reads as one word once joined
   * (工伤赔偿, 劳动合同) are searched as that word typed whole, with its own
   * statute words. Words that make no word together (押金 不退) stay apart, as
   * typed. Initials (lh, gs) are too ambiguous to be read back, and numbers
   * end it.
   */
  private wordAcrossRuns(runs: readonly Run[]): string | undefined {
    if (runs.length < 2) return undefined;
    let text = '';
    const joints: number[] = [];
    for (const run of runs) {
      const han =
        run.kind === 'cjk'
          ? run.text
          : run.kind === 'latin'
            ? (this.pinyinExact.all(run.text, 1) as { term: string }[])[0]?.term
            : undefined;
      if (han === undefined) return undefined;
      if (text !== '') joints.push(text.length);
      text += han;
    }
    let at = 0;
    for (const word of this.deps.analyzer.cut(text)) {
      const start = text.indexOf(word, at);
      if (start === -1) continue;
      at = start + word.length;
      if (joints.some((j) => start < j && j < at)) return text;
    }
    return undefined;
  }

  private chineseGroups(text: string): Group[] {
    // Every word typed is kept: the whole run is segmented, and a colloquial
    // phrase (longest first) only adds its statute words as alternatives to
    // the words inside it — 房东扣押金 still needs 押金 (or 出租人…), never
    // the lease words alone.
    const spans = this.phraseSpans(text);
    // Fillers the segmenter splits (谁负责 → 谁 / 负责) are found before segmentation.
    const fillerSpans = [...this.deps.fillers].flatMap((f) => {
      const i = text.indexOf(f);
      return i === -1 || [...f].length < 2 ? [] : [{ start: i, end: i + f.length }];
    });
    const groups: Group[] = [];
    const spansWithWord = new Set<number>();
    const bySpan = new Map<number, Group>();
    let at = 0;
    for (const word of this.deps.analyzer.cut(text)) {
      const start = text.indexOf(word, at);
      const end = start === -1 ? at : start + word.length;
      if (start !== -1) at = end;
      if (this.deps.stopwords.has(word)) continue;
      const single = [...word].length === 1;
      // The phrases this word overlaps: 房东扣押金 around 押金, 年休 inside 年休假.
      const around = start === -1 ? [] : spans.flatMap((s, i) => (s.start < end && start < s.end ? [i] : []));
      // A lone character inside a phrase (不, 还 of 不还) is carried by the phrase, not required by itself.
      if (single && around.length > 0) continue;
      for (const i of around) spansWithWord.add(i);
      if (single) {
        groups.push(this.group([word], { typed: word, prefix: true, weak: true }));
        continue;
      }
      // The word's own statute words when it is a colloquial term itself (押金, 房东);
      // otherwise those of the phrase it is part of (给钱 in 老板不给钱).
      const own = this.synonymOf.get(word);
      const alternatives = own !== undefined ? own : around.flatMap((i) => [spans[i]!.phrase, ...spans[i]!.expand]);
      const inFiller = start !== -1 && fillerSpans.some((f) => f.start <= start && end <= f.end);
      // Words of one phrase that are not terms themselves (老板, 给钱 of 老板不给钱) make one
      // group with the phrase's statute words: any of them will do, as the phrase means one thing.
      const shared = own === undefined && !inFiller ? around[0] : undefined;
      const merged = shared === undefined ? undefined : bySpan.get(shared);
      if (merged !== undefined) {
        merged.words = [...new Set([...merged.words, word])];
        continue;
      }
      const g = this.group([word, ...alternatives], { typed: word, weak: inFiller });
      if (shared !== undefined) bySpan.set(shared, g);
      groups.push(g);
    }
    // A phrase with no word of its own (不还, 不给) still asks for its statute words, but gives way first.
    spans.forEach((s, i) => {
      if (!spansWithWord.has(i)) groups.push(this.group([s.phrase, ...s.expand], { typed: s.phrase, weak: true }));
    });
    if (groups.length === 0 && text.length > 0) {
      // Only stopwords (e.g. 怎么办): search them rather than nothing.
      groups.push(...this.deps.analyzer.cut(text).map((w) => this.group([w], { typed: w })));
    }
    return groups;
  }

  /** Where the synonym phrases occur in a run of Han text, longest phrase first, never overlapping. */
  private phraseSpans(text: string): { start: number; end: number; phrase: string; expand: readonly string[] }[] {
    const spans: { start: number; end: number; phrase: string; expand: readonly string[] }[] = [];
    for (const { phrase, group } of this.phrases) {
      for (let from = text.indexOf(phrase); from !== -1; from = text.indexOf(phrase, from + 1)) {
        const end = from + phrase.length;
        if (spans.some((s) => from < s.end && s.start < end)) continue;
        spans.push({ start: from, end, phrase, expand: group.expand });
      }
    }
    return spans.sort((a, b) => a.start - b.start);
  }

  private group(words: string[], opts: { typed: string; prefix?: boolean; weak?: boolean }): Group {
    return {
      words: [...new Set(words)],
      pinyin: [],
      prefix: opts.prefix === true ? [opts.typed] : [],
      typed: opts.typed,
      weak: opts.weak === true || this.deps.fillers.has(opts.typed),
    };
  }

  private pinyinGroup(latin: string): Group {
    const limit = 4;
    const found = new Set<string>();
    for (const r of this.pinyinExact.all(latin, limit) as { term: string }[]) found.add(r.term);
    // Initials are ambiguous (lh: 离婚, 利害, 老化…): keep only readings nearly as common as the best one.
    const byInitials = this.initialsExact.all(latin, limit) as { term: string; weight: number }[];
    const best = byInitials[0]?.weight ?? 0;
    for (const r of byInitials) if (found.size < limit && r.weight >= best * INITIALS_KEEP) found.add(r.term);
    if (found.size === 0 && latin.length >= 3)
      for (const r of this.pinyinPrefix.all(latin, latin, limit) as { term: string }[]) found.add(r.term);
    // A word read from pinyin is treated like the same word typed in Chinese: 欠薪 also finds 劳动报酬.
    const words = [...found].flatMap((w) => [w, ...(this.synonymOf.get(w) ?? [])]);
    return { words: [...new Set(words)], pinyin: [latin], prefix: [], typed: latin };
  }

  search(rawQuery: string, limit = 20): SearchResponse {
    const query = normalizeQuery(rawQuery);
    const empty: SearchResponse = {
      query,
      interpretedAs: [],
      hits: [],
      groups: { faq: [], article: [], guide: [] },
      contentVersion: this.contentVersion,
    };
    const groups = this.interpret(query);
    if (groups.length === 0) return empty;

    const onlyOneChar = groups.length === 1 && groups[0]!.prefix.length === 1;
    type Row = { kind: HitKind; ref: string; score: number };
    // Upper bound on a group's matches, from the recorded document frequencies.
    const docs = (g: Group): number =>
      g.prefix.length > 0
        ? Infinity
        : [...g.words, ...g.pinyin].reduce(
            (n, t) => n + ((this.docsOf.get(t) as number | undefined) ?? COMMON_TERM_DOCS),
            0,
          );
    const run = (expr: string, estimate: number): Row[] => {
      // A lone character, or words in a large share of everything (规定, 管理):
      // ranking would read every match only to compute term weights, so take
      // the first rows in index order — curated answers, then the most
      // important instruments (see the builder) — by their prior alone.
      if (onlyOneChar || estimate > HUGE_MATCH_COUNT) return this.unranked.all(expr, CANDIDATES) as Row[];
      // Rank at most RANK_WINDOW matches, taken in index order — curated answers
      // first, then the most important instruments (see the builder). A query
      // with fewer matches is ranked in full; a word found in half the corpus
      // (规定, 管理) is ranked among its most important documents instead of
      // scoring tens of thousands of rows for every keystroke.
      const rows = this.windowed.all(expr, RANK_WINDOW) as Row[];
      return rows.sort((x, y) => x.score - y.score).slice(0, Math.max(limit, CANDIDATES));
    };

    // Every group must match; if nothing does, let go of the weakest group and
    // try again. Weakest is decided by what the words are before any estimate:
    // a lone character (不, 没, 还), a filler (多久, 最长, 怎么办), a phrase with
    // no word of its own go first; then the most common typed word. A synonym's
    // statute words never make a group look common, so the topic (产假,
    // 竞业限制) is the last to go: 爸妈去世没留遗嘱房子怎么分 still finds
    // inheritance, 产假最长多久 still finds maternity leave.
    const typedDocs = (g: Group): number =>
      g.typed === undefined ? docs(g) : ((this.docsOf.get(g.typed) as number | undefined) ?? 0);
    const weakness = (g: Group): [number, number, number] => [
      g.weak === true ? 1 : 0,
      typedDocs(g),
      -[...(g.typed ?? '')].length,
    ];
    const weaker = (x: [number, number, number], y: [number, number, number]): boolean =>
      x[0] !== y[0] ? x[0] > y[0] : x[1] !== y[1] ? x[1] > y[1] : x[2] > y[2];
    const estimate = (gs: readonly Group[]): number =>
      Math.min(...gs.map((g) => (g.prefix.length > 0 ? Infinity : docs(g))));
    // Fillers and lone characters are not required while a topic word is there:
    // they only add to the score of the rows that have them.
    const topical = groups.filter((g) => g.weak !== true);
    const bonus = topical.length > 0 ? groups.filter((g) => g.weak === true) : [];
    const expression = (gs: readonly Group[], op: ' AND ' | ' OR '): string => {
      const required = gs.map(groupExpression).join(op);
      if (bonus.length === 0) return required;
      // A lone character adds as the word it is, not as a prefix of every bigram (分* reads thousands of terms).
      const extra = bonus.map((g) => groupExpression({ ...g, prefix: [] }));
      return `(${required}) AND (${[...gs.map(groupExpression), ...extra].join(' OR ')})`;
    };
    let active = (bonus.length > 0 ? topical : groups).map((g) => ({ g, weakness: weakness(g) }));
    const all = (): Row[] => {
      const gs = active.map((a) => a.g);
      return run(expression(gs, ' AND '), estimate(gs));
    };
    // Any of them matches: at most the sum of their matches.
    const any = (): Row[] =>
      run(
        expression(
          active.map((a) => a.g),
          ' OR ',
        ),
        active.reduce((n, a) => n + docs(a.g), 0),
      );
    let rows = all();
    // A word found nowhere in the content (爸妈, a typo, a segmentation such as 债要 of
    // 欠的债要我还) empties the AND. While two known topic words remain it is dropped
    // (one LIMIT 1 lookup per word, only once the AND is empty): required, it would
    // send the question to the OR of its words or, being the "rarest", outlast the
    // topic. With one known word left the question is kept whole, as the Han bigrams
    // of its text then say more than that word alone (娃在学校被同学打了).
    let unknownTopics = 0;
    if (rows.length === 0 && active.length >= 3) {
      const known = active.filter(
        (a) => a.g.prefix.length > 0 || this.matchesAny.get(groupExpression(a.g)) !== undefined,
      );
      if (known.length >= 2 && known.length < active.length) {
        // They still count as words the question had: a long question is ranked by the
        // topic words each row holds rather than cut down to its rarest known word.
        unknownTopics = active.length - known.length;
        active = known;
        rows = all();
      }
    }
    while (rows.length === 0 && active.length > 1) {
      const weakest = active.reduce((w, a) => (weaker(a.weakness, w.weakness) ? a : w));
      // Only the topic words are left and no row has them all: rank rows by how many of
      // them they hold (bm25 over their alternatives) rather than keep the rarest alone.
      if (weakest.weakness[0] === 0 && active.length + unknownTopics >= OR_AT_LEAST) {
        rows = any();
        break;
      }
      active = active.filter((a) => a !== weakest);
      rows = all();
    }
    active.push(...bonus.map((g) => ({ g, weakness: weakness(g) })));
    let terms = active.flatMap((a) => [...a.g.words, ...a.g.prefix]);
    if (rows.length === 0) {
      const bigrams = [...new Set(splitRuns(query).flatMap((r) => (r.kind === 'cjk' ? hanBigrams(r.text) : [])))];
      if (bigrams.length > 0) {
        rows = run(bigrams.map((b) => `bigrams : ${quote(b)}`).join(' OR '), bigrams.length * COMMON_TERM_DOCS);
        terms = bigrams;
      }
    }

    // Scores as positive numbers, larger is better. An interpretation's article that
    // matches the words as well as a statute's gives way to it: a lawyer cites the
    // law first, the court's reading of it after (the answers citing it still lift it).
    const scored = rows.map((r) => ({
      kind: r.kind,
      ref: r.ref,
      score: -r.score * (r.kind === 'article' && this.interpretations.has(r.ref) ? INTERPRETATION_SHARE : 1),
    }));
    // The articles our best answers cite are, by a lawyer's judgement, the law on
    // this question: they rise among the hits even when they do not contain the
    // words typed (欠薪 is never in a statute). An article several good answers
    // cite collects evidence from each, up to the best answer's own score.
    const answers = scored.filter((r) => r.kind !== 'article').slice(0, CITING_ANSWERS);
    const citesOfAnswer = new Map(
      answers.map((r) => [`${r.kind}:${r.ref}`, this.cites(r.kind as 'faq' | 'guide', r.ref)]),
    );
    const citedScore = new Map<string, number>();
    const cap = answers[0]?.score ?? 0;
    for (const r of answers) {
      citesOfAnswer.get(`${r.kind}:${r.ref}`)!.forEach((c, i) => {
        const id = String(c.articleId);
        citedScore.set(id, Math.min(cap, (citedScore.get(id) ?? 0) + r.score * CITED_SHARE * CITE_ORDER_DECAY ** i));
      });
    }
    // The answers that match best are the question asked: the articles they cite, in
    // their order, are placed among the best-matching articles, scaled by the best
    // article's score (an answer's own bm25 runs over longer text and does not compare).
    const bestArticle = Math.max(0, ...scored.filter((r) => r.kind === 'article').map((r) => r.score));
    answers.slice(0, LEADING_ANSWERS).forEach((a, j) => {
      citesOfAnswer.get(`${a.kind}:${a.ref}`)!.forEach((c, i) => {
        const id = String(c.articleId);
        const lift = bestArticle * LEADING_SHARE * LEADING_CITE_DECAY ** i * LEADING_ANSWER_DECAY ** j;
        citedScore.set(id, (citedScore.get(id) ?? 0) + lift);
      });
    });
    // Matching the words and being cited by good answers are separate evidence: they add up.
    for (const r of scored) if (r.kind === 'article') r.score += citedScore.get(r.ref) ?? 0;
    const present = new Set(scored.filter((r) => r.kind === 'article').map((r) => r.ref));
    for (const [id, score] of citedScore) if (!present.has(id)) scored.push({ kind: 'article', ref: id, score });
    scored.sort((x, y) => y.score - x.score);

    // Only what is shown is read back and given a snippet.
    const hits = scored
      .slice(0, limit)
      .flatMap(
        (r) =>
          this.hydrate(
            r.kind,
            r.ref,
            Math.round(r.score * 1000) / 1000,
            terms,
            citesOfAnswer.get(`${r.kind}:${r.ref}`),
          ) ?? [],
      );
    const by = (k: HitKind): SearchHit[] => hits.filter((h) => h.kind === k);
    return {
      query,
      interpretedAs: [...new Set(terms)],
      hits,
      groups: { faq: by('faq'), article: by('article'), guide: by('guide') },
      contentVersion: this.contentVersion,
    };
  }

  private cites(kind: 'faq' | 'guide', id: string): CitedArticle[] {
    return this.citesOf.all(kind, id) as CitedArticle[];
  }

  private hydrate(
    kind: HitKind,
    ref: string,
    rounded: number,
    terms: readonly string[],
    knownCites?: CitedArticle[],
  ): SearchHit | undefined {
    if (kind === 'article') {
      const a = this.articleRow.get(Number(ref)) as
        | {
            id: number;
            number: string;
            headings: string;
            text: string;
            law: string;
            lawShort: string;
            versionDate: string;
          }
        | undefined;
      if (a === undefined) return undefined;
      const title = `${a.lawShort} ${a.number}`;
      const snip = makeSnippet(a.text, terms);
      return {
        kind,
        id: String(a.id),
        title,
        titleHighlights: findRanges(title, terms),
        snippet: snip.text,
        highlights: snip.highlights,
        score: rounded,
        law: a.law,
        lawShort: a.lawShort,
        article: a.number,
        versionDate: a.versionDate,
      };
    }
    if (kind === 'faq') {
      const f = this.faqRow.get(ref) as { id: string; topicId: string; question: string; answer: string } | undefined;
      if (f === undefined) return undefined;
      const snip = makeSnippet(f.answer, terms);
      return {
        kind,
        id: f.id,
        title: f.question,
        titleHighlights: findRanges(f.question, terms),
        snippet: snip.text,
        highlights: snip.highlights,
        score: rounded,
        topicId: f.topicId,
        cites: knownCites ?? this.cites('faq', f.id),
      };
    }
    const g = this.guideRow.get(ref) as { id: string; topicId: string; title: string; summary: string } | undefined;
    if (g === undefined) return undefined;
    const snip = makeSnippet(g.summary, terms);
    return {
      kind: 'guide',
      id: g.id,
      title: g.title,
      titleHighlights: findRanges(g.title, terms),
      snippet: snip.text,
      highlights: snip.highlights,
      score: rounded,
      topicId: g.topicId,
      cites: knownCites ?? this.cites('guide', g.id),
    };
  }

  /** As-you-type suggestions: words that start with what was typed, in Chinese or in pinyin. */
  suggest(rawPrefix: string, limit = 8): SuggestResponse {
    const prefix = normalizeQuery(rawPrefix);
    const runs = splitRuns(prefix);
    const last = runs.at(-1);
    if (last === undefined) return { suggestions: [] };
    const head = prefix.slice(0, prefix.lastIndexOf(last.text));
    let rows: { term: string; pinyin: string }[];
    if (last.kind === 'latin') {
      const exact = [
        ...(this.pinyinExact.all(last.text, limit) as { term: string }[]),
        ...(this.initialsExact.all(last.text, limit) as { term: string }[]),
      ];
      const byPrefix = this.pinyinPrefix.all(last.text, last.text, limit) as { term: string; pinyin: string }[];
      const seen = new Set<string>();
      rows = [...exact.map((r) => ({ term: r.term, pinyin: '' })), ...byPrefix].filter(
        (r) => !seen.has(r.term) && seen.add(r.term),
      );
    } else if (last.kind === 'cjk') {
      rows = this.termPrefix.all(last.text, last.text, limit + 1) as { term: string; pinyin: string }[];
      rows = rows.filter((r) => r.term !== last.text);
    } else {
      rows = [];
    }
    return { suggestions: rows.slice(0, limit).map((r) => ({ text: head + r.term, pinyin: r.pinyin })) };
  }
}
