import {
  type FocusEvent,
  type InputHTMLAttributes,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useApi } from '../app/service/ServiceContext';
import { type DoneKind, Keyboard } from '../../ui/keyboard/Keyboard';
import {
  type KeyboardAction,
  type KeyboardState,
  initialKeyboardState,
  keyboardReducer,
  pendingLookup,
} from '../../ui/keyboard/keyboard-state';

export interface KeyboardFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'defaultValue' | 'onChange' | 'inputMode' | 'maxLength'
> {
  value: string;
  onValueChange(value: string): void;
  /** 完成 / 搜索 on the keyboard (and Enter while composing): called with the final text, after the keyboard closes. */
  onDone?(value: string): void;
  /** The label of that key. */
  doneKind?: DoneKind;
  /** The layout the keyboard opens with: pinyin letters, or 123 for a number. */
  layout?: 'letters' | 'digits';
  maxLength?: number;
  /** The keys either side of 0 on the 123 pad (default X and -); '.' for an amount. */
  digitKeys?: readonly [string | null, string | null];
  /** Words on the keyboard saying what this field wants, instead of the layout's own hint. */
  keyboardHint?: string;
}

/** Candidates per page: what fits one row of the screen's width. */
function candidatePageSize(): number {
  return window.innerWidth >= 1400 ? 8 : 5;
}

/**
 * A text field with the kiosk's own on-screen keyboard, docked at the bottom
 * of the screen while the field has the focus.
 *
 * A physical keyboard keeps working. While the on-screen keyboard is in 中
 * (pinyin), physical letter keys feed the pinyin composition too, and while
 * composing: Backspace removes a letter, Space or 1–9 choose a candidate,
 * - / = (or Page Up / Down) page, Esc drops the pinyin, Enter commits and
 * submits. In 英 and 123, and for everything else (text pasted or typed
 * through the system's own input method), the field behaves as a plain
 * input. The system's virtual keyboard is kept away (`inputmode="none"`).
 */
export function KeyboardField({
  value,
  onValueChange,
  onDone,
  doneKind = 'done',
  layout = 'letters',
  maxLength = 100,
  digitKeys,
  keyboardHint,
  onFocus,
  onKeyDown,
  ...inputProps
}: KeyboardFieldProps) {
  const api = useApi();
  const inputRef = useRef<HTMLInputElement>(null);
  const wrapRef = useRef<HTMLSpanElement>(null);
  const [open, setOpen] = useState(false);
  const [kb, setKb] = useState(() =>
    initialKeyboardState({ text: value, mode: layout === 'digits' ? 'digits' : 'zh', maxLength }),
  );

  // Taps can come faster than renders: the latest state, value and callbacks live in refs.
  const kbRef = useRef(kb);
  const valueRef = useRef(value);
  const onValueChangeRef = useRef(onValueChange);
  const onDoneRef = useRef(onDone);
  /** Selection to put back once the new text is in the field. */
  const selectionRef = useRef<[number, number] | null>(null);
  useLayoutEffect(() => {
    valueRef.current = value;
    onValueChangeRef.current = onValueChange;
    onDoneRef.current = onDone;
  });

  const dispatch = useCallback((action: KeyboardAction): KeyboardState => {
    const input = inputRef.current;
    const text = valueRef.current;
    const prev = kbRef.current;
    // The field's own caret, when the field shows the text we know (otherwise the caret we last put there).
    const domSelection = input !== null && input.value === text && document.activeElement === input;
    const selStart = domSelection ? (input.selectionStart ?? text.length) : Math.min(prev.selStart, text.length);
    const selEnd = domSelection ? (input.selectionEnd ?? selStart) : Math.min(prev.selEnd, text.length);
    const base: KeyboardState = { ...prev, text, selStart, selEnd, maxLength: prev.maxLength };
    const next = keyboardReducer(base, action);
    if (next === base && next.text === prev.text) return prev;
    kbRef.current = next;
    setKb(next);
    if (next.text !== text) {
      valueRef.current = next.text;
      onValueChangeRef.current(next.text);
    }
    if (next.text !== text || next.selStart !== selStart || next.selEnd !== selEnd)
      selectionRef.current = [next.selStart, next.selEnd];
    return next;
  }, []);

  // The caret goes where the reducer put it once React has written the new text.
  useLayoutEffect(() => {
    const input = inputRef.current;
    const selection = selectionRef.current;
    if (!input || !selection || input.value !== valueRef.current) return;
    selectionRef.current = null;
    if (document.activeElement === input) input.setSelectionRange(selection[0], selection[1]);
  });

  // Candidates: asked for on every letter, no debounce (the service answers in about a millisecond).
  // Answers that arrive after the pinyin or the page changed are dropped by the reducer.
  const lookup = pendingLookup(kb);
  const lookupInput = lookup?.input;
  const lookupPage = lookup?.page;
  useEffect(() => {
    if (lookupInput === undefined || lookupPage === undefined) return;
    api.call('ime', { input: lookupInput, page: lookupPage, pageSize: candidatePageSize() }).then(
      (r) =>
        dispatch({ type: 'candidates', input: lookupInput, page: lookupPage, items: r.candidates, hasMore: r.hasMore }),
      // No dictionary now: say so; Space still types the letters.
      () => dispatch({ type: 'candidates', input: lookupInput, page: lookupPage, items: [], hasMore: false }),
    );
  }, [api, dispatch, lookupInput, lookupPage]);

  const close = (): void => {
    dispatch({ type: 'commit' });
    setOpen(false);
  };

  const done = (): void => {
    const next = dispatch({ type: 'commit' });
    setOpen(false);
    inputRef.current?.blur();
    onDoneRef.current?.(next.text);
  };

  const hide = (): void => {
    close();
    inputRef.current?.blur();
  };

  const handleBlur = (e: FocusEvent<HTMLSpanElement>): void => {
    const to = e.relatedTarget;
    if (to instanceof Node && wrapRef.current?.contains(to)) return;
    // Leaving the field: what was composed goes in, as it would with 完成.
    if (open) close();
  };

  const handleKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    onKeyDown?.(e);
    if (e.defaultPrevented || !open || e.nativeEvent.isComposing || e.ctrlKey || e.altKey || e.metaKey) return;
    const state = kbRef.current;
    if (state.mode !== 'zh') return;
    if (/^[a-zA-Z]$/.test(e.key)) {
      e.preventDefault();
      dispatch({ type: 'letter', letter: e.key });
      return;
    }
    if (state.composition === '') return;
    switch (e.key) {
      case 'Backspace':
        dispatch({ type: 'backspace' });
        break;
      case ' ':
        dispatch({ type: 'space' });
        break;
      case 'Enter':
        done();
        break;
      case 'Escape':
        dispatch({ type: 'cancel' });
        break;
      case '=':
      case 'PageDown':
        dispatch({ type: 'nextPage' });
        break;
      case '-':
      case 'PageUp':
        dispatch({ type: 'prevPage' });
        break;
      default:
        if (!/^[1-9]$/.test(e.key)) return;
        dispatch({ type: 'pick', index: Number(e.key) - 1 });
    }
    e.preventDefault();
  };

  return (
    <span className="kb-field" ref={wrapRef} onBlur={handleBlur}>
      <input
        ref={inputRef}
        {...inputProps}
        maxLength={maxLength}
        inputMode="none"
        value={value}
        onChange={(e) => onValueChange(e.target.value)}
        onFocus={(e) => {
          onFocus?.(e);
          setOpen(true);
        }}
        onKeyDown={handleKeyDown}
      />
      {open && (
        <Keyboard
          state={kb}
          dispatch={dispatch}
          onDone={done}
          onHide={hide}
          doneKind={doneKind}
          digitKeys={digitKeys}
          hint={keyboardHint}
        />
      )}
    </span>
  );
}
