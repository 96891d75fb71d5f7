import { HttpError, ServiceUnavailableError } from '../../server-kit/http/http-error';
import type { Handlers } from '../http/server';
import { ContentNotFoundError } from './content-reader';
import { ContentUnavailableError, type ContentService } from './content-service';

/**
 * Runs one read of the content release and turns its failures into answers:
 * no usable release (or one found damaged now) is a 503 that says why, an
 * id the release does not have is a 404.
 */
export function fromContent(content: ContentService): <T>(use: () => T) => T {
  return (use) => {
    try {
      return content.guard(use);
    } catch (error) {
      if (error instanceof ContentUnavailableError)
        throw new ServiceUnavailableError(`Legal content is unavailable: ${error.message}`);
      if (error instanceof ContentNotFoundError) throw new HttpError(404, 'not-found', error.message);
      throw error;
    }
  };
}

/**
 * The HTTP handlers that answer from the content release: search, the
 * on-screen keyboard's candidates, and what the screens show (slides, FAQ,
 * guides, laws, the directory of this terminal's region, templates).
 */
export function contentHandlers(
  content: ContentService,
  /** The terminal's region (configuration `location.regionCode`): the directory lists its offices. */
  regionCode: string,
): Pick<
  Handlers,
  | 'search'
  | 'suggest'
  | 'ime'
  | 'slides'
  | 'topics'
  | 'faqList'
  | 'faq'
  | 'guide'
  | 'laws'
  | 'law'
  | 'article'
  | 'articlesByCitation'
  | 'directory'
  | 'templates'
  | 'template'
> {
  const withContent = fromContent(content);
  return {
    search: ({ query, limit }) => withContent(() => content.search().search(query, limit)),
    suggest: ({ prefix, limit }) => withContent(() => content.search().suggest(prefix, limit)),
    ime: ({ input, page, pageSize }) => withContent(() => content.ime().candidates(input, page, pageSize)),
    slides: () => withContent(() => content.reader().slides()),
    topics: () => withContent(() => content.reader().topics()),
    faqList: ({ topicId }) => withContent(() => content.reader().faqList(topicId)),
    faq: ({ id }) => withContent(() => content.reader().faq(id)),
    guide: ({ id }) => withContent(() => content.reader().guide(id)),
    laws: () => withContent(() => content.reader().laws()),
    law: ({ id }) => withContent(() => content.reader().law(id)),
    article: ({ articleId }) => withContent(() => content.reader().article(articleId)),
    articlesByCitation: ({ citations }) => withContent(() => content.reader().articlesByCitation(citations)),
    directory: ({ kind }) => withContent(() => content.reader().directory(regionCode, kind)),
    templates: () => withContent(() => content.reader().templates()),
    template: ({ id }) => withContent(() => content.reader().template(id)),
  };
}
