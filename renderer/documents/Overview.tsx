import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import type { TemplateResponse } from '../../common/api/templates';
import { groupIdNumber } from '../../common/idcard/group-id-number';
import type { TemplateField } from '../../common/templates/template';
import { BigButton } from '../../ui/buttons/BigButton';
import { Icon } from '../../ui/icons/Icon';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { formatLegalDate } from '../shared/dates';
import { type FieldErrors, type FormValues, type Party, amountPreview, completeDate } from './form-model';
import { useLanguage } from '../../ui/i18n/use-language';
import { CardButton } from './CardButton';
import { FieldProblem } from '../flow/Field';
import { useFieldErrorText } from './use-field-error-text';

/** How an answer reads in the list: the amount with its capitals, a date in words, an ID number in groups. */
function shownValue(field: TemplateField, text: string, language: ReturnType<typeof useLanguage>): string {
  switch (field.kind) {
    case 'amount': {
      const p = amountPreview(text);
      return p.state === 'ok' ? `${text.trim()} 元（${p.capitals}）` : text;
    }
    case 'date': {
      const iso = completeDate(text);
      return iso === null ? text : formatLegalDate(iso, language);
    }
    case 'id-number':
      return groupIdNumber(text);
    case 'percent':
      return `${text.trim()}%`;
    case 'integer':
      return `${text.trim()}${field.unit ?? ''}`;
    default:
      return text;
  }
}

/**
 * Every item at a glance, each with its answer, "还没有填" or what is wrong:
 * a tap on one opens it. From here the citizen asks for the preview.
 */
export function Overview({
  template,
  values,
  errors,
  unknownFields,
  health,
  parties,
  onField,
  onCard,
  onPreview,
}: {
  template: TemplateResponse;
  values: FormValues;
  errors: FieldErrors;
  unknownFields: boolean;
  health: Health;
  parties: readonly Party[];
  onField(index: number): void;
  onCard(): void;
  onPreview(): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useFieldErrorText();
  const problemId = useId();
  const wrong = template.fields.filter((f) => errors[f.id] !== undefined).length;
  return (
    <>
      <h2 className="flow-title">{t('documents.form.overviewTitle')}</h2>
      <p className="screen__lead">{t('documents.form.overviewLead')}</p>
      {unknownFields && <StatusNotice tone="warning">{t('documents.form.unknownField')}</StatusNotice>}
      {wrong > 0 && <StatusNotice tone="warning">{t('documents.form.fixCount', { count: wrong })}</StatusNotice>}
      <ol className="plain-list doc-overview" data-testid="overview">
        {template.fields.map((field, i) => {
          const text = (values[field.id] ?? '').trim();
          const error = errors[field.id];
          return (
            <li key={field.id} className="doc-overview__entry">
              <button
                type="button"
                className="button button--list doc-item"
                data-invalid={error !== undefined || undefined}
                aria-describedby={error !== undefined ? `${problemId}-${i}` : undefined}
                data-testid={`overview-${field.id}`}
                onClick={() => onField(i)}
              >
                <span className="doc-item__number" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="doc-item__body">
                  <span className="doc-item__label" lang="zh-CN">
                    {field.label}
                  </span>
                  {text === '' ? (
                    <span className="doc-item__empty">
                      {field.required ? t('documents.form.notFilled') : t('documents.form.leftEmpty')}
                    </span>
                  ) : (
                    <span className="doc-item__value" lang="zh-CN">
                      {shownValue(field, text, language)}
                    </span>
                  )}
                  {error !== undefined && (
                    <span className="doc-item__status">
                      <Icon name="warning" className="doc-item__status-icon" />
                      {t('documents.form.needsFix')}
                    </span>
                  )}
                </span>
                <Icon name="edit" className="button__icon" />
              </button>
              {error !== undefined && <FieldProblem id={`${problemId}-${i}`}>{errorText(error)}</FieldProblem>}
            </li>
          );
        })}
      </ol>
      <div className="screen-actions">
        {parties.length > 0 && <CardButton health={health} label={t('documents.card.button')} onPress={onCard} />}
        <BigButton variant="primary" icon="forward" data-testid="overview-preview" onClick={onPreview}>
          {t('documents.form.preview')}
        </BigButton>
      </div>
    </>
  );
}
