/**
 * The on-screen keyboard's state, as a pure reducer: what is in the field,
 * where the caret is, the pinyin being composed, the candidates for it and
 * the layout on show. No DOM and no service here — the component feeds in
 * taps, physical keys and the service's answers, and writes `text` back to
 * the field.
 *
 * - 中 (pinyin): letters build a composition ("falvyuanzhu"); the service
 *   offers candidates for it; choosing one inserts it and keeps the letters
 *   it does not stand for as the new composition (法律 for "falvyuanzhu"
 *   leaves "yuanzhu").
 * - 英: letters go straight into the field.
 * - 123: digits, X (ID numbers) and - (phone numbers) go straight in.
 */

export type LetterMode = 'zh' | 'en';
export type KeyboardMode = LetterMode | 'digits';

export interface Candidate {
  text: string;
  /** How many letters of the composition this candidate stands for. */
  consumes: number;
}

/** One page of candidates, and the question it answers. */
export interface CandidatePage {
  input: string;
  page: number;
  items: readonly Candidate[];
  hasMore: boolean;
}

export interface KeyboardState {
  /** The field's text (the composition is not part of it until committed). */
  text: string;
  /** The field's selection; equal for a plain caret. */
  selStart: number;
  selEnd: number;
  mode: KeyboardMode;
  /** The letter layout that 123 returns to. */
  letterMode: LetterMode;
  /** Pinyin letters typed and not yet committed (lower case a–z). */
  composition: string;
  /** Candidate page asked for (0-based). */
  page: number;
  /** The latest answer that matches the composition and page, if any. */
  candidates: CandidatePage | null;
  /** The field's maxLength; text beyond it is dropped. */
  maxLength: number;
}

export type KeyboardAction =
  /** The field changed under us (physical typing, caret moved, the screen set a value). */
  | { type: 'sync'; text: string; selStart?: number; selEnd?: number }
  | { type: 'letter'; letter: string }
  /** Literal text: a digit, X, -, a space in English. */
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'space' }
  /** Choose a candidate of the page on show. */
  | { type: 'pick'; index: number }
  /** The service answered: kept only if it still answers the current composition and page. */
  | { type: 'candidates'; input: string; page: number; items: readonly Candidate[]; hasMore: boolean }
  | { type: 'nextPage' }
  | { type: 'prevPage' }
  /** 中 ↔ 英. Leaving 中 keeps the letters typed, as letters. */
  | { type: 'toggleLanguage' }
  /** To the 123 layout (commits the composition). */
  | { type: 'digits' }
  /** Back from 123 to the letter layout last used. */
  | { type: 'letters' }
  | { type: 'clear' }
  /** Commit whatever is composed (first candidate on show, the rest as letters); for 完成/搜索 and leaving. */
  | { type: 'commit' }
  /** Drop the composition (Esc). */
  | { type: 'cancel' };

/** Longest composition: what the service looks up. */
export const MAX_COMPOSITION = 40;

export function initialKeyboardState(
  options: { text?: string; mode?: KeyboardMode; maxLength?: number } = {},
): KeyboardState {
  const text = options.text ?? '';
  const mode = options.mode ?? 'zh';
  return {
    text,
    selStart: text.length,
    selEnd: text.length,
    mode,
    letterMode: 'zh',
    composition: '',
    page: 0,
    candidates: null,
    maxLength: options.maxLength ?? 100,
  };
}

/** The candidates to show for the current composition and page; null while they are being looked up. */
export function visibleCandidates(state: KeyboardState): readonly Candidate[] | null {
  const c = state.candidates;
  if (state.composition === '' || !c || c.input !== state.composition || c.page !== state.page) return null;
  return c.items;
}

/** What to ask the service for now, or null when nothing is missing. */
export function pendingLookup(state: KeyboardState): { input: string; page: number } | null {
  if (state.composition === '' || visibleCandidates(state) !== null) return null;
  return { input: state.composition, page: state.page };
}

export function canPageBack(state: KeyboardState): boolean {
  return state.composition !== '' && state.page > 0;
}

export function canPageForward(state: KeyboardState): boolean {
  return visibleCandidates(state) !== null && (state.candidates?.hasMore ?? false);
}

function clampSelection(state: KeyboardState): { start: number; end: number } {
  const len = state.text.length;
  const a = Math.min(Math.max(0, state.selStart), len);
  const b = Math.min(Math.max(0, state.selEnd), len);
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/** Puts `insert` in place of the selection (as much of it as maxLength allows). */
function insertText(state: KeyboardState, insert: string): KeyboardState {
  const { start, end } = clampSelection(state);
  const room = state.maxLength - (state.text.length - (end - start));
  // Cut by code points, so a character outside the BMP is never split.
  const fitting = [...insert].slice(0, Math.max(0, room)).join('');
  const text = state.text.slice(0, start) + fitting + state.text.slice(end);
  const caret = start + fitting.length;
  return { ...state, text, selStart: caret, selEnd: caret };
}

function deleteBackward(state: KeyboardState): KeyboardState {
  const { start, end } = clampSelection(state);
  if (start !== end)
    return { ...state, text: state.text.slice(0, start) + state.text.slice(end), selStart: start, selEnd: start };
  if (start === 0) return state;
  // One character, not one UTF-16 unit.
  const before = [...state.text.slice(0, start)];
  before.pop();
  const head = before.join('');
  return { ...state, text: head + state.text.slice(start), selStart: head.length, selEnd: head.length };
}

function withComposition(state: KeyboardState, composition: string): KeyboardState {
  return { ...state, composition, page: 0, candidates: composition === '' ? null : state.candidates };
}

function pick(state: KeyboardState, index: number): KeyboardState {
  const items = visibleCandidates(state);
  const chosen = items?.[index];
  if (!chosen) return state;
  const consumes = Math.min(Math.max(1, chosen.consumes), state.composition.length);
  return withComposition(insertText(state, chosen.text), state.composition.slice(consumes));
}

/** Everything composed goes into the field: the first candidate on show, and any letters it leaves, as letters. */
function commitAll(state: KeyboardState): KeyboardState {
  if (state.composition === '') return state;
  const first = visibleCandidates(state)?.[0];
  const picked = first ? pick(state, 0) : state;
  return withComposition(insertText(picked, picked.composition), '');
}

function commitLetters(state: KeyboardState): KeyboardState {
  if (state.composition === '') return state;
  return withComposition(insertText(state, state.composition), '');
}

export function keyboardReducer(state: KeyboardState, action: KeyboardAction): KeyboardState {
  switch (action.type) {
    case 'sync': {
      const text = action.text;
      const selStart = action.selStart ?? text.length;
      const selEnd = action.selEnd ?? selStart;
      if (text === state.text && selStart === state.selStart && selEnd === state.selEnd) return state;
      return { ...state, text, selStart, selEnd };
    }
    case 'letter': {
      const letter = action.letter.toLowerCase();
      if (!/^[a-z]$/.test(letter)) return state;
      if (state.mode === 'zh') {
        if (state.composition.length >= MAX_COMPOSITION) return state;
        return withComposition(state, state.composition + letter);
      }
      return insertText(state, state.mode === 'en' ? action.letter : letter);
    }
    case 'insert':
      // Typing something else while composing: what was composed goes in first, as a phrase.
      return insertText(commitAll(state), action.text);
    case 'backspace':
      if (state.composition !== '') return withComposition(state, state.composition.slice(0, -1));
      return deleteBackward(state);
    case 'space':
      if (state.composition !== '') {
        const items = visibleCandidates(state);
        // No candidates (none exist, or not here yet): the letters themselves.
        return items && items.length > 0 ? pick(state, 0) : commitLetters(state);
      }
      return insertText(state, ' ');
    case 'pick':
      return pick(state, action.index);
    case 'candidates':
      if (action.input !== state.composition || action.page !== state.page) return state;
      return {
        ...state,
        candidates: { input: action.input, page: action.page, items: action.items, hasMore: action.hasMore },
      };
    case 'nextPage':
      return canPageForward(state) ? { ...state, page: state.page + 1 } : state;
    case 'prevPage':
      return canPageBack(state) ? { ...state, page: state.page - 1 } : state;
    case 'toggleLanguage': {
      const letterMode: LetterMode = state.letterMode === 'zh' ? 'en' : 'zh';
      return { ...commitLetters(state), mode: letterMode, letterMode };
    }
    case 'digits':
      return { ...commitAll(state), mode: 'digits' };
    case 'letters':
      return { ...state, mode: state.letterMode };
    case 'clear':
      return { ...withComposition(state, ''), text: '', selStart: 0, selEnd: 0 };
    case 'commit':
      return commitAll(state);
    case 'cancel':
      return withComposition(state, '');
  }
}
