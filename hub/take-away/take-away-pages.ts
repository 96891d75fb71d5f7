import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { hubPages, type HubPageName } from '../../common/hub/api/contract';
import type { LawPageQuery, PageLanguage } from '../../common/hub/api/take-away-pages';
import { directoryEn, directoryZhCN } from '../../common/i18n/sections/directory';
import { LogBudget } from '../../server-kit/http/log-budget';
import type { PageAnswer, PageRequest, PublicPage } from '../../server-kit/http/server';
import { ReleaseShelf, type CurrentRelease } from './current-release';
import { markup, PAGE_CSP, renderPage, wordsFor, type Html, type PageParts } from './page-html';
import type { CitedArticle, PageRelease } from './page-release';

/**
 * The hub's take-away pages (hubPages in the contract): what a phone opens
 * from a kiosk's QR code, read from the current content release. A page
 * names its content by what stays the same across releases, so a code
 * printed today still opens after the next release, or says clearly that
 * what it named is gone (404).
 */

/**
 * A page changes only with the release (or this software): phones and
 * proxies may keep it a few minutes and then ask again with its ETag, so a
 * new release shows within minutes without anyone downloading a page twice.
 */
const CACHE_FOUND = 'public, max-age=300';
/** A link that names nothing may name something in the next release. */
const CACHE_MISSING = 'public, max-age=60';
/**
 * A page that fails (a release row not as the schema says, a file that
 * stopped reading) fails on every request for it, and anyone may ask for it
 * as often as they like: its log lines are counted past this many a minute.
 */
const FAULTS_LOGGED_PER_MINUTE = 10;

type Found = { title: string; label: string; body: Html };
/** Builds one page's content from its checked params and query, or says it is not in the release. */
type Build = (
  release: PageRelease,
  input: { params: { id?: string }; query: Record<string, unknown> },
  lang: PageLanguage,
) => Found | undefined;

export interface TakeAwayPagesOptions {
  release: CurrentRelease;
  logger: Logger;
}

export interface TakeAwayPages {
  pages: PublicPage[];
  close(): void;
}

export function createTakeAwayPages(opts: TakeAwayPagesOptions): TakeAwayPages {
  const shelf = new ReleaseShelf(opts.release, opts.logger);
  const faults = new LogBudget(FAULTS_LOGGED_PER_MINUTE, 60_000, (skipped) =>
    opts.logger.warn(
      { skipped },
      'more take-away pages failed than are logged: the rest of the last minute’s are only counted',
    ),
  );
  const fault = (page: HubPageName, error: unknown) =>
    faults.note(() => opts.logger.error({ err: error, page }, 'a take-away page could not be made from the release'));
  const builders: Record<HubPageName, Build> = {
    answerPage: (release, { params }, lang) => {
      const found = release.answer(params.id!);
      if (found === undefined) return undefined;
      const t = wordsFor(lang);
      const steps = found.nextSteps.map(
        (s) => markup`<li>${s.step}${s.timeLimit === undefined ? markup`` : timeLimit(lang, s.timeLimit)}</li>\n`,
      );
      return {
        title: found.question,
        label: t('answerLabel'),
        body: markup`<h2>${t('answer')}</h2>\n${paragraphs(found.answer)}${section(
          t('nextSteps'),
          steps.length === 0 ? markup`` : markup`<ol>\n${steps}</ol>\n`,
        )}${citations(found.cites, lang)}`,
      };
    },
    guidePage: (release, { params }, lang) => {
      const found = release.guide(params.id!);
      if (found === undefined) return undefined;
      const t = wordsFor(lang);
      const steps = found.steps.map(
        (s) =>
          markup`<li><strong>${s.title}</strong>\n${paragraphs(s.body)}${
            s.timeLimit === undefined ? markup`` : timeLimit(lang, s.timeLimit)
          }</li>\n`,
      );
      return {
        title: found.title,
        label: t('guideLabel'),
        body: markup`${paragraphs(found.summary)}${section(t('steps'), markup`<ol>\n${steps}</ol>\n`)}${citations(
          found.cites,
          lang,
        )}`,
      };
    },
    lawPage: (release, { query }, lang) => {
      const asked = query as LawPageQuery;
      const found = release.article(asked.title, asked.article);
      if (found === undefined) return undefined;
      const t = wordsFor(lang);
      const changed =
        found.versionDate === asked.version
          ? markup``
          : markup`<p class="note">${t('versionChanged', { asked: asked.version, date: found.versionDate })}</p>\n`;
      return {
        title: `${found.lawTitle} ${found.number}`,
        label: t('articleLabel'),
        body: markup`${found.headings.map((h) => markup`<p class="label">${h}</p>\n`)}<p class="label">${t(
          'versionDate',
          { date: found.versionDate },
        )}</p>\n${changed}<p class="article">${found.text}</p>\n`,
      };
    },
    officePage: (release, { params }, lang) => {
      const found = release.office(params.id!);
      if (found === undefined) return undefined;
      const t = wordsFor(lang);
      const kinds = lang === 'en' ? directoryEn.kinds : directoryZhCN.kinds;
      const phone = found.phone?.trim() ?? '';
      // Only an https map link becomes a link: the release is ours, but a page never links to a scheme a phone would run.
      const map = found.mapUrl !== null && /^https:\/\//.test(found.mapUrl) ? found.mapUrl : undefined;
      const services = found.services.map((s) => markup`<li>${s}</li>\n`);
      return {
        title: found.name,
        label: kinds[found.kind],
        body: markup`${found.demo ? markup`<p class="note">${t('demo')}</p>\n` : markup``}${section(
          t('address'),
          markup`<p>${found.address}</p>\n`,
        )}${section(t('hours'), found.hours === null ? markup`` : paragraphs(found.hours))}${section(
          t('phone'),
          phone === '' ? markup`` : markup`<p><a href="tel:${phone.replace(/[^0-9+]/g, '')}">${phone}</a></p>\n`,
        )}${section(t('services'), services.length === 0 ? markup`` : markup`<ul>\n${services}</ul>\n`)}${
          map === undefined ? markup`` : markup`<p><a href="${map}" rel="noopener noreferrer">${t('map')}</a></p>\n`
        }`,
      };
    },
  };

  const pages = (Object.keys(hubPages) as HubPageName[]).map((name): PublicPage => ({
    name,
    path: hubPages[name].path,
    answer: (request) => respond(request, hubPages[name], builders[name], shelf, (error) => fault(name, error)),
  }));
  return { pages, close: () => shelf.close() };
}

/** One page's answer: checked input, then the release, then the content, each failing with its own page. */
function respond(
  request: PageRequest,
  def: { params: z.ZodType; query: z.ZodType },
  build: Build,
  shelf: ReleaseShelf,
  fault: (error: unknown) => void,
): PageAnswer {
  const params = def.params.safeParse(request.params);
  const query = def.query.safeParse(request.query);
  const lang: PageLanguage = request.query['lang'] === 'en' ? 'en' : 'zh-CN';
  const t = wordsFor(lang);
  const problem = (status: number, cache: string, title: string, body: string): PageAnswer => ({
    status,
    headers: { 'cache-control': cache, 'content-security-policy': PAGE_CSP },
    body: renderPage({ lang, title, label: t('firmName'), body: markup`<p>${body}</p>` }),
  });
  if (!params.success || !query.success) return problem(400, CACHE_MISSING, t('badLinkTitle'), t('badLinkBody'));
  const release = shelf.release();
  if (release === undefined) return problem(503, 'no-store', t('unavailableTitle'), t('unavailableBody'));
  const checkedQuery = query.data as Record<string, unknown>;
  let body: string;
  try {
    const found = build(release, { params: params.data as { id?: string }, query: checkedQuery }, lang);
    if (found === undefined) return problem(404, CACHE_MISSING, t('notFoundTitle'), t('notFoundBody'));
    body = renderPage({
      lang,
      ...found,
      releaseVersion: release.version,
      otherLanguageHref: selfHref(request, checkedQuery, lang === 'en' ? 'zh-CN' : 'en'),
    } satisfies PageParts);
  } catch (error) {
    // The phone is told only that the page is unavailable; what went wrong is for the log.
    fault(error);
    return problem(500, 'no-store', t('unavailableTitle'), t('unavailableBody'));
  }
  // The release names the content; the hash of the page covers this software's way of showing it.
  const etag = `"${release.version}.${createHash('sha256').update(body).digest('base64url').slice(0, 12)}"`;
  const headers = { 'cache-control': CACHE_FOUND, etag, 'content-security-policy': PAGE_CSP };
  const known = request.header('if-none-match');
  if (known !== undefined && known.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
    return { status: 304, headers, body: '' };
  return { status: 200, headers, body };
}

/** This page in another language, as a link relative to the page itself (the hub may sit under a path prefix). */
function selfHref(request: PageRequest, query: Record<string, unknown>, lang: PageLanguage): string {
  const last = request.params['id'] === undefined ? 'law' : encodeURIComponent(request.params['id']);
  const rest = Object.entries(query).filter(([key, value]) => key !== 'lang' && typeof value === 'string') as [
    string,
    string,
  ][];
  const search = new URLSearchParams(lang === 'en' ? [...rest, ['lang', 'en']] : rest).toString();
  return search === '' ? last : `${last}?${search}`;
}

/** The cited articles, each a link to its own page (`/p/law`), in the order cited. */
function citations(cites: readonly CitedArticle[], lang: PageLanguage): Html {
  const t = wordsFor(lang);
  const href = (c: CitedArticle) => {
    const query = new URLSearchParams({ title: c.lawTitle, version: c.versionDate, article: c.number });
    if (lang === 'en') query.set('lang', 'en');
    return `../law?${query.toString()}`;
  };
  const items = cites.map((c) => markup`<li><a href="${href(c)}">${c.lawShort} ${c.number}</a></li>\n`);
  return section(t('cites'), markup`<ul>\n${items}</ul>\n`);
}

/** A heading and what is under it; nothing at all when there is nothing under it. */
function section(heading: string, content: Html): Html {
  return content.html === '' ? content : markup`<h2>${heading}</h2>\n${content}`;
}

function timeLimit(lang: PageLanguage, limit: string): Html {
  return markup`<p class="label">${wordsFor(lang)('timeLimit', { limit })}</p>`;
}

/** Text with line breaks as paragraphs. */
function paragraphs(text: string): Html {
  return markup`${text
    .split(/\n+/)
    .filter((line) => line.trim() !== '')
    .map((line) => markup`<p>${line}</p>\n`)}`;
}
