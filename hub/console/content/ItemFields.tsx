import { Button, Form, Input, Select, Space, Typography } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OFFICE_KINDS, type ContentItemFields } from '../../../common/hub/api/content-edits';
import { WEEKDAYS } from '../../../common/hub/opening-hours';
import type { hubContentZhCN } from '../../../common/i18n/sections/hub-content';
import { problemsAt, problemText, type ShownProblem } from './field-problems';
import { valueAt } from './item-form';

/**
 * Every field of an item of each kind, each with the problems that name it
 * shown under it. The form reads and writes through paths (item-form.ts),
 * the same paths the hub's problems use, so a problem lands on its field.
 */

export interface ItemEditing {
  item: ContentItemFields;
  problems: readonly ShownProblem[];
  readOnly: boolean;
  set: (path: string, value: unknown) => void;
  add: (listPath: string, entry: unknown) => void;
  remove: (listPath: string, index: number) => void;
}

const EditingContext = createContext<ItemEditing | null>(null);

function useEditing(): ItemEditing {
  const editing = useContext(EditingContext);
  if (editing === null) throw new Error('item field outside ItemFields');
  return editing;
}

/** An element id (and test id) for a field path: `cites.0` → `field-cites-0`. */
export const fieldId = (path: string): string => `field-${path.replace(/\./g, '-')}`;

/** The frame of one field: its label, and its problems under it in words. */
function FieldFrame({
  path,
  label,
  hint,
  children,
}: {
  path: string;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const editing = useEditing();
  const problems = problemsAt(editing.problems, path);
  return (
    <Form.Item
      label={label}
      htmlFor={fieldId(path)}
      validateStatus={problems.length > 0 ? 'error' : undefined}
      extra={hint}
      help={
        problems.length > 0 ? (
          <span data-testid={`problem-${fieldId(path)}`}>{problems.map((p) => problemText(t, p)).join(' ')}</span>
        ) : undefined
      }
    >
      {children}
    </Form.Item>
  );
}

function TextField({
  path,
  label,
  hint,
  rows,
  nullable = false,
}: {
  path: string;
  label: string;
  hint?: string;
  rows?: number;
  /** An empty value is saved as null (an optional field). */
  nullable?: boolean;
}) {
  const editing = useEditing();
  const value = valueAt(editing.item, path);
  const text = typeof value === 'string' ? value : '';
  const common = {
    id: fieldId(path),
    'data-testid': fieldId(path),
    value: text,
    readOnly: editing.readOnly,
    onChange: (e: { target: { value: string } }) =>
      editing.set(path, nullable && e.target.value === '' ? null : e.target.value),
  };
  return (
    <FieldFrame path={path} label={label} {...(hint === undefined ? {} : { hint })}>
      {/* A fixed height: the auto-sizing textarea measures with a hidden focusable copy, which screen readers trip on. */}
      {rows === undefined ? <Input {...common} /> : <Input.TextArea {...common} rows={rows} />}
    </FieldFrame>
  );
}

/** A list of texts (citations, keywords, services), each removable, with one more added at the end. */
function TextListField({
  path,
  label,
  entryLabel,
  hint,
}: {
  path: string;
  label: string;
  entryLabel: (number: number) => string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const editing = useEditing();
  const list = (valueAt(editing.item, path) as string[] | undefined) ?? [];
  return (
    <fieldset className="content-list" data-testid={fieldId(path)}>
      <legend>{label}</legend>
      {hint !== undefined && <Typography.Text className="console-muted">{hint}</Typography.Text>}
      <FieldProblemsOf path={path} />
      {list.map((_v, i) => (
        <Space key={i} align="start" className="content-list__row">
          <TextField path={`${path}.${i}`} label={entryLabel(i + 1)} />
          {!editing.readOnly && (
            <Button onClick={() => editing.remove(path, i)} data-testid={`remove-${fieldId(path)}-${i}`}>
              {t('hubContent.editor.remove')} · {entryLabel(i + 1)}
            </Button>
          )}
        </Space>
      ))}
      {!editing.readOnly && (
        <Button onClick={() => editing.add(path, '')} data-testid={`add-${fieldId(path)}`}>
          {t('hubContent.editor.add')} · {label}
        </Button>
      )}
    </fieldset>
  );
}

/** Problems about a list as a whole (`cites`: none given), shown at its top. */
function FieldProblemsOf({ path }: { path: string }) {
  const { t } = useTranslation();
  const editing = useEditing();
  const problems = problemsAt(editing.problems, path);
  if (problems.length === 0) return null;
  return (
    <Typography.Text type="danger" data-testid={`problem-${fieldId(path)}`}>
      {problems.map((p) => problemText(t, p)).join(' ')}
    </Typography.Text>
  );
}

function NextStepsField() {
  const { t } = useTranslation();
  const editing = useEditing();
  const steps = editing.item.kind === 'faq' ? editing.item.fields.nextSteps : [];
  return (
    <fieldset className="content-list" data-testid={fieldId('nextSteps')}>
      <legend>{t('hubContent.fields.nextSteps')}</legend>
      <FieldProblemsOf path="nextSteps" />
      {steps.map((_s, i) => (
        <div key={i} className="content-list__group">
          <TextField path={`nextSteps.${i}.step`} label={t('hubContent.fields.step', { number: i + 1 })} rows={2} />
          <TextField path={`nextSteps.${i}.timeLimit`} label={t('hubContent.fields.timeLimit')} nullable />
          {!editing.readOnly && (
            <Button onClick={() => editing.remove('nextSteps', i)} data-testid={`remove-field-nextSteps-${i}`}>
              {t('hubContent.editor.removeNumbered', { number: i + 1 })}
            </Button>
          )}
        </div>
      ))}
      {!editing.readOnly && (
        <Button
          onClick={() => editing.add('nextSteps', { step: '', timeLimit: null })}
          data-testid="add-field-nextSteps"
        >
          {t('hubContent.editor.add')} · {t('hubContent.fields.nextSteps')}
        </Button>
      )}
    </fieldset>
  );
}

function LocalLinesField() {
  const { t } = useTranslation();
  const editing = useEditing();
  const lines = editing.item.kind === 'service-line' ? editing.item.fields.local : [];
  return (
    <fieldset className="content-list" data-testid={fieldId('local')}>
      <legend>{t('hubContent.fields.local')}</legend>
      <FieldProblemsOf path="local" />
      {lines.map((_l, i) => (
        <Space key={i} align="start" wrap className="content-list__row">
          <TextField path={`local.${i}.name`} label={`${t('hubContent.fields.localName')} ${i + 1}`} />
          <TextField path={`local.${i}.number`} label={`${t('hubContent.fields.localNumber')} ${i + 1}`} />
          {!editing.readOnly && (
            <Button onClick={() => editing.remove('local', i)} data-testid={`remove-field-local-${i}`}>
              {t('hubContent.editor.removeNumbered', { number: i + 1 })}
            </Button>
          )}
        </Space>
      ))}
      {!editing.readOnly && (
        <Button onClick={() => editing.add('local', { name: '', number: '' })} data-testid="add-field-local">
          {t('hubContent.editor.add')} · {t('hubContent.fields.local')}
        </Button>
      )}
    </fieldset>
  );
}

function DutyHoursField() {
  const { t } = useTranslation();
  return (
    <fieldset className="content-list" data-testid={fieldId('dutyHours')}>
      <legend>{t('hubContent.fields.dutyHours')}</legend>
      <FieldProblemsOf path="dutyHours" />
      {WEEKDAYS.map((day) => (
        <TextListField
          key={day}
          path={`dutyHours.${day}`}
          label={t(`hubFleet.weekdays.${day}`)}
          hint={t('hubContent.fields.dutyHoursHint')}
          entryLabel={(number) => t('hubContent.fields.dutyRange', { day: t(`hubFleet.weekdays.${day}`), number })}
        />
      ))}
    </fieldset>
  );
}

function OfficeKindField() {
  const { t } = useTranslation();
  const editing = useEditing();
  return (
    <FieldFrame path="kind" label={t('hubContent.fields.kind')}>
      <Select
        id={fieldId('kind')}
        data-testid={fieldId('kind')}
        disabled={editing.readOnly}
        value={valueAt(editing.item, 'kind') as string}
        onChange={(v: string) => editing.set('kind', v)}
        options={OFFICE_KINDS.map((k) => ({ value: k, label: t(`directory.kinds.${k}`) }))}
      />
    </FieldFrame>
  );
}

/** The form of an item's fields, by its kind. */
export function ItemFields({ editing }: { editing: ItemEditing }) {
  const { t } = useTranslation();
  const f = (key: keyof typeof hubContentZhCN.fields) => t(`hubContent.fields.${key}`);
  let fields: ReactNode;
  switch (editing.item.kind) {
    case 'faq':
      fields = (
        <>
          <TextField path="topic" label={f('topic')} />
          <TextField path="situation" label={f('situation')} nullable />
          <TextField path="question" label={f('question')} />
          <TextField path="answer" label={f('answer')} rows={4} />
          <NextStepsField />
          <TextListField
            path="cites"
            label={f('cites')}
            hint={f('citeHint')}
            entryLabel={(number) => t('hubContent.fields.cite', { number })}
          />
          <TextListField
            path="keywords"
            label={f('keywords')}
            entryLabel={(number) => t('hubContent.fields.keyword', { number })}
          />
        </>
      );
      break;
    case 'slide':
      fields = (
        <>
          <TextField path="title" label={f('title')} />
          <TextField path="body" label={f('body')} rows={3} />
          <TextListField
            path="cites"
            label={f('cites')}
            hint={f('citeHint')}
            entryLabel={(number) => t('hubContent.fields.cite', { number })}
          />
        </>
      );
      break;
    case 'notice':
      fields = (
        <>
          <TextField path="regionCode" label={f('regionCode')} hint={f('regionAll')} nullable />
          <TextField path="title" label={f('title')} />
          <TextField path="body" label={f('body')} rows={3} />
          <TextField path="startsOn" label={f('startsOn')} hint="YYYY-MM-DD" />
          <TextField path="endsOn" label={f('endsOn')} hint="YYYY-MM-DD" />
        </>
      );
      break;
    case 'office':
      fields = (
        <>
          <OfficeKindField />
          <TextField path="name" label={f('name')} />
          <TextField path="regionCode" label={f('regionCode')} />
          <TextField path="address" label={f('address')} />
          <TextField path="hours" label={f('hours')} />
          <TextField path="phone" label={f('phone')} />
          <TextListField
            path="services"
            label={f('services')}
            entryLabel={(number) => t('hubContent.fields.service', { number })}
          />
          <TextField path="mapUrl" label={f('mapUrl')} nullable />
        </>
      );
      break;
    case 'service-line':
      fields = (
        <>
          <TextField path="regionCode" label={f('regionCode')} />
          <TextField path="publicLegalService" label={f('publicLegalService')} />
          <LocalLinesField />
          <DutyHoursField />
        </>
      );
      break;
  }
  return (
    <EditingContext.Provider value={editing}>
      <Form layout="vertical" component="div" className="content-form">
        {fields}
      </Form>
    </EditingContext.Provider>
  );
}
