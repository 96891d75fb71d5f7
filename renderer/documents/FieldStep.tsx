import { type FocusEvent, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import type { TemplateResponse } from '../../common/api/templates';
import type { FieldError } from '../../common/templates/values';
import { BigButton } from '../../ui/buttons/BigButton';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { StepProgress } from '../flow/StepProgress';
import { type FormValues, partyOfField } from './form-model';
import { FieldInput } from './FieldInput';
import { afterKeyboard, keepInSightOfKeyboard } from '../../ui/keyboard/keep-in-sight';
import { CardButton } from './CardButton';
import { FieldProblem } from '../flow/Field';
import { useFieldErrorText } from './use-field-error-text';

export interface FieldStepProps {
  template: TemplateResponse;
  index: number;
  values: FormValues;
  error: FieldError | null;
  unknownFields: boolean;
  health: Health;
  /** Put the focus in this field's input once shown (the first wrong field after a preview). */
  autoFocus: boolean;
  onFocused(): void;
  onChange(text: string): void;
  onPrevious: (() => void) | undefined;
  onNext(): void;
  onOverview(): void;
  onCard(group: string): void;
}

/**
 * One item of the form: "第 2 项，共 12 项", the item's name and hint as the
 * template words them, what is wrong with it (in words, above the input, so
 * it stays in sight while the keyboard is open), the input, and 上一项 /
 * 查看全部 / 下一项. A party's items offer to be filled from an ID card.
 */
export function FieldStep({
  template,
  index,
  values,
  error,
  unknownFields,
  health,
  autoFocus,
  onFocused,
  onChange,
  onPrevious,
  onNext,
  onOverview,
  onCard,
}: FieldStepProps) {
  const { t } = useTranslation();
  const errorText = useFieldErrorText();
  const field = template.fields[index]!;
  const total = template.fields.length;
  const last = index === total - 1;
  const labelId = useId();
  const hintId = useId();
  const errorId = useId();
  const inputId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const party = partyOfField(template, field);
  const describedBy =
    [error !== null ? errorId : null, field.hint !== undefined ? hintId : null].filter((id) => id !== null).join(' ') ||
    undefined;

  useEffect(() => {
    if (!autoFocus) return;
    const section = sectionRef.current;
    section?.querySelector<HTMLElement>('input, .option-button')?.focus();
    afterKeyboard(() => section?.scrollIntoView({ block: 'start' }));
    onFocused();
  }, [autoFocus, onFocused]);

  // The docked keyboard must never cover the item it types into (nor what the item reads back, the capitals):
  // scroll the item up when it would.
  const keepInView = (e: FocusEvent<HTMLInputElement>): void =>
    keepInSightOfKeyboard(e.currentTarget, () => sectionRef.current, 'block');

  return (
    <>
      <StepProgress
        look="large"
        text={t('documents.form.progress', { current: index + 1, total })}
        current={index + 1}
        total={total}
        testId="field-progress"
      />
      {unknownFields && <StatusNotice tone="warning">{t('documents.form.unknownField')}</StatusNotice>}
      <section
        ref={sectionRef}
        className="doc-field"
        aria-labelledby={labelId}
        data-field={field.id}
        data-invalid={error !== null || undefined}
        data-testid="field"
      >
        <h2 className="flow-title" id={labelId}>
          {field.kind === 'choice' || field.kind === 'date' ? (
            <span lang="zh-CN">{field.label}</span>
          ) : (
            <label htmlFor={inputId} lang="zh-CN">
              {field.label}
            </label>
          )}
        </h2>
        {!field.required && <p className="doc-field__optional">{t('documents.form.optional')}</p>}
        {field.hint !== undefined && (
          <p className="flow-hint" id={hintId} lang="zh-CN">
            {field.hint}
          </p>
        )}
        {error !== null && <FieldProblem id={errorId}>{errorText(error)}</FieldProblem>}
        <FieldInput
          field={field}
          value={values[field.id] ?? ''}
          inputId={inputId}
          labelId={labelId}
          describedBy={describedBy}
          invalid={error !== null}
          onChange={onChange}
          onFocus={keepInView}
        />
      </section>
      {party !== null && (
        <CardButton
          health={health}
          label={t('documents.card.buttonFor', { party: party.label })}
          onPress={() => onCard(party.group)}
        />
      )}
      <div className="flow-actions doc-actions">
        {onPrevious !== undefined && (
          <BigButton icon="back" data-testid="field-previous" onClick={onPrevious}>
            {t('documents.form.previous')}
          </BigButton>
        )}
        <BigButton icon="contents" data-testid="field-overview" onClick={onOverview}>
          {t('documents.form.overview')}
        </BigButton>
        <BigButton variant="primary" icon="forward" data-testid="field-next" onClick={onNext}>
          {last ? t('documents.form.preview') : t('documents.form.next')}
        </BigButton>
      </div>
    </>
  );
}
