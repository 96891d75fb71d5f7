import { type FocusEvent, useId, useRef } from 'react';
import { Icon } from '../../ui/icons/Icon';
import { KeyboardField } from '../flow/KeyboardField';
import { keepInSightOfKeyboard } from '../../ui/keyboard/keep-in-sight';

export interface MediationFieldProps {
  label: string;
  value: string;
  onChange(text: string): void;
  /** Words under the label (what to write when the name is not known…). */
  hint?: string;
  /** What is wrong with the value, in plain words; null when nothing is. */
  error: string | null;
  layout: 'letters' | 'digits';
  /** The keys either side of 0 on the 123 pad: X for an ID number, '.' for an amount, none for a phone. */
  digitKeys?: readonly [string | null, string | null];
  keyboardHint: string;
  maxLength: number;
  testId: string;
  placeholder?: string;
}

/**
 * One labelled field typed on the kiosk's own keyboard (pinyin for names and
 * words, the 123 pad for numbers), its hint, and what is wrong with it in
 * words next to a warning icon. The docked keyboard never covers the field:
 * it is scrolled up when it would be.
 */
export function MediationField({
  label,
  value,
  onChange,
  hint,
  error,
  layout,
  digitKeys,
  keyboardHint,
  maxLength,
  testId,
  placeholder,
}: MediationFieldProps) {
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const wrapRef = useRef<HTMLDivElement>(null);
  const describedBy =
    [hint !== undefined ? hintId : null, error !== null ? errorId : null].filter((x) => x !== null).join(' ') ||
    undefined;

  const keepInView = (e: FocusEvent<HTMLInputElement>): void =>
    keepInSightOfKeyboard(e.currentTarget, () => wrapRef.current);

  return (
    <div className="med-field" ref={wrapRef} data-invalid={error !== null || undefined}>
      <label htmlFor={inputId} className="med-field__label">
        {label}
      </label>
      {hint !== undefined && (
        <p id={hintId} className="flow-hint">
          {hint}
        </p>
      )}
      <KeyboardField
        id={inputId}
        className={
          layout === 'digits' ? 'text-input text-input--digits med-field__input' : 'text-input med-field__input'
        }
        value={value}
        onValueChange={onChange}
        layout={layout}
        digitKeys={digitKeys}
        keyboardHint={keyboardHint}
        maxLength={maxLength}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error !== null || undefined}
        aria-describedby={describedBy}
        data-testid={testId}
        onFocus={keepInView}
      />
      {error !== null && (
        <p id={errorId} className="med-field__error" data-testid={`${testId}-error`}>
          <Icon name="warning" className="med-field__error-icon" />
          {error}
        </p>
      )}
    </div>
  );
}
