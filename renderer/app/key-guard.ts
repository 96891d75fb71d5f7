import { isBrowserShortcut } from '../../common/browser-shortcuts';

/**
 * Swallows the browser's shortcuts in the page itself, in the capture phase
 * before any app code, so a keyboard left attached opens no DevTools, print
 * dialog or view-source in any shell. (Shortcuts the browser reserves — new
 * tab, close — never reach a page; the shell closes what they open.)
 */
export function installKeyGuard(target: Pick<EventTarget, 'addEventListener'>): void {
  const swallow = (event: Event): void => {
    const e = event as KeyboardEvent;
    if (
      !isBrowserShortcut({
        key: e.key,
        code: e.code,
        control: e.ctrlKey,
        meta: e.metaKey,
        alt: e.altKey,
        shift: e.shiftKey,
      })
    )
      return;
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  target.addEventListener('keydown', swallow, true);
  target.addEventListener('keyup', swallow, true);
}
