import { describe, expect, it } from 'vitest';
import {
  type Candidate,
  type KeyboardAction,
  type KeyboardState,
  MAX_COMPOSITION,
  canPageBack,
  canPageForward,
  initialKeyboardState,
  keyboardReducer,
  pendingLookup,
  visibleCandidates,
} from './keyboard-state';

function run(state: KeyboardState, ...actions: KeyboardAction[]): KeyboardState {
  return actions.reduce(keyboardReducer, state);
}

function type(state: KeyboardState, letters: string): KeyboardState {
  return run(state, ...[...letters].map((letter): KeyboardAction => ({ type: 'letter', letter })));
}

/** The service's answer for the lookup the state is waiting for. */
function answer(state: KeyboardState, items: Candidate[], hasMore = false): KeyboardState {
  const lookup = pendingLookup(state);
  if (!lookup) throw new Error('nothing pending');
  return keyboardReducer(state, { type: 'candidates', ...lookup, items, hasMore });
}

const FALVYUANZHU: Candidate[] = [
  { text: '法律援助', consumes: 11 },
  { text: '法律', consumes: 4 },
  { text: '发', consumes: 2 },
];

describe('pinyin composition', () => {
  it('collects letters without touching the field, and asks for candidates', () => {
    const s = type(initialKeyboardState(), 'falvyuanzhu');
    expect(s.text).toBe('');
    expect(s.composition).toBe('falvyuanzhu');
    expect(pendingLookup(s)).toEqual({ input: 'falvyuanzhu', page: 0 });
    expect(visibleCandidates(s)).toBeNull();
  });

  it('takes capitals as lower case and ignores anything but a–z', () => {
    const s = run(
      initialKeyboardState(),
      { type: 'letter', letter: 'F' },
      { type: 'letter', letter: '1' },
      { type: 'letter', letter: 'a' },
    );
    expect(s.composition).toBe('fa');
  });

  it('stops at the longest composition the service looks up', () => {
    const s = type(initialKeyboardState(), 'a'.repeat(MAX_COMPOSITION + 5));
    expect(s.composition).toHaveLength(MAX_COMPOSITION);
  });

  it('shows an answer only for the composition and page it was asked for', () => {
    let s = type(initialKeyboardState(), 'falv');
    // An answer for "fal" arriving after "v" was typed is stale.
    s = keyboardReducer(s, {
      type: 'candidates',
      input: 'fal',
      page: 0,
      items: [{ text: '发', consumes: 2 }],
      hasMore: false,
    });
    expect(visibleCandidates(s)).toBeNull();
    s = answer(s, [{ text: '法律', consumes: 4 }]);
    expect(visibleCandidates(s)?.map((c) => c.text)).toEqual(['法律']);
    expect(pendingLookup(s)).toBeNull();
    s = type(s, 'y');
    expect(visibleCandidates(s)).toBeNull();
    expect(pendingLookup(s)).toEqual({ input: 'falvy', page: 0 });
  });

  it('commits a whole-input candidate, leaving nothing composed', () => {
    let s = answer(type(initialKeyboardState(), 'falvyuanzhu'), FALVYUANZHU);
    s = keyboardReducer(s, { type: 'pick', index: 0 });
    expect(s.text).toBe('法律援助');
    expect(s.composition).toBe('');
    expect(s.selStart).toBe(4);
    expect(visibleCandidates(s)).toBeNull();
    expect(pendingLookup(s)).toBeNull();
  });

  it('committing a partial candidate keeps the remaining letters as the new input', () => {
    let s = answer(type(initialKeyboardState(), 'falvyuanzhu'), FALVYUANZHU);
    s = keyboardReducer(s, { type: 'pick', index: 1 });
    expect(s.text).toBe('法律');
    expect(s.composition).toBe('yuanzhu');
    expect(s.page).toBe(0);
    expect(pendingLookup(s)).toEqual({ input: 'yuanzhu', page: 0 });
    s = answer(s, [{ text: '援助', consumes: 7 }]);
    s = keyboardReducer(s, { type: 'space' });
    expect(s.text).toBe('法律援助');
    expect(s.composition).toBe('');
  });

  it('ignores a pick while the candidates are not there, or out of range', () => {
    const s = type(initialKeyboardState(), 'falv');
    expect(keyboardReducer(s, { type: 'pick', index: 0 })).toBe(s);
    const t = answer(s, [{ text: '法律', consumes: 4 }]);
    expect(keyboardReducer(t, { type: 'pick', index: 5 })).toBe(t);
  });

  it('inserts at the caret and replaces a selection', () => {
    let s = run(initialKeyboardState(), { type: 'sync', text: '劳动合同', selStart: 2 });
    s = answer(type(s, 'falv'), [{ text: '法律', consumes: 4 }]);
    s = keyboardReducer(s, { type: 'pick', index: 0 });
    expect(s.text).toBe('劳动法律合同');
    expect(s.selStart).toBe(4);
    s = run(s, { type: 'sync', text: s.text, selStart: 0, selEnd: 2 });
    s = answer(type(s, 'lvshi'), [{ text: '律师', consumes: 5 }]);
    s = keyboardReducer(s, { type: 'space' });
    expect(s.text).toBe('律师法律合同');
  });

  it('respects the field’s maxLength', () => {
    let s = initialKeyboardState({ text: '一二三', maxLength: 4 });
    s = answer(type(s, 'falv'), [{ text: '法律', consumes: 4 }]);
    s = keyboardReducer(s, { type: 'pick', index: 0 });
    expect(s.text).toBe('一二三法');
  });
});

describe('backspace', () => {
  it('removes a pinyin letter while composing, and the field is untouched', () => {
    let s = type(initialKeyboardState({ text: '工资' }), 'fal');
    s = keyboardReducer(s, { type: 'backspace' });
    expect(s.composition).toBe('fa');
    expect(s.text).toBe('工资');
    s = run(s, { type: 'backspace' }, { type: 'backspace' });
    expect(s.composition).toBe('');
    expect(s.text).toBe('工资');
    expect(pendingLookup(s)).toBeNull();
  });

  it('removes a character of the field when not composing', () => {
    let s = keyboardReducer(initialKeyboardState({ text: '拖欠工资' }), { type: 'backspace' });
    expect(s.text).toBe('拖欠工');
    s = run(s, { type: 'sync', text: '拖欠工', selStart: 1 }, { type: 'backspace' });
    expect(s.text).toBe('欠工');
    expect(s.selStart).toBe(0);
    expect(keyboardReducer(s, { type: 'backspace' })).toBe(s);
  });

  it('removes a selection, and a whole character outside the BMP', () => {
    const s = keyboardReducer(initialKeyboardState({ text: 'ab𠀀' }), { type: 'backspace' });
    expect(s.text).toBe('ab');
    const t = run(
      initialKeyboardState({ text: 'abcd' }),
      { type: 'sync', text: 'abcd', selStart: 1, selEnd: 3 },
      { type: 'backspace' },
    );
    expect(t.text).toBe('ad');
  });
});

describe('space', () => {
  it('commits the first candidate while composing', () => {
    const s = keyboardReducer(answer(type(initialKeyboardState(), 'lvshi'), [{ text: '律师', consumes: 5 }]), {
      type: 'space',
    });
    expect(s.text).toBe('律师');
  });

  it('commits the letters themselves when there is no candidate', () => {
    const s = keyboardReducer(answer(type(initialKeyboardState(), 'xq'), []), { type: 'space' });
    expect(s.text).toBe('xq');
    expect(s.composition).toBe('');
  });

  it('types a space when not composing', () => {
    expect(keyboardReducer(initialKeyboardState({ text: 'a' }), { type: 'space' }).text).toBe('a ');
  });
});

describe('paging', () => {
  it('pages forward only when there is more, and back to the first page', () => {
    let s = answer(type(initialKeyboardState(), 'fa'), [{ text: '法', consumes: 2 }], true);
    expect(canPageBack(s)).toBe(false);
    expect(canPageForward(s)).toBe(true);
    s = keyboardReducer(s, { type: 'nextPage' });
    expect(s.page).toBe(1);
    expect(visibleCandidates(s)).toBeNull();
    expect(pendingLookup(s)).toEqual({ input: 'fa', page: 1 });
    // No paging on while the page is being looked up.
    expect(keyboardReducer(s, { type: 'nextPage' })).toBe(s);
    s = answer(s, [{ text: '发', consumes: 2 }], false);
    expect(canPageForward(s)).toBe(false);
    expect(keyboardReducer(s, { type: 'nextPage' })).toBe(s);
    s = keyboardReducer(s, { type: 'pick', index: 0 });
    expect(s.text).toBe('发');
    expect(s.page).toBe(0);
  });

  it('goes back a page, and a new letter starts again at the first page', () => {
    let s = answer(type(initialKeyboardState(), 'fa'), [{ text: '法', consumes: 2 }], true);
    s = answer(keyboardReducer(s, { type: 'nextPage' }), [{ text: '发', consumes: 2 }], true);
    expect(keyboardReducer(s, { type: 'prevPage' }).page).toBe(0);
    const t = type(s, 'l');
    expect(t.page).toBe(0);
    expect(pendingLookup(t)).toEqual({ input: 'fal', page: 0 });
    expect(keyboardReducer(initialKeyboardState(), { type: 'prevPage' }).page).toBe(0);
  });
});

describe('layouts', () => {
  it('types digits, X and - in the 123 layout, and returns to the letters', () => {
    let s = keyboardReducer(initialKeyboardState(), { type: 'digits' });
    expect(s.mode).toBe('digits');
    for (const ch of '42010119900307123X') s = keyboardReducer(s, { type: 'insert', text: ch });
    expect(s.text).toBe('42010119900307123X');
    s = run(s, { type: 'clear' }, ...[...'027-12348'].map((text): KeyboardAction => ({ type: 'insert', text })));
    expect(s.text).toBe('027-12348');
    s = keyboardReducer(s, { type: 'backspace' });
    expect(s.text).toBe('027-1234');
    expect(keyboardReducer(s, { type: 'letters' }).mode).toBe('zh');
  });

  it('can start in the 123 layout for a number field', () => {
    expect(initialKeyboardState({ mode: 'digits' }).mode).toBe('digits');
  });

  it('commits the composition as a phrase on the way to 123', () => {
    const s = keyboardReducer(answer(type(initialKeyboardState(), 'falv'), [{ text: '法律', consumes: 4 }]), {
      type: 'digits',
    });
    expect(s.text).toBe('法律');
    expect(s.composition).toBe('');
  });

  it('English types letters straight into the field, and space is a space', () => {
    let s = keyboardReducer(initialKeyboardState(), { type: 'toggleLanguage' });
    expect(s.mode).toBe('en');
    s = run(type(s, 'law'), { type: 'space' });
    s = type(s, 'aid');
    expect(s.text).toBe('law aid');
    expect(s.composition).toBe('');
    // 123 and back returns to English, not Chinese.
    s = run(s, { type: 'digits' }, { type: 'letters' });
    expect(s.mode).toBe('en');
    s = keyboardReducer(s, { type: 'toggleLanguage' });
    expect(s.mode).toBe('zh');
    expect(type(s, 'fa').composition).toBe('fa');
  });

  it('keeps the letters typed, as letters, when switching from 中 to 英', () => {
    const s = keyboardReducer(answer(type(initialKeyboardState(), 'abc'), [{ text: '阿', consumes: 1 }]), {
      type: 'toggleLanguage',
    });
    expect(s.text).toBe('abc');
    expect(s.mode).toBe('en');
  });
});

describe('finishing', () => {
  it('commit puts in the first candidate on show, then any letters it leaves', () => {
    let s = answer(type(initialKeyboardState(), 'falvyuanzhu'), FALVYUANZHU);
    expect(keyboardReducer(s, { type: 'commit' }).text).toBe('法律援助');
    s = answer(type(initialKeyboardState(), 'falvx'), [{ text: '法律', consumes: 4 }]);
    expect(keyboardReducer(s, { type: 'commit' }).text).toBe('法律x');
    // Not looked up yet: the letters.
    expect(keyboardReducer(type(initialKeyboardState(), 'fa'), { type: 'commit' }).text).toBe('fa');
    const done = keyboardReducer(initialKeyboardState({ text: 'x' }), { type: 'commit' });
    expect(done.text).toBe('x');
  });

  it('clear empties the field and the composition; cancel only the composition', () => {
    const s = type(initialKeyboardState({ text: '工资' }), 'fa');
    const cleared = keyboardReducer(s, { type: 'clear' });
    expect(cleared.text).toBe('');
    expect(cleared.composition).toBe('');
    const cancelled = keyboardReducer(s, { type: 'cancel' });
    expect(cancelled.text).toBe('工资');
    expect(cancelled.composition).toBe('');
  });

  it('a sync from the field keeps the composition', () => {
    const s = run(type(initialKeyboardState(), 'fa'), { type: 'sync', text: 'abc' });
    expect(s.text).toBe('abc');
    expect(s.selStart).toBe(3);
    expect(s.composition).toBe('fa');
  });
});
