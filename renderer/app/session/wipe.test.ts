import { describe, expect, it, vi } from 'vitest';
import { announcedCount } from './CountdownDialog';
import { type WipeWindow, wipeSession } from './wipe';

function fakeWindow() {
  const session = new Map([['draft', '张三']]);
  const local = new Map([['x', '1']]);
  const cacheNames = new Set(['a', 'b']);
  const field = { value: '拖欠工资' };
  const blur = vi.fn();
  const replaceState = vi.fn();
  const removeAllRanges = vi.fn();
  const timeline = { clearResourceTimings: vi.fn(), clearMarks: vi.fn(), clearMeasures: vi.fn() };
  const win: WipeWindow = {
    sessionStorage: { clear: () => session.clear() },
    localStorage: { clear: () => local.clear() },
    caches: {
      keys: () => Promise.resolve([...cacheNames]),
      delete: (name: string) => Promise.resolve(cacheNames.delete(name)),
    },
    history: { replaceState },
    location: { href: 'http://127.0.0.1:8420/#secret=abc' },
    document: {
      activeElement: { blur } as unknown as Element,
      querySelectorAll: () => [field as unknown as Element],
    },
    getSelection: () => ({ removeAllRanges }),
    performance: timeline,
  };
  return { win, session, local, cacheNames, field, blur, replaceState, removeAllRanges, timeline };
}

describe('wipeSession', () => {
  it('forgets everything: screen, fields, language, storage, caches, history state and the service session', async () => {
    const w = fakeWindow();
    const resetNavigation = vi.fn();
    const resetLanguage = vi.fn();
    const endSession = vi.fn(() => Promise.resolve({}));
    const report = vi.fn();
    const done = wipeSession('idle', { window: w.win, resetNavigation, resetLanguage, endSession, report });
    // What is on screen goes before anything is awaited.
    expect(resetNavigation).toHaveBeenCalledOnce();
    expect(w.field.value).toBe('');
    await done;
    expect(resetLanguage).toHaveBeenCalledOnce();
    expect(w.session.size).toBe(0);
    expect(w.local.size).toBe(0);
    expect(w.cacheNames.size).toBe(0);
    expect(w.blur).toHaveBeenCalled();
    expect(w.removeAllRanges).toHaveBeenCalled();
    expect(w.timeline.clearResourceTimings).toHaveBeenCalled();
    expect(w.timeline.clearMarks).toHaveBeenCalled();
    // Same address (the secret is in the fragment), no state object.
    expect(w.replaceState).toHaveBeenCalledWith(null, '', 'http://127.0.0.1:8420/#secret=abc');
    expect(endSession).toHaveBeenCalledWith('idle');
    expect(report).not.toHaveBeenCalled();
  });

  it('a service that does not answer, or a step that throws, does not stop the rest', async () => {
    const w = fakeWindow();
    const resetNavigation = vi.fn();
    const report = vi.fn();
    const win: WipeWindow = {
      ...w.win,
      localStorage: {
        clear: () => {
          throw new Error('SecurityError');
        },
      },
      caches: undefined,
    };
    await wipeSession('finish', {
      window: win,
      resetNavigation,
      resetLanguage: () => Promise.reject(new Error('language')),
      endSession: () => Promise.reject(new Error('unreachable')),
      report,
    });
    expect(resetNavigation).toHaveBeenCalledOnce();
    expect(w.session.size).toBe(0);
    expect(w.replaceState).toHaveBeenCalled();
    expect(report.mock.calls.map((c) => c[1]).sort()).toEqual([
      'session wipe: language',
      'session wipe: localStorage',
      'session wipe: service',
    ]);
  });
});

describe('countdown announcements', () => {
  it('speaks at the start, every ten seconds, and each of the last five', () => {
    const said = new Set<number>();
    for (let s = 30; s >= 1; s--) said.add(announcedCount(s, 30));
    expect([...said]).toEqual([30, 20, 10, 5, 4, 3, 2, 1]);
    expect(announcedCount(25, 25)).toBe(25);
    expect(announcedCount(24, 25)).toBe(25);
    expect(announcedCount(19, 25)).toBe(20);
  });
});
