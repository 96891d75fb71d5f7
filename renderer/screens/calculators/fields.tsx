import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { BigButton } from '../../components/BigButton';
import { Icon } from '../../components/Icon';
import {
  DATE_PART_LENGTH,
  type DateDraft,
  type DatePart,
  type FieldError,
  cleanAmount,
  cleanDigits,
  stepDatePart,
  stepHours,
} from '../../calculators/forms';
import { KeyboardField } from '../../keyboard/KeyboardField';
import '../../styles/flows.css';
import './calculators.css';

/**
 * The calculators' form fields, for touch: numbers typed on the kiosk's own
 * keyboard (its 123 layout), dates as year, month and day with − and +
 * beside each, yes/no and several-of as large buttons that stay pressed.
 * Every field has its label above it and, when it needs changing, says why
 * in words with a warning icon (never colour alone).
 */

function ErrorText({ id, error }: { id: string; error: FieldError }) {
  const { t } = useTranslation();
  return (
    <p className="calc-field__error" id={id} data-testid="field-error">
      <Icon name="warning" className="calc-field__error-icon" />
      {t(`calculators.errors.${error}`)}
    </p>
  );
}

function Stepper({ delta, label, onPress, testId }: { delta: 1 | -1; label: string; onPress(): void; testId: string }) {
  return (
    <button type="button" className="button stepper" data-testid={testId} onClick={onPress}>
      <span aria-hidden="true">{delta < 0 ? '−' : '+'}</span>
      <span className="visually-hidden">{label}</span>
    </button>
  );
}

const DATE_PARTS: readonly DatePart[] = ['year', 'month', 'day'];
/** The 123 pad's keys beside 0: none for dates and hours (no X or - to type by mistake), a point for amounts. */
const NO_EXTRA_KEYS = [null, null] as const;
const AMOUNT_KEYS = ['.', null] as const;

export function DateField({
  name,
  label,
  hint,
  value,
  today,
  error,
  onChange,
}: {
  name: string;
  label: string;
  hint?: string;
  value: DateDraft;
  today: DateDraft;
  error: FieldError | undefined;
  onChange(value: DateDraft): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div
      className="calc-field"
      role="group"
      aria-labelledby={`${id}-label`}
      data-field={name}
      data-testid={`field-${name}`}
    >
      <p className="calc-field__label" id={`${id}-label`}>
        {label}
      </p>
      {hint && (
        <p className="calc-field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <div className="date-parts">
        {DATE_PARTS.map((part) => {
          const partName = t(`calculators.form.${part}Name`);
          return (
            <div className="date-part" key={part}>
              <Stepper
                delta={-1}
                label={t('calculators.form.decrease', { part: partName })}
                testId={`${name}-${part}-minus`}
                onPress={() => onChange(stepDatePart(value, part, -1, today))}
              />
              <KeyboardField
                id={`${id}-${part}`}
                className={`calc-input calc-input--${part}`}
                value={value[part]}
                onValueChange={(text) => onChange({ ...value, [part]: cleanDigits(text, DATE_PART_LENGTH[part]) })}
                layout="digits"
                digitKeys={NO_EXTRA_KEYS}
                keyboardHint={t('calculators.form.keyboardHint', { field: label, unit: t(`calculators.form.${part}`) })}
                maxLength={DATE_PART_LENGTH[part]}
                autoComplete="off"
                aria-label={`${label} ${t(`calculators.form.${part}`)}`}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy}
                data-testid={`${name}-${part}`}
              />
              <span className="calc-field__unit" aria-hidden="true">
                {t(`calculators.form.${part}`)}
              </span>
              <Stepper
                delta={1}
                label={t('calculators.form.increase', { part: partName })}
                testId={`${name}-${part}-plus`}
                onPress={() => onChange(stepDatePart(value, part, 1, today))}
              />
            </div>
          );
        })}
      </div>
      {error && <ErrorText id={errorId} error={error} />}
    </div>
  );
}

/** A number typed on the 123 keyboard, with its unit after it (元, 小时); hours also get − and +. */
export function NumberField({
  name,
  label,
  hint,
  note,
  value,
  unit,
  error,
  steppers = false,
  onChange,
}: {
  name: string;
  label: string;
  hint?: string;
  /** A second line under the hint (where a prefilled figure comes from). */
  note?: ReactNode;
  value: string;
  unit: string;
  error: FieldError | undefined;
  /** − and + (hours): whole numbers only. */
  steppers?: boolean;
  onChange(value: string): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint || note ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const clean = (text: string): string => (steppers ? cleanDigits(text, 4) : cleanAmount(text));
  return (
    <div className="calc-field" data-field={name} data-testid={`field-${name}`}>
      <label className="calc-field__label" htmlFor={id}>
        {label}
      </label>
      {(hint || note) && (
        <div id={hintId}>
          {hint && <p className="calc-field__hint">{hint}</p>}
          {note && <p className="calc-field__hint calc-field__note">{note}</p>}
        </div>
      )}
      <div className="number-row">
        {steppers && (
          <Stepper
            delta={-1}
            label={t('calculators.form.decrease', { part: label })}
            testId={`${name}-minus`}
            onPress={() => onChange(stepHours(value, -1))}
          />
        )}
        <KeyboardField
          id={id}
          className={steppers ? 'calc-input calc-input--hours' : 'calc-input calc-input--amount'}
          value={value}
          onValueChange={(text) => onChange(clean(text))}
          layout="digits"
          // Whole hours; amounts may have 角 and 分.
          digitKeys={steppers ? NO_EXTRA_KEYS : AMOUNT_KEYS}
          keyboardHint={t('calculators.form.keyboardHint', { field: label, unit })}
          maxLength={steppers ? 4 : 13}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          data-testid={name}
        />
        <span className="calc-field__unit">{unit}</span>
        {steppers && (
          <Stepper
            delta={1}
            label={t('calculators.form.increase', { part: label })}
            testId={`${name}-plus`}
            onPress={() => onChange(stepHours(value, 1))}
          />
        )}
      </div>
      {error && <ErrorText id={errorId} error={error} />}
    </div>
  );
}

/** Large buttons that stay pressed (aria-pressed, a tick icon and a thicker frame): one of them, or several. */
export function ChoiceField<V extends string>({
  name,
  label,
  options,
  isSelected,
  onPress,
}: {
  name: string;
  label: string;
  options: readonly { value: V; label: string }[];
  isSelected(value: V): boolean;
  onPress(value: V): void;
}) {
  const labelId = useId();
  return (
    <div className="calc-field" role="group" aria-labelledby={labelId} data-field={name} data-testid={`field-${name}`}>
      <p className="calc-field__label" id={labelId}>
        {label}
      </p>
      <div className="choice-row">
        {options.map((o) => {
          const selected = isSelected(o.value);
          return (
            <BigButton
              key={o.value}
              icon={selected ? 'ok' : undefined}
              aria-pressed={selected}
              data-testid={`${name}-${o.value}`}
              onClick={() => onPress(o.value)}
            >
              {o.label}
            </BigButton>
          );
        })}
      </div>
    </div>
  );
}
