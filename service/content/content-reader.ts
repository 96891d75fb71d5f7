import type { Database, Statement } from 'better-sqlite3';
import type {
  ArticleRef,
  ArticleResponse,
  FaqResponse,
  LawResponse,
  LawsResponse,
  SlidesResponse,
  TopicsResponse,
} from '../../common/api/content';
import type { DirectoryEntry, DirectoryResponse } from '../../common/api/directory';
import type { ArticlesByCitationResponse } from '../../common/api/citations';
import { parseArticleLabel } from '../../common/legal/chinese-numerals';
import type { DirectoryKind } from '../../common/directory/kinds';
import { officesForTerminal } from '../../common/directory/region';
import type { OpeningHours } from '../../common/hub/opening-hours';
import type { TemplatesResponse } from '../../common/api/templates';
import { TemplateForm, type Template, type TemplateGoverns } from '../../common/templates/template';

export class ContentNotFoundError extends Error {}

export interface ReleaseNotice {
  id: string;
  /** Null: every kiosk. */
  regionCode: string | null;
  title: string;
  body: string;
  startsOn: string;
  endsOn: string;
}

/** One region's service lines; null where the region does not say. */
export interface ReleaseServiceLine {
  regionCode: string;
  publicLegalService: string | null;
  local: { name: string; number: string }[] | null;
  dutyHours: OpeningHours | null;
}

interface LawRow {
  id: number;
  shortName: string;
  title: string;
  category: string;
  versionDate: string;
  effectiveDate: string | null;
  issuer: string | null;
  articleCount: number;
}

/** Reads of the content release for the screens: prepared once, answered in microseconds. */
export class ContentReader {
  private readonly s: Record<string, Statement>;

  constructor(db: Database) {
    const lawCols = `l.id, l.short_name AS shortName, l.title, l.category, l.version_date AS versionDate, l.effective_date AS effectiveDate, l.issuer,
      (SELECT count(*) FROM articles a WHERE a.law_id = l.id) AS articleCount`;
    this.s = {
      topics: db.prepare(
        'SELECT id, parent_id AS parentId, title_zh AS zh, title_en AS en, icon FROM topics ORDER BY parent_id IS NOT NULL, sort',
      ),
      faqCounts: db.prepare('SELECT topic_id AS topicId, count(*) AS n FROM faq GROUP BY topic_id'),
      // A topic and the situations under it, compared as plain text: LIKE would
      // read % and _ in the request as wildcards (and ignore ASCII case).
      faqList: db.prepare(
        "SELECT id, question FROM faq WHERE topic_id = @topic OR substr(topic_id, 1, length(@topic) + 1) = @topic || '/' ORDER BY sort",
      ),
      faq: db.prepare(
        'SELECT id, topic_id AS topicId, question, answer, next_steps AS nextSteps, related FROM faq WHERE id = ?',
      ),
      faqQuestion: db.prepare('SELECT id, question FROM faq WHERE id = ?'),
      cites: db.prepare(`SELECT a.id AS articleId, a.number AS article, l.title AS law, l.short_name AS lawShort
        FROM citations c JOIN articles a ON a.id = c.article_id JOIN laws l ON l.id = a.law_id
        WHERE c.source_kind = ? AND c.source_id = ? ORDER BY c.sort`),
      slides: db.prepare('SELECT id, title, body FROM slides ORDER BY sort'),
      guide: db.prepare('SELECT id, topic_id AS topicId, title, summary, steps FROM guides WHERE id = ?'),
      laws: db.prepare(`SELECT ${lawCols} FROM laws l ORDER BY l.category, l.id`),
      law: db.prepare(`SELECT ${lawCols} FROM laws l WHERE l.id = ?`),
      articles: db.prepare('SELECT id, number, headings, text FROM articles WHERE law_id = ? ORDER BY ordinal, sub'),
      article: db.prepare('SELECT id, law_id AS lawId, number, headings, text FROM articles WHERE id = ?'),
      articleByNumber:
        db.prepare(`SELECT a.id AS articleId, a.number AS article, l.title AS law, l.short_name AS lawShort
        FROM articles a JOIN laws l ON l.id = a.law_id WHERE l.short_name = ? AND a.ordinal = ? AND a.sub = ?`),
      // The region rule never crosses a province: read the terminal's province, order in common/directory/region.ts.
      directory:
        db.prepare(`SELECT id, kind, name, region_code AS regionCode, address, hours, phone, services, map_url AS mapUrl, demo
        FROM directory WHERE substr(region_code, 1, 2) = substr(?, 1, 2)`),
      notices: db.prepare(
        'SELECT id, region_code AS regionCode, title, body, starts_on AS startsOn, ends_on AS endsOn FROM notices ORDER BY sort',
      ),
      serviceLine: db.prepare(
        'SELECT region_code AS regionCode, public_legal_service AS publicLegalService, local, duty_hours AS dutyHours FROM service_lines WHERE region_code = ?',
      ),
      ...templateStatements(db),
    };
  }

  /** Every notice of the release, in its order, whatever its region and days (see terminal-content.ts for which apply). */
  notices(): ReleaseNotice[] {
    return this.s['notices']!.all() as ReleaseNotice[];
  }

  /** The service lines the release has for exactly this region, if any. */
  serviceLine(regionCode: string): ReleaseServiceLine | undefined {
    const row = this.s['serviceLine']!.get(regionCode) as
      | { regionCode: string; publicLegalService: string | null; local: string | null; dutyHours: string | null }
      | undefined;
    if (row === undefined) return undefined;
    return {
      regionCode: row.regionCode,
      publicLegalService: row.publicLegalService,
      local: row.local === null ? null : (JSON.parse(row.local) as { name: string; number: string }[]),
      dutyHours: row.dutyHours === null ? null : (JSON.parse(row.dutyHours) as OpeningHours),
    };
  }

  topics(): TopicsResponse {
    const counts = new Map(
      (this.s['faqCounts']!.all() as { topicId: string; n: number }[]).map((r) => [r.topicId, r.n]),
    );
    const rows = this.s['topics']!.all() as {
      id: string;
      parentId: string | null;
      zh: string;
      en: string;
      icon: string | null;
    }[];
    const topics: TopicsResponse['topics'] = rows
      .filter((r) => r.parentId === null)
      .map((t) => ({
        id: t.id,
        title: { 'zh-CN': t.zh, en: t.en },
        icon: t.icon,
        situations: rows
          .filter((r) => r.parentId === t.id)
          .map((s) => ({ id: s.id, title: { 'zh-CN': s.zh, en: s.en }, faqCount: counts.get(s.id) ?? 0 })),
      }));
    return { topics };
  }

  faqList(topicId: string): { items: { id: string; question: string }[] } {
    return { items: this.s['faqList']!.all({ topic: topicId }) as { id: string; question: string }[] };
  }

  slides(): SlidesResponse {
    const rows = this.s['slides']!.all() as { id: string; title: string; body: string }[];
    return { slides: rows.map((r) => ({ ...r, cites: this.cites('slide', r.id) })) };
  }

  private cites(kind: 'faq' | 'guide' | 'slide', id: string): ArticleRef[] {
    return this.s['cites']!.all(kind, id) as ArticleRef[];
  }

  faq(id: string): FaqResponse {
    const row = this.s['faq']!.get(id) as
      { id: string; topicId: string; question: string; answer: string; nextSteps: string; related: string } | undefined;
    if (row === undefined) throw new ContentNotFoundError(`No answer "${id}"`);
    const steps = JSON.parse(row.nextSteps) as { step: string; time_limit?: string }[];
    const related = (JSON.parse(row.related) as string[]).flatMap(
      (r) => (this.s['faqQuestion']!.get(r) as { id: string; question: string } | undefined) ?? [],
    );
    return {
      id: row.id,
      topicId: row.topicId,
      question: row.question,
      answer: row.answer,
      nextSteps: steps.map((s) =>
        s.time_limit === undefined ? { step: s.step } : { step: s.step, timeLimit: s.time_limit },
      ),
      cites: this.cites('faq', row.id),
      related,
    };
  }

  guide(id: string) {
    const row = this.s['guide']!.get(id) as
      { id: string; topicId: string; title: string; summary: string; steps: string } | undefined;
    if (row === undefined) throw new ContentNotFoundError(`No guide "${id}"`);
    const steps = JSON.parse(row.steps) as { title: string; body: string; time_limit?: string }[];
    return {
      id: row.id,
      topicId: row.topicId,
      title: row.title,
      summary: row.summary,
      steps: steps.map((s) => ({
        title: s.title,
        body: s.body,
        ...(s.time_limit === undefined ? {} : { timeLimit: s.time_limit }),
      })),
      cites: this.cites('guide', row.id),
    };
  }

  laws(): LawsResponse {
    const categories = new Map<string, LawsResponse['categories'][number]['laws']>();
    for (const { issuer: _issuer, ...law } of this.s['laws']!.all() as LawRow[]) {
      const list = categories.get(law.category) ?? [];
      list.push(law);
      categories.set(law.category, list);
    }
    return { categories: [...categories].map(([name, laws]) => ({ name, laws })) };
  }

  law(id: number): LawResponse {
    const law = this.s['law']!.get(id) as LawRow | undefined;
    if (law === undefined) throw new ContentNotFoundError(`No law ${id}`);
    const articles = (
      this.s['articles']!.all(id) as { id: number; number: string; headings: string; text: string }[]
    ).map((a) => ({ ...a, headings: JSON.parse(a.headings) as string[] }));
    return { ...law, articles };
  }

  /** The offices a terminal in `regionCode` lists, optionally of one kind: nearest region first, then kind, then name. */
  directory(regionCode: string, kind?: DirectoryKind): DirectoryResponse {
    type Row = Omit<DirectoryEntry, 'scope' | 'services' | 'demo'> & { services: string; demo: number };
    const rows = this.s['directory']!.all(regionCode) as Row[];
    const entries = officesForTerminal(rows, regionCode, kind).map(({ services, demo, ...o }) => ({
      ...o,
      services: JSON.parse(services) as string[],
      demo: demo === 1,
    }));
    return { regionCode, entries };
  }

  article(articleId: number): ArticleResponse {
    const a = this.s['article']!.get(articleId) as
      { id: number; lawId: number; number: string; headings: string; text: string } | undefined;
    if (a === undefined) throw new ContentNotFoundError(`No article ${articleId}`);
    const { issuer: _issuer, ...law } = this.s['law']!.get(a.lawId) as LawRow;
    return { id: a.id, number: a.number, headings: JSON.parse(a.headings) as string[], text: a.text, law };
  }

  /** The articles citations name (law short name + 第N条), in order; null where the release has no such article. */
  articlesByCitation(citations: readonly { lawShort: string; article: string }[]): ArticlesByCitationResponse {
    return {
      articles: citations.map(({ lawShort, article }) => {
        const number = parseArticleLabel(article.trim());
        if (number === undefined) return null;
        return (
          (this.s['articleByNumber']!.get(lawShort.trim(), number.ordinal, number.sub) as ArticleRef | undefined) ??
          null
        );
      }),
    };
  }

  /** Every document template, in list order, with the article it rests on. */
  templates(): TemplatesResponse {
    const rows = this.s['templates']!.all() as (Omit<TemplatesResponse['templates'][number], 'governs'> &
      GovernsCols)[];
    return {
      templates: rows.map(({ articleId, law, lawShort, article, ...t }) => ({
        ...t,
        governs: governs({ articleId, law, lawShort, article }),
      })),
    };
  }

  /** One template with its form, body and governing article. */
  template(id: string): Template {
    const row = this.s['template']!.get(id) as
      ({ id: string; title: string; category: string; fields: string; body: string } & GovernsCols) | undefined;
    if (row === undefined) throw new ContentNotFoundError(`No template "${id}"`);
    const { articleId, law, lawShort, article, fields, ...t } = row;
    return { ...t, ...TemplateForm.parse(JSON.parse(fields)), governs: governs({ articleId, law, lawShort, article }) };
  }
}

type GovernsCols = { articleId: number | null; law: string | null; lawShort: string | null; article: string | null };

function governs(c: GovernsCols): TemplateGoverns | null {
  return c.articleId === null
    ? null
    : { articleId: c.articleId, law: c.law!, lawShort: c.lawShort!, article: c.article! };
}

function templateStatements(db: Database): Record<string, Statement> {
  const cols = `t.id, t.title, t.category, a.id AS articleId, l.title AS law, l.short_name AS lawShort, a.number AS article`;
  const from = 'templates t LEFT JOIN articles a ON a.id = t.governing_article_id LEFT JOIN laws l ON l.id = a.law_id';
  return {
    // The builder writes templates in list order (by category), so rowid is the order.
    templates: db.prepare(`SELECT ${cols} FROM ${from} ORDER BY t.rowid`),
    template: db.prepare(`SELECT ${cols}, t.fields, t.body FROM ${from} WHERE t.id = ?`),
  };
}
