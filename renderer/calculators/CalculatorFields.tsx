import { useTranslation } from 'react-i18next';
import {
  DATE_PART_LENGTH,
  type DateDraft,
  type DatePart,
  type FieldError,
  cleanAmount,
  cleanDigits,
  stepDatePart,
  stepHours,
} from './forms';
import { Field } from '../flow/Field';
import { ChoiceButton } from '../flow/ChoiceButton';
import { KeyboardField } from '../flow/KeyboardField';
import '../flow/flows.css';
import './calculators.css';

/**
 * The calculators' form fields, for touch, each a flow-kit Field: numbers
 * typed on the kiosk's own keyboard (its 123 layout), dates as year, month
 * and day with − and + beside each, yes/no and several-of as the kit's answer
 * buttons, which stay pressed. Every field has its label above it and, when
 * it needs changing, says why in words with a warning icon (never colour
 * alone), under the label and above what is typed.
 */

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
  return (
    <Field
      group
      name={name}
      label={label}
      hint={hint}
      problem={error ? t(`calculators.errors.${error}`) : null}
      className="calc-field"
      testId={`field-${name}`}
    >
      {({ id, ...control }) => (
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
                  {...control}
                  id={`${id}-${part}`}
                  className={`calc-input calc-input--${part}`}
                  value={value[part]}
                  onValueChange={(text) => onChange({ ...value, [part]: cleanDigits(text, DATE_PART_LENGTH[part]) })}
                  layout="digits"
                  digitKeys={NO_EXTRA_KEYS}
                  keyboardHint={t('calculators.form.keyboardHint', {
                    field: label,
                    unit: t(`calculators.form.${part}`),
                  })}
                  maxLength={DATE_PART_LENGTH[part]}
                  autoComplete="off"
                  aria-label={`${label} ${t(`calculators.form.${part}`)}`}
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
      )}
    </Field>
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
  /** Instead of a hint, where a prefilled figure comes from (in the text's own colour). */
  note?: string;
  value: string;
  unit: string;
  error: FieldError | undefined;
  /** − and + (hours): whole numbers only. */
  steppers?: boolean;
  onChange(value: string): void;
}) {
  const { t } = useTranslation();
  const clean = (text: string): string => (steppers ? cleanDigits(text, 4) : cleanAmount(text));
  return (
    <Field
      name={name}
      label={label}
      hint={note ?? hint}
      problem={error ? t(`calculators.errors.${error}`) : null}
      className={note === undefined ? 'calc-field' : 'calc-field calc-field--note'}
      testId={`field-${name}`}
    >
      {(control) => (
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
            {...control}
            className={steppers ? 'calc-input calc-input--hours' : 'calc-input calc-input--amount'}
            value={value}
            onValueChange={(text) => onChange(clean(text))}
            layout="digits"
            // Whole hours; amounts may have 角 and 分.
            digitKeys={steppers ? NO_EXTRA_KEYS : AMOUNT_KEYS}
            keyboardHint={t('calculators.form.keyboardHint', { field: label, unit })}
            maxLength={steppers ? 4 : 13}
            autoComplete="off"
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
      )}
    </Field>
  );
}

/** The kit's answer buttons, which stay pressed (aria-pressed, a tick and a thicker frame): one of them, or several. */
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
  return (
    <Field group name={name} label={label} className="calc-field" testId={`field-${name}`}>
      {() => (
        <div className="option-grid">
          {options.map((o) => (
            <ChoiceButton
              key={o.value}
              chosen={isSelected(o.value)}
              testId={`${name}-${o.value}`}
              onPress={() => onPress(o.value)}
            >
              {o.label}
            </ChoiceButton>
          ))}
        </div>
      )}
    </Field>
  );
}
