import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import { z } from 'zod';
import { describeZodError, problemsToText } from '../../common/api/format-issues';
import { parseArticleLabel } from '../../common/legal/chinese-numerals';
import { DIRECTORY_KINDS, type DirectoryKind } from '../../common/directory/kinds';
import { CONTENT_SCHEMA_VERSION } from '../../content/schema/content-schema';

/**
 * What the take-away pages read of a content release, with small queries of
 * their own. The kiosk's ContentReader (service/content) answers the same
 * questions, but the hub may not import the kiosk's service (DESIGN.md), and
 * the pages need less: one answer, guide, article or office by what its QR
 * code names. The release is opened read-only and never written. Each row
 * read is checked against what the pages expect, JSON cells included, so a
 * release that breaks the schema's promises fails one page with a clear
 * error instead of putting something unexpected into it.
 */

export class PageReleaseError extends Error {}

export interface CitedArticle {
  lawTitle: string;
  lawShort: string;
  versionDate: string;
  number: string;
}

export interface AnswerPage {
  question: string;
  answer: string;
  nextSteps: { step: string; timeLimit?: string }[];
  cites: CitedArticle[];
}

export interface GuidePage {
  title: string;
  summary: string;
  steps: { title: string; body: string; timeLimit?: string }[];
  cites: CitedArticle[];
}

export interface ArticlePage extends CitedArticle {
  headings: string[];
  text: string;
}

export interface OfficePage {
  kind: DirectoryKind;
  name: string;
  address: string;
  hours: string | null;
  phone: string | null;
  services: string[];
  mapUrl: string | null;
  demo: boolean;
}

export interface PageRelease {
  /** meta.version of the release: `2026.12.07-1a2b3c4d`. */
  readonly version: string;
  answer(id: string): AnswerPage | undefined;
  guide(id: string): GuidePage | undefined;
  /** The article of the law with this title; the version asked if the release has it, else the release's own. */
  article(lawTitle: string, articleNumber: string): ArticlePage | undefined;
  office(id: string): OfficePage | undefined;
  close(): void;
}

/** What the builder writes as meta.version; the pages put it into their ETag header, where little else may go. */
const RELEASE_VERSION = /^[0-9A-Za-z][0-9A-Za-z.-]{0,63}$/;

const CITED = `l.title AS lawTitle, l.short_name AS lawShort, l.version_date AS versionDate, a.number`;

/** Opens a content release for the pages; refuses one of another schema or one that is not a release, saying which file. */
export function openPageRelease(file: string): PageRelease {
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const schema = db.pragma('user_version', { simple: true }) as number;
    if (schema !== CONTENT_SCHEMA_VERSION)
      throw new PageReleaseError(
        `${file}: content schema ${schema}, but this hub reads schema ${CONTENT_SCHEMA_VERSION}; configure a matching release`,
      );
    const version = (db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string } | undefined)
      ?.value;
    if (version === undefined)
      throw new PageReleaseError(`${file}: the content release has no version in its meta table`);
    if (!RELEASE_VERSION.test(version))
      throw new PageReleaseError(
        `${file}: ${JSON.stringify(version)} in its meta table is not a release version (letters, digits, dots and dashes, such as 2026.12.07-1a2b3c4d)`,
      );
    return readerOf(db, version);
  } catch (error) {
    db?.close();
    if (error instanceof PageReleaseError) throw error;
    throw new PageReleaseError(`${file}: cannot read the content release (${(error as Error).message})`);
  }
}

/** A JSON cell of a row, parsed and then checked. */
const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const text = z.string();
const texts = json(z.array(text));
const citedRow = z.object({ lawTitle: text, lawShort: text, versionDate: text, number: text });
const ROWS = {
  faq: z.object({
    question: text,
    answer: text,
    nextSteps: json(z.array(z.object({ step: text, time_limit: text.optional() }))),
  }),
  guide: z.object({
    title: text,
    summary: text,
    steps: json(z.array(z.object({ title: text, body: text, time_limit: text.optional() }))),
  }),
  cites: citedRow,
  article: citedRow.extend({ headings: texts, text }),
  office: z.object({
    kind: z.enum(DIRECTORY_KINDS),
    name: text,
    address: text,
    hours: text.nullable(),
    phone: text.nullable(),
    services: texts,
    mapUrl: text.nullable(),
    demo: z.union([z.literal(0), z.literal(1)]).transform((d) => d === 1),
  }),
};

function readerOf(db: Db, version: string): PageRelease {
  const s: Record<keyof typeof ROWS, Statement> = {
    faq: db.prepare('SELECT question, answer, next_steps AS nextSteps FROM faq WHERE id = ?'),
    guide: db.prepare('SELECT title, summary, steps FROM guides WHERE id = ?'),
    cites: db.prepare(`SELECT ${CITED} FROM citations c JOIN articles a ON a.id = c.article_id
      JOIN laws l ON l.id = a.law_id WHERE c.source_kind = ? AND c.source_id = ? ORDER BY c.sort`),
    article: db.prepare(`SELECT ${CITED}, a.headings, a.text FROM articles a JOIN laws l ON l.id = a.law_id
      WHERE l.title = ? AND a.ordinal = ? AND a.sub = ?`),
    office: db.prepare(`SELECT kind, name, address, hours, phone, services, map_url AS mapUrl, demo
      FROM directory WHERE id = ?`),
  };
  /** The row a statement finds, checked; a row that is not what the pages expect is the release's fault, said with its key. */
  const checked = <K extends keyof typeof ROWS>(kind: K, row: unknown, key: string): z.output<(typeof ROWS)[K]> => {
    const parsed = ROWS[kind].safeParse(row);
    if (parsed.success) return parsed.data as z.output<(typeof ROWS)[K]>;
    throw new PageReleaseError(
      `content release ${version}: ${kind} ${key}: ${problemsToText(describeZodError(parsed.error, row))}`,
    );
  };
  const one = <K extends keyof typeof ROWS>(kind: K, key: string, ...args: unknown[]) => {
    const row: unknown = s[kind].get(...args);
    return row === undefined ? undefined : checked(kind, row, key);
  };
  const cites = (kind: 'faq' | 'guide', id: string): CitedArticle[] =>
    s.cites.all(kind, id).map((row) => checked('cites', row, `of ${kind} ${id}`));
  return {
    version,
    answer(id) {
      const row = one('faq', id, id);
      if (row === undefined) return undefined;
      return {
        question: row.question,
        answer: row.answer,
        nextSteps: row.nextSteps.map((n) =>
          n.time_limit === undefined ? { step: n.step } : { step: n.step, timeLimit: n.time_limit },
        ),
        cites: cites('faq', id),
      };
    },
    guide(id) {
      const row = one('guide', id, id);
      if (row === undefined) return undefined;
      return {
        title: row.title,
        summary: row.summary,
        steps: row.steps.map(({ time_limit, ...step }) =>
          time_limit === undefined ? step : { ...step, timeLimit: time_limit },
        ),
        cites: cites('guide', id),
      };
    },
    article(lawTitle, articleNumber) {
      const number = parseArticleLabel(articleNumber);
      if (number === undefined) return undefined;
      // A release holds one version of each law, so its title finds it; the page says when that is not the version asked.
      return one('article', `${lawTitle} ${articleNumber}`, lawTitle, number.ordinal, number.sub);
    },
    office(id) {
      return one('office', id, id);
    },
    close: () => db.close(),
  };
}
