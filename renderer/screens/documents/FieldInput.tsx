import { type FocusEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { groupIdNumber } from '../../../common/idcard/group-id-number';
import { localDay } from '../../../common/local-date';
import type { TemplateField } from '../../../common/templates/template';
import { BigButton } from '../../components/BigButton';
import { Icon } from '../../components/Icon';
import { formatLegalDate } from '../../content/dates';
import {
  type DateParts,
  amountPreview,
  completeDate,
  joinDate,
  keyboardFor,
  offersToday,
  splitDate,
} from '../../documents/form-model';
import { useLanguage } from '../../i18n/use-language';
import { KeyboardField } from '../../keyboard/KeyboardField';

export interface FieldInputProps {
  field: TemplateField;
  value: string;
  /** The id of the (first) input, for the label. */
  inputId: string;
  /** The field's heading, naming groups of buttons or boxes. */
  labelId: string;
  describedBy: string | undefined;
  invalid: boolean;
  onChange(text: string): void;
  onFocus(e: FocusEvent<HTMLInputElement>): void;
}

/**
 * The input for one field, by its kind: the on-screen keyboard's pinyin for
 * text, its digit pad for amounts (with the capitals written out live), ID
 * and phone numbers and other numbers; three digit boxes for a date; big
 * buttons for a choice.
 */
export function FieldInput(props: FieldInputProps) {
  switch (props.field.kind) {
    case 'choice':
      return <ChoiceInput {...props} options={props.field.options} />;
    case 'date':
      return <DateInput {...props} />;
    default:
      return <TypedInput {...props} />;
  }
}

const UNIT: Partial<Record<TemplateField['kind'], string>> = { amount: '元', percent: '%' };

function TypedInput({ field, value, inputId, describedBy, invalid, onChange, onFocus }: FieldInputProps) {
  const { t } = useTranslation();
  const kb = keyboardFor(field);
  const unit = field.kind === 'integer' ? field.unit : UNIT[field.kind];
  return (
    <>
      <div className="doc-input-row">
        <KeyboardField
          id={inputId}
          className={kb.layout === 'digits' ? 'text-input text-input--digits doc-input' : 'text-input doc-input'}
          value={value}
          onValueChange={onChange}
          layout={kb.layout}
          digitKeys={kb.digitKeys}
          maxLength={kb.maxLength}
          keyboardHint={kb.hint === null ? undefined : t(`documents.keyboard.${kb.hint}`)}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          data-testid="field-input"
          onFocus={onFocus}
        />
        {unit !== undefined && (
          <span className="doc-input-unit" lang="zh-CN">
            {unit}
          </span>
        )}
      </div>
      <Readout field={field} value={value} />
    </>
  );
}

/** What the typed text will read as: the amount in capitals, the ID number in groups, a long text in full. */
function Readout({ field, value }: { field: TemplateField; value: string }) {
  const { t } = useTranslation();
  switch (field.kind) {
    case 'amount': {
      const preview = amountPreview(value);
      return (
        <p className="doc-readout" data-testid="amount-capitals" aria-live="polite">
          {preview.state === 'ok' ? (
            <span lang="zh-CN">{t('documents.form.amountCapitals', { capitals: preview.capitals })}</span>
          ) : preview.state === 'error' ? (
            t(`documents.errorVariants.amountReasons.${preview.reason}`)
          ) : (
            t('documents.form.amountEmpty')
          )}
        </p>
      );
    }
    case 'id-number':
      return value.replace(/\s/g, '').length > 6 ? (
        <p className="doc-readout doc-readout--digits">
          {t('documents.form.idNumberReads', { grouped: groupIdNumber(value) })}
        </p>
      ) : null;
    case 'multiline':
      return (
        <>
          {value.trim() !== '' && (
            <div className="doc-written">
              <p className="doc-written__label">{t('documents.form.written')}</p>
              <p className="doc-written__text reading" lang="zh-CN">
                {value}
              </p>
            </div>
          )}
          <p className="doc-count">{t('documents.form.charCount', { count: [...value].length, max: field.max })}</p>
        </>
      );
    default:
      return null;
  }
}

function DateInput({ field, value, inputId, labelId, describedBy, invalid, onChange, onFocus }: FieldInputProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const monthId = useId();
  const dayId = useId();
  const parts = splitDate(value);
  const complete = completeDate(value);
  const boxes: { part: keyof DateParts; id: string; max: number; unit: string; next: string | null }[] = [
    { part: 'year', id: inputId, max: 4, unit: t('documents.form.dateYear'), next: monthId },
    { part: 'month', id: monthId, max: 2, unit: t('documents.form.dateMonth'), next: dayId },
    { part: 'day', id: dayId, max: 2, unit: t('documents.form.dateDay'), next: null },
  ];
  return (
    <div className="doc-date" role="group" aria-labelledby={labelId} aria-describedby={describedBy}>
      <div className="doc-date__parts">
        {boxes.map(({ part, id, max, unit, next }) => (
          <span key={part} className={`doc-date__part doc-date__part--${part}`}>
            <KeyboardField
              id={id}
              className="text-input text-input--digits doc-input doc-date__input"
              value={parts[part]}
              onValueChange={(text) => onChange(joinDate({ ...parts, [part]: text.replace(/\D/g, '') }))}
              // 完成 on the year goes on to the month, and the month to the day.
              onDone={() => {
                if (next !== null) document.getElementById(next)?.focus();
              }}
              layout="digits"
              digitKeys={[null, null]}
              maxLength={max}
              keyboardHint={t('documents.keyboard.date')}
              autoComplete="off"
              aria-invalid={invalid || undefined}
              data-testid={`date-${part}`}
              onFocus={onFocus}
            />
            <label htmlFor={id} className="doc-date__unit">
              {unit}
            </label>
          </span>
        ))}
      </div>
      {offersToday(field) && (
        <BigButton icon="clock" data-testid="date-today" onClick={() => onChange(localDay(new Date()))}>
          {t('documents.form.dateToday')}
        </BigButton>
      )}
      {complete !== null && (
        <p className="doc-readout">{t('documents.form.dateReads', { date: formatLegalDate(complete, language) })}</p>
      )}
    </div>
  );
}

function ChoiceInput({
  value,
  labelId,
  describedBy,
  onChange,
  options,
}: FieldInputProps & { options: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <div
      className="option-grid option-grid--4 doc-choices"
      role="group"
      aria-labelledby={labelId}
      aria-describedby={describedBy}
    >
      {options.map((option) => {
        const chosen = value === option;
        return (
          <button
            key={option}
            type="button"
            className="button button--list button--raised option-button"
            aria-pressed={chosen}
            data-testid="choice"
            onClick={() => onChange(option)}
          >
            <Icon name={chosen ? 'ok' : 'forward'} className="button__icon" />
            <span lang="zh-CN">{option}</span>
            {chosen && <span className="doc-choice__chosen">{t('documents.form.chosen')}</span>}
          </button>
        );
      })}
    </div>
  );
}
