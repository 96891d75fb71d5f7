import type { Input } from 'electron';
import { isBrowserShortcut } from '../common/browser-shortcuts';

/** Keys swallowed before the page or Chromium sees them: the rule is common/browser-shortcuts.ts. */
export type KeyInput = Pick<Input, 'key' | 'code' | 'control' | 'meta' | 'alt'> & Partial<Pick<Input, 'shift'>>;

export function shouldBlockInput(input: KeyInput): boolean {
  return isBrowserShortcut(input);
}
