import type { SearchHit } from '../../common/api/search';
import type { Screen } from '../app/navigation';

/** Where a search hit leads: its answer, article or guide; null for an article id that is not a number (never sent, but not trusted). */
export function hitTarget(hit: SearchHit): Screen | null {
  switch (hit.kind) {
    case 'faq':
      return { name: 'answer', faqId: hit.id };
    case 'guide':
      return { name: 'guide', guideId: hit.id };
    case 'article': {
      const articleId = Number(hit.id);
      return Number.isInteger(articleId) && articleId > 0 ? { name: 'article', articleId } : null;
    }
  }
}
