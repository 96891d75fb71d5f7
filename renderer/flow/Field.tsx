import { type FocusEvent, type ReactNode, useId } from 'react';
import { Icon } from '../../ui/icons/Icon';
import { keepInSightOfKeyboard } from '../../ui/keyboard/keep-in-sight';
import { KeyboardField, type KeyboardFieldProps } from './KeyboardField';
import '../../ui/components.css';
import './field.css';

/** onFocus for a control in a `.form-field`: the docked keyboard must never cover its field. */
export function keepAboveKeyboard(e: FocusEvent<HTMLElement>): void {
  const input = e.currentTarget;
  keepInSightOfKeyboard(input, () => input.closest('.form-field') ?? input);
}

/**
 * What is wrong with a field or a choice, in words next to a warning icon —
 * never colour alone. Every flow shows it in this one way, in one place:
 * under the label and hint, above the control.
 */
export function FieldProblem({ id, children }: { id?: string; children: string }) {
  return (
    <p className="form-field__problem" id={id} data-testid="field-problem">
      <Icon name="warning" className="form-field__problem-icon" />
      <span>{children}</span>
    </p>
  );
}

/** What a field hands its control so the control is labelled, described and kept in sight. */
export interface FieldControl {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
  onFocus(e: FocusEvent<HTMLElement>): void;
}

export interface FieldProps {
  label: string;
  /** Words under the label: what to write, or what to do when it is not known. */
  hint?: string;
  /** What is wrong with the value, in plain words; null or absent when nothing is. */
  problem?: string | null;
  /** Several controls (a date's parts, a row of choices): the label names the group instead of one input. */
  group?: boolean;
  /** The answer's name, as `data-field`: how a flow finds the field again (to bring the first wrong one into view). */
  name?: string;
  testId?: string;
  className?: string;
  children(control: FieldControl): ReactNode;
}

/**
 * Every flow's field: its label, a hint, what is wrong with it, then the
 * control. The problem sits above the control, so it stays in sight while the
 * on-screen keyboard is open below, and the control points to it
 * (aria-describedby) so 朗读 and screen readers say it with the field.
 */
export function Field({ label, hint, problem = null, group = false, name, testId, className, children }: FieldProps) {
  const id = useId();
  const labelId = `${id}-label`;
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const describedBy =
    [hint !== undefined ? hintId : null, problem !== null ? problemId : null].filter((x) => x !== null).join(' ') ||
    undefined;
  const control: FieldControl = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': problem !== null ? true : undefined,
    onFocus: keepAboveKeyboard,
  };
  const classes = className === undefined ? 'form-field' : `form-field ${className}`;
  return (
    <div
      className={classes}
      data-invalid={problem !== null || undefined}
      data-field={name}
      data-testid={testId}
      {...(group ? { role: 'group', 'aria-labelledby': labelId } : {})}
    >
      {group ? (
        <p className="form-field__label" id={labelId}>
          {label}
        </p>
      ) : (
        <label className="form-field__label" id={labelId} htmlFor={id}>
          {label}
        </label>
      )}
      {hint !== undefined && (
        <p className="flow-hint form-field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {problem !== null && <FieldProblem id={problemId}>{problem}</FieldProblem>}
      {children(control)}
    </div>
  );
}

export interface KeyboardTextFieldProps extends Omit<
  KeyboardFieldProps,
  'id' | 'className' | 'aria-invalid' | 'aria-describedby' | 'onFocus'
> {
  label: string;
  hint?: string;
  problem?: string | null;
  /** A number (ID number, phone, amount): Latin digits, spaced out. */
  number?: boolean;
  /** The field's box, for tests; the input takes `data-testid`. */
  fieldTestId?: string;
}

/** A {@link Field} typed on the kiosk's own keyboard (pinyin for words, the 123 pad for numbers). */
export function KeyboardTextField({
  label,
  hint,
  problem = null,
  number = false,
  fieldTestId,
  ...inputProps
}: KeyboardTextFieldProps) {
  return (
    <Field label={label} hint={hint} problem={problem} testId={fieldTestId}>
      {(control) => (
        <KeyboardField
          autoComplete="off"
          spellCheck={false}
          {...inputProps}
          {...control}
          className={number ? 'text-input form-field__input form-field__input--number' : 'text-input form-field__input'}
        />
      )}
    </Field>
  );
}
