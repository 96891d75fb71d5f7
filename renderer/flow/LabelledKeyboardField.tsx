import { type FocusEvent, useId } from 'react';
import { Icon } from '../../ui/icons/Icon';
import { KeyboardField, type KeyboardFieldProps } from './KeyboardField';
import { keepInSightOfKeyboard } from '../../ui/keyboard/keep-in-sight';
import '../../ui/components.css';
import './labelled-field.css';

/** onFocus for an input in a `.form-field`: the docked keyboard must never cover it. */
export function keepAboveKeyboard(e: FocusEvent<HTMLElement>): void {
  const input = e.currentTarget;
  keepInSightOfKeyboard(input, () => input.closest('.form-field') ?? input);
}

/** What is wrong with a field, in words next to a warning icon. */
export function FieldProblem({ id, children }: { id: string; children: string }) {
  return (
    <p className="form-field__problem" id={id} data-testid="field-problem">
      <Icon name="warning" className="form-field__problem-icon" />
      <span>{children}</span>
    </p>
  );
}

export interface LabelledKeyboardFieldProps extends Omit<
  KeyboardFieldProps,
  'id' | 'className' | 'aria-invalid' | 'aria-describedby' | 'onFocus'
> {
  label: string;
  /** What is wrong with the value, in plain words; null or absent when nothing is. */
  problem?: string | null;
  /** A number (ID number, phone): Latin digits, spaced out. */
  number?: boolean;
}

/**
 * A labelled text field typed on the kiosk's own keyboard, with what is wrong
 * with it above the input (in sight while the keyboard is open). The docked
 * keyboard never covers it.
 */
export function LabelledKeyboardField({
  label,
  problem = null,
  number = false,
  ...fieldProps
}: LabelledKeyboardFieldProps) {
  const inputId = useId();
  const problemId = useId();
  return (
    <div className="form-field">
      <label className="form-field__label" htmlFor={inputId}>
        {label}
      </label>
      {problem !== null && <FieldProblem id={problemId}>{problem}</FieldProblem>}
      <KeyboardField
        {...fieldProps}
        id={inputId}
        className={number ? 'text-input form-field__input form-field__input--number' : 'text-input form-field__input'}
        autoComplete="off"
        aria-invalid={problem !== null ? true : undefined}
        aria-describedby={problem !== null ? problemId : undefined}
        onFocus={keepAboveKeyboard}
      />
    </div>
  );
}
