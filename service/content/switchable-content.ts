import type { SubsystemState } from '../../common/api/health';
import type { ContentService } from './content-service';

/**
 * The content service the routes hold: it answers from whichever release is
 * served now, and `swap` replaces that release between two requests. Every
 * read is synchronous, so no request sees half of one release and half of
 * another; the old release is closed once the new one answers.
 */
export interface SwitchableContent extends ContentService {
  /** Serves `next` from now on and closes the release served before. */
  swap(next: ContentService, description: string): void;
  /** What `state().detail` says while the release answers: which one it is, and any note about it. */
  describe(description: string): void;
}

export function switchableContent(initial: ContentService, initialDescription: string): SwitchableContent {
  let current = initial;
  let description = initialDescription;
  const state = (): SubsystemState => {
    const s = current.state();
    return s.state === 'ok' ? { state: 'ok', detail: description } : s;
  };
  return {
    state,
    releaseVersion: () => current.releaseVersion(),
    search: () => current.search(),
    reader: () => current.reader(),
    ime: () => current.ime(),
    warm: () => {
      current.warm();
      return state();
    },
    guard: (use) => current.guard(use),
    close: () => current.close(),
    swap(next, text) {
      const old = current;
      current = next;
      description = text;
      old.close();
    },
    describe(text) {
      description = text;
    },
  };
}
