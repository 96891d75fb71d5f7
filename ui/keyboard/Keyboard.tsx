import type { MouseEvent, PointerEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../icons/Icon';
import {
  type KeyboardAction,
  type KeyboardState,
  canPageBack,
  canPageForward,
  visibleCandidates,
} from './keyboard-state';
import '../components.css';

export type DoneKind = 'search' | 'done';

export interface KeyboardProps {
  state: KeyboardState;
  dispatch(action: KeyboardAction): void;
  /** 完成 / 搜索: commit and hand the text over. */
  onDone(): void;
  onHide(): void;
  doneKind: DoneKind;
  /** The keys either side of 0 on the 123 pad (default X and -: ID and phone numbers); null leaves the place empty. */
  digitKeys?: readonly [string | null, string | null];
  /** Words above the keys instead of the layout's own hint (e.g. what a number field wants). */
  hint?: string;
}

const LETTER_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'] as const;
const DIGIT_ROWS = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
] as const;
const DEFAULT_DIGIT_KEYS = ['X', '-'] as const;

/**
 * Handlers for a key: it acts on pointer down, and the pointer down is
 * cancelled so the field keeps the focus (and the caret). The click that
 * follows a tap is ignored; a click with no pointer behind it (keyboard or
 * assistive technology: `detail` 0) still presses the key.
 */
function press(action: () => void) {
  return {
    onPointerDown: (e: PointerEvent) => {
      if (e.pointerType === 'mouse' && e.button !== 0) return;
      e.preventDefault();
      action();
    },
    onMouseDown: (e: MouseEvent) => e.preventDefault(),
    onClick: (e: MouseEvent) => {
      if (e.detail === 0) action();
    },
  };
}

/**
 * For keys that close the keyboard (完成, 收起) or shrink it (a candidate): they act on the click, once
 * the finger is up. Closing on pointer down would let the click that follows
 * land on whatever was under the keyboard.
 */
function pressAndClose(action: () => void) {
  return {
    onPointerDown: (e: PointerEvent) => e.preventDefault(),
    onMouseDown: (e: MouseEvent) => e.preventDefault(),
    onClick: () => action(),
  };
}

/** Cancels pointer downs on the keyboard's own surface, so a tap between keys does not take the focus either. */
const keepFocus = {
  onPointerDown: (e: PointerEvent) => e.preventDefault(),
  onMouseDown: (e: MouseEvent) => e.preventDefault(),
};

/**
 * A key's spoken name starts with what is printed on it, then says what it
 * does: "123 切换到数字". Someone who says or hears the printed word finds the
 * key (WCAG 2.5.3, label in name).
 */
function spoken(printed: string, action: string): string {
  return `${printed} ${action}`;
}

interface KeyProps {
  children: ReactNode;
  onPress(): void;
  label?: string;
  testId: string;
  className?: string;
  /** Shown as unavailable; still announced, and a press does nothing. Not `disabled`: a tap on a disabled button would take the focus from the field. */
  inactive?: boolean;
  pressed?: boolean;
  /** The key closes the keyboard: act on the click, not on touch down. */
  closes?: boolean;
}

function Key({ children, onPress, label, testId, className, inactive = false, pressed, closes = false }: KeyProps) {
  const handlers = (closes ? pressAndClose : press)(() => {
    if (!inactive) onPress();
  });
  return (
    <button
      type="button"
      className={className ? `kb-key ${className}` : 'kb-key'}
      aria-label={label}
      aria-disabled={inactive || undefined}
      aria-pressed={pressed}
      data-testid={testId}
      {...handlers}
    >
      {children}
    </button>
  );
}

/**
 * The keyboard the kiosk draws itself (the system's does not show over a
 * fullscreen window), docked at the bottom of the screen while a field is
 * being typed in: pinyin with phrase candidates, English letters, and a
 * 123 layout for ID card and phone numbers.
 */
export function Keyboard({
  state,
  dispatch,
  onDone,
  onHide,
  doneKind,
  digitKeys = DEFAULT_DIGIT_KEYS,
  hint: hintOverride,
}: KeyboardProps) {
  const { t } = useTranslation();
  const act = (action: KeyboardAction) => () => dispatch(action);
  const doneLabel = doneKind === 'search' ? t('keyboard.search') : t('keyboard.done');
  const candidates = visibleCandidates(state);
  const composing = state.composition !== '';

  const digitRows = [...DIGIT_ROWS, [digitKeys[0], '0', digitKeys[1]]] as const;
  const hint =
    hintOverride ??
    (state.mode === 'zh'
      ? t('keyboard.hintPinyin')
      : state.mode === 'en'
        ? t('keyboard.hintEnglish')
        : t('keyboard.hintDigits'));

  return (
    <div
      className="kb"
      role="group"
      aria-label={t('keyboard.label')}
      data-testid="keyboard"
      data-mode={state.mode}
      {...keepFocus}
    >
      <div className="kb__top">
        <p className="kb__composition" data-testid="kb-composition">
          {composing ? (
            <>
              <span className="visually-hidden">{t('keyboard.composing')}</span>
              <span className="kb__pinyin" data-testid="kb-pinyin">
                {state.composition}
              </span>
            </>
          ) : (
            <span className="kb__hint">{hint}</span>
          )}
        </p>
        <button
          type="button"
          className="kb-key kb-key--hide"
          data-testid="kb-hide"
          aria-label={t('keyboard.hide')}
          {...pressAndClose(onHide)}
        >
          <Icon name="close" className="kb-key__icon" />
          <span className="kb-key__small">{t('keyboard.hide')}</span>
        </button>
      </div>
      {state.mode === 'zh' && (
        <div
          className="kb__candidates"
          role="toolbar"
          aria-label={t('keyboard.candidates')}
          data-testid="kb-candidates"
        >
          <Key
            testId="kb-prev"
            className="kb-key--page"
            label={t('keyboard.prevPage')}
            inactive={!canPageBack(state)}
            onPress={act({ type: 'prevPage' })}
          >
            ‹
          </Key>
          <div className="kb__candidate-list" lang="zh-CN">
            {composing && candidates === null && (
              <span className="kb__candidate-note">{t('keyboard.candidatesLoading')}</span>
            )}
            {candidates?.length === 0 && <span className="kb__candidate-note">{t('keyboard.noCandidates')}</span>}
            {candidates?.map((c, i) => (
              <button
                key={`${state.page}-${c.text}`}
                type="button"
                className={i === 0 ? 'kb-candidate kb-candidate--first' : 'kb-candidate'}
                data-testid={`kb-candidate-${i}`}
                // On the click, not pointer down: picking empties the candidate row and the keyboard gets shorter,
                // so the click that follows would land on whatever is then under the finger (a home tile, in 长辈模式).
                {...pressAndClose(() => dispatch({ type: 'pick', index: i }))}
              >
                {c.text}
              </button>
            ))}
          </div>
          <Key
            testId="kb-next"
            className="kb-key--page"
            label={t('keyboard.nextPage')}
            inactive={!canPageForward(state)}
            onPress={act({ type: 'nextPage' })}
          >
            ›
          </Key>
        </div>
      )}
      {state.mode === 'digits' ? (
        <div className="kb__keys kb__keys--digits">
          {digitRows.map((row, r) => (
            <div className="kb__row" key={r}>
              {row.map((ch, c) =>
                ch === null ? (
                  <span key={`empty-${c}`} className="kb-key-gap" aria-hidden="true" />
                ) : (
                  <Key
                    key={ch}
                    testId={`kb-key-${ch}`}
                    className="kb-key--digit"
                    onPress={act({ type: 'insert', text: ch })}
                  >
                    {ch}
                  </Key>
                ),
              )}
              {r === 0 && (
                <Key
                  testId="kb-backspace"
                  className="kb-key--action"
                  label={t('keyboard.backspace')}
                  onPress={act({ type: 'backspace' })}
                >
                  <Icon name="back" className="kb-key__icon" />
                  <span className="kb-key__small">{t('keyboard.backspace')}</span>
                </Key>
              )}
              {r === 1 && (
                <Key testId="kb-clear" className="kb-key--action" onPress={act({ type: 'clear' })}>
                  {t('keyboard.clear')}
                </Key>
              )}
              {r === 2 && (
                <Key
                  testId="kb-letters"
                  className="kb-key--action"
                  label={spoken(
                    state.letterMode === 'zh' ? t('keyboard.pinyin') : t('keyboard.letters'),
                    t('keyboard.toLetters'),
                  )}
                  onPress={act({ type: 'letters' })}
                >
                  {state.letterMode === 'zh' ? t('keyboard.pinyin') : t('keyboard.letters')}
                </Key>
              )}
              {r === 3 && (
                <Key testId="kb-done" className="kb-key--done" closes onPress={onDone}>
                  {doneLabel}
                </Key>
              )}
            </div>
          ))}
        </div>
      ) : (
        <div className="kb__keys kb__keys--letters">
          {LETTER_ROWS.map((row, r) => (
            <div className={`kb__row kb__row--${r}`} key={row}>
              {[...row].map((letter) => (
                <Key
                  key={letter}
                  testId={`kb-key-${letter}`}
                  className="kb-key--letter"
                  onPress={act({ type: 'letter', letter })}
                >
                  {state.mode === 'zh' ? letter.toUpperCase() : letter}
                </Key>
              ))}
              {r === 2 && (
                <Key
                  testId="kb-backspace"
                  className="kb-key--action kb-key--backspace"
                  label={t('keyboard.backspace')}
                  onPress={act({ type: 'backspace' })}
                >
                  <Icon name="back" className="kb-key__icon" />
                  <span className="kb-key__small">{t('keyboard.backspace')}</span>
                </Key>
              )}
            </div>
          ))}
          <div className="kb__row kb__row--bottom">
            <Key
              testId="kb-digits"
              className="kb-key--action"
              label={spoken(t('keyboard.digits'), t('keyboard.toDigits'))}
              onPress={act({ type: 'digits' })}
            >
              {t('keyboard.digits')}
            </Key>
            <Key
              testId="kb-language"
              className="kb-key--action kb-key--language"
              label={spoken(
                `${t('keyboard.chinese')}/${t('keyboard.english')}`,
                state.mode === 'zh' ? t('keyboard.toEnglish') : t('keyboard.toChinese'),
              )}
              onPress={act({ type: 'toggleLanguage' })}
            >
              <span className={state.mode === 'zh' ? 'kb-key__on' : 'kb-key__off'}>{t('keyboard.chinese')}</span>
              <span className="kb-key__sep">/</span>
              <span className={state.mode === 'en' ? 'kb-key__on' : 'kb-key__off'}>{t('keyboard.english')}</span>
            </Key>
            <Key
              testId="kb-space"
              className="kb-key--space"
              label={t('keyboard.space')}
              onPress={act({ type: 'space' })}
            >
              {t('keyboard.space')}
            </Key>
            <Key testId="kb-clear" className="kb-key--action" onPress={act({ type: 'clear' })}>
              {t('keyboard.clear')}
            </Key>
            <Key testId="kb-done" className="kb-key--done" closes onPress={onDone}>
              {doneLabel}
            </Key>
          </div>
        </div>
      )}
    </div>
  );
}
