import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import type { TemplateResponse } from '../../common/api/templates';
import { fieldGroup } from '../../common/templates/template';
import type { FieldError } from '../../common/templates/values';
import { QueryView } from '../shared/QueryView';
import { ScreenHeader } from '../shared/ScreenHeader';
import {
  type FieldErrors,
  type FormValues,
  cardParties,
  checkField,
  errorsByField,
  firstErrorIndex,
  hasUnknownFieldErrors,
  withPrefill,
  withValue,
} from './form-model';
import { useServiceQuery } from '../app/service/use-service-query';
import { CardStep } from './CardStep';
import { DocumentIntro } from './DocumentIntro';
import { DocumentPreview } from './DocumentPreview';
import { FieldStep } from './FieldStep';
import { Overview } from './Overview';
import '../shared/content.css';
import '../flow/flows.css';
import './documents.css';

/**
 * One document template: its introduction, the form one item at a time (or
 * all items at a glance), reading an ID card into it, and the preview with
 * print and take-away. These are steps of one screen, not screens of their
 * own, so the answers survive moving between them; "返回" steps back through
 * them. The answers live in this component's state only: the end of the
 * session remounts the app and they are gone.
 */
export function DocumentScreen({ templateId, health }: { templateId: string; health: Health }) {
  const { t } = useTranslation();
  const template = useServiceQuery('template', { id: templateId });
  if (template.status === 'ok') return <DocumentForm template={template.data} health={health} />;
  return (
    <main className="screen document-screen keyboard-room" data-testid="document">
      <ScreenHeader title={t('features.documents.title')} />
      <QueryView query={template}>{() => null}</QueryView>
    </main>
  );
}

export type Step =
  | { kind: 'intro' }
  | { kind: 'field'; index: number }
  | { kind: 'overview'; from: number }
  /** Reading an ID card; `group` null while the citizen chooses whose card. */
  | { kind: 'card'; group: string | null; back: Step }
  | { kind: 'preview' };

function DocumentForm({ template, health }: { template: TemplateResponse; health: Health }) {
  const [step, setStep] = useState<Step>({ kind: 'intro' });
  const [values, setValues] = useState<FormValues>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [unknownFields, setUnknownFields] = useState(false);
  /** A field to put the focus in once its step is on screen (the first wrong one after a preview). */
  const [focusField, setFocusField] = useState<string | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const { fields } = template;
  const parties = cardParties(template);

  // Every step starts at its top.
  const stepKey = JSON.stringify(step);
  useEffect(() => {
    mainRef.current?.scrollTo({ top: 0 });
  }, [stepKey]);

  const setValue = (fieldId: string, text: string): void => {
    const next = withValue(values, errors, fieldId, text);
    setValues(next.values);
    setErrors(next.errors);
  };

  const goToField = (index: number): void => setStep({ kind: 'field', index });

  const next = (index: number): void => {
    const field = fields[index]!;
    // Checked at once, as the service will check it: a mistake is shown where it was made.
    const error = checkField(template, values, field.id);
    if (error !== null) {
      setErrors({ ...errors, [field.id]: error });
      return;
    }
    if (index + 1 < fields.length) goToField(index + 1);
    else setStep({ kind: 'preview' });
  };

  const onPreviewErrors = (list: readonly FieldError[]): void => {
    const byField = errorsByField(list);
    setErrors(byField);
    setUnknownFields(hasUnknownFieldErrors(template, list));
    const first = firstErrorIndex(template, byField);
    if (first === null) {
      setStep({ kind: 'overview', from: 0 });
      return;
    }
    setFocusField(fields[first]!.id);
    goToField(first);
  };

  const back = (): (() => void) | undefined => {
    switch (step.kind) {
      case 'intro':
        return undefined; // the previous screen
      case 'field':
        return () => (step.index === 0 ? setStep({ kind: 'intro' }) : goToField(step.index - 1));
      case 'overview':
        return () => goToField(step.from);
      case 'card':
        return () => setStep(step.back);
      case 'preview':
        return () => setStep({ kind: 'overview', from: fields.length - 1 });
    }
  };

  const openCard = (group: string | null): void => setStep({ kind: 'card', group, back: step });

  const content = ((): ReactNode => {
    switch (step.kind) {
      case 'intro':
        return (
          <DocumentIntro
            template={template}
            values={values}
            health={health}
            parties={parties}
            onStart={() => goToField(0)}
            onCard={() => openCard(null)}
          />
        );
      case 'field': {
        const field = fields[step.index]!;
        return (
          <FieldStep
            key={field.id}
            template={template}
            index={step.index}
            values={values}
            error={errors[field.id] ?? null}
            unknownFields={unknownFields}
            health={health}
            autoFocus={focusField === field.id}
            onFocused={() => setFocusField(null)}
            onChange={(text) => setValue(field.id, text)}
            onPrevious={step.index > 0 ? () => goToField(step.index - 1) : undefined}
            onNext={() => next(step.index)}
            onOverview={() => setStep({ kind: 'overview', from: step.index })}
            onCard={(group) => openCard(group)}
          />
        );
      }
      case 'overview':
        return (
          <Overview
            template={template}
            values={values}
            errors={errors}
            unknownFields={unknownFields}
            health={health}
            parties={parties}
            onField={goToField}
            onCard={() => openCard(null)}
            onPreview={() => setStep({ kind: 'preview' })}
          />
        );
      case 'card':
        return (
          <CardStep
            template={template}
            parties={parties}
            initialGroup={step.group}
            onFilled={(filled) => {
              const merged = withPrefill(values, errors, filled);
              setValues(merged.values);
              setErrors(merged.errors);
            }}
            onCheck={(group) =>
              goToField(
                Math.max(
                  0,
                  fields.findIndex((f) => fieldGroup(f.id) === group),
                ),
              )
            }
            onClose={() => setStep(step.back)}
          />
        );
      case 'preview':
        return (
          <DocumentPreview
            template={template}
            values={values}
            health={health}
            onErrors={onPreviewErrors}
            onEdit={() => setStep({ kind: 'overview', from: fields.length - 1 })}
          />
        );
    }
  })();

  return (
    <main
      ref={mainRef}
      className={`screen document-screen keyboard-room document-screen--${step.kind}`}
      data-testid="document"
      data-step={step.kind}
    >
      <ScreenHeader title={template.title} onBack={back()} />
      {content}
    </main>
  );
}
