import { describe, expect, it } from 'vitest';
import { installKeyGuard } from './key-guard';

/** A key event as the page receives it, recording what the guard did with it. */
function press(init: {
  key: string;
  code?: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
}) {
  const done = { prevented: false, stopped: false };
  const event = {
    key: init.key,
    code: init.code ?? '',
    ctrlKey: init.ctrlKey ?? false,
    altKey: init.altKey ?? false,
    metaKey: init.metaKey ?? false,
    shiftKey: init.shiftKey ?? false,
    preventDefault: () => void (done.prevented = true),
    stopImmediatePropagation: () => void (done.stopped = true),
  };
  return { event, done };
}

describe('the page’s key guard', () => {
  const listeners: { type: string; listener: (e: Event) => void; capture: unknown }[] = [];
  installKeyGuard({
    addEventListener: (type: string, listener: unknown, capture: unknown) =>
      void listeners.push({ type, listener: listener as (e: Event) => void, capture }),
  });
  const dispatch = (type: string, init: Parameters<typeof press>[0]) => {
    const { event, done } = press(init);
    for (const l of listeners.filter((l) => l.type === type)) l.listener(event as unknown as Event);
    return done;
  };

  it('listens in the capture phase, on key down and up', () => {
    expect(listeners.map((l) => [l.type, l.capture])).toEqual([
      ['keydown', true],
      ['keyup', true],
    ]);
  });

  it('swallows DevTools, print, view-source, reload and browser keys', () => {
    for (const init of [
      { key: 'F12', code: 'F12' },
      { key: 'I', code: 'KeyI', ctrlKey: true },
      { key: 'p', code: 'KeyP', ctrlKey: true },
      { key: 'u', code: 'KeyU', ctrlKey: true },
      { key: 'F5', code: 'F5' },
      { key: 'ArrowLeft', code: 'ArrowLeft', altKey: true },
      { key: 'BrowserBack', code: 'BrowserBack' },
      // Chromium's task manager, whose "End process" takes the kiosk down.
      { key: 'Escape', code: 'Escape', shiftKey: true },
    ]) {
      expect(dispatch('keydown', init), init.key).toEqual({ prevented: true, stopped: true });
    }
  });

  it('lets plain typing through', () => {
    for (const init of [
      { key: 'a' },
      { key: 'A' },
      { key: '1' },
      { key: 'Enter' },
      { key: 'Backspace' },
      { key: 'Escape' },
      { key: 'ArrowDown' },
      { key: 'A', shiftKey: true },
    ]) {
      expect(dispatch('keydown', init), init.key).toEqual({ prevented: false, stopped: false });
    }
  });
});
