import type { TFunction } from 'i18next';
import { Alert, Button, Form, Input, Radio, Select, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_DOCUMENT_MAX_BYTES, type PushCallDocumentRequest } from '../../../common/hub/api/calls';
import type { CallTemplate } from '../../../common/hub/api/call-templates';
import type { LanguageTag } from '../../../common/i18n/catalogue';
import type { TemplateField } from '../../../common/templates/template';
import { validateTemplateValues } from '../../../common/templates/values';
import { ApiError } from '../../../ui/api/contract-client';
import { useLanguage } from '../../../ui/i18n/use-language';
import { fieldErrorText } from '../../../ui/templates/field-errors';
import { useHubClient, useHubQuery } from '../data/queries';
import { describeError } from '../shared/format';
import { pdfRequest, pushCallDocument } from './push-document';

type Kind = PushCallDocumentRequest['kind'];
const KINDS: readonly Kind[] = ['template', 'note', 'pdf'];
const NOTE_MAX = 4000;

type Outcome = { ok: true; title: string } | { ok: false; message: string } | null;

/**
 * Sends a document to the kiosk's printer during the call: a template
 * filled in here (its form made from the template's fields and checked as
 * the kiosk checks it), a note, or a PDF of at most CALL_DOCUMENT_MAX_BYTES.
 */
export function DocumentPush({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const client = useHubClient();
  const [kind, setKind] = useState<Kind>('template');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [sending, setSending] = useState(false);
  const kindLabel = useId();

  const send = async (request: PushCallDocumentRequest): Promise<void> => {
    setOutcome(null);
    setSending(true);
    try {
      await pushCallDocument(client, request);
      setOutcome({ ok: true, title: request.title });
    } catch (error) {
      setOutcome({
        ok: false,
        // 404: the call ended meanwhile (the hub takes documents for a call under way only).
        message:
          error instanceof ApiError && error.status === 404 ? t('hubCalls.document.callOver') : describeError(t, error),
      });
    } finally {
      setSending(false);
    }
  };

  return (
    <div data-testid="document-push">
      <Typography.Paragraph id={kindLabel} strong>
        {t('hubCalls.document.kind')}
      </Typography.Paragraph>
      <Radio.Group
        className="console-gap"
        aria-labelledby={kindLabel}
        optionType="button"
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as Kind);
          setOutcome(null);
        }}
        options={KINDS.map((k) => ({ value: k, label: t(`hubCalls.document.kinds.${k}`) }))}
      />
      {kind === 'template' && <TemplateDocument callId={callId} sending={sending} onSend={send} />}
      {kind === 'note' && <NoteDocument callId={callId} sending={sending} onSend={send} />}
      {kind === 'pdf' && <PdfDocument callId={callId} sending={sending} onSend={send} />}
      <div role="status" data-testid="document-outcome">
        {outcome !== null && (
          <Alert
            className="console-gap-top"
            type={outcome.ok ? 'success' : 'warning'}
            showIcon
            title={
              outcome.ok
                ? t('hubCalls.document.sent', { title: outcome.title })
                : t('hubCalls.document.failed', { message: outcome.message })
            }
          />
        )}
      </div>
    </div>
  );
}

interface DocumentProps {
  callId: string;
  sending: boolean;
  onSend: (request: PushCallDocumentRequest) => Promise<void>;
}

function SendButton({ sending }: { sending: boolean }) {
  const { t } = useTranslation();
  return (
    <Button type="primary" htmlType="submit" loading={sending} data-testid="document-send">
      {t('hubCalls.document.send')}
    </Button>
  );
}

function TitleItem() {
  const { t } = useTranslation();
  const label = t('hubCalls.document.docTitle');
  return (
    <Form.Item
      name="title"
      label={label}
      rules={[{ required: true, whitespace: true, message: t('hubCalls.record.required', { field: label }) }]}
    >
      <Input maxLength={200} data-testid="document-title" />
    </Form.Item>
  );
}

function TemplateDocument({ callId, sending, onSend }: DocumentProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const templates = useHubQuery('callTemplates');
  const [form] = Form.useForm<{ title: string; values: Record<string, string | undefined> }>();
  const [chosen, setChosen] = useState<CallTemplate | null>(null);

  if (templates.error !== undefined)
    return (
      <Alert
        type="error"
        showIcon
        title={t('hubCalls.document.templatesFailed', { message: describeError(t, templates.error) })}
      />
    );
  const list = templates.data?.templates ?? [];

  const submit = async ({ title, values = {} }: { title: string; values?: Record<string, string | undefined> }) => {
    if (chosen === null) return;
    const raw = Object.fromEntries(
      Object.entries(values).filter((e): e is [string, string] => (e[1] ?? '').trim() !== ''),
    );
    const { errors } = validateTemplateValues(chosen, raw);
    if (errors.length > 0) {
      form.setFields(errors.map((e) => ({ name: ['values', e.field], errors: [errorWords(t, language, e)] })));
      return;
    }
    await onSend({ callId, kind: 'template', title: title.trim(), templateId: chosen.id, values: raw });
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="template-form">
      <Form.Item label={t('hubCalls.document.template')} required>
        <Select
          data-testid="template-choice"
          loading={templates.loading}
          placeholder={templates.loading ? t('hubCalls.document.templatesLoading') : undefined}
          value={chosen?.id}
          aria-label={t('hubCalls.document.template')}
          onChange={(id: string) => {
            const next = list.find((tpl) => tpl.id === id) ?? null;
            setChosen(next);
            form.resetFields();
            form.setFieldValue('title', next?.title ?? '');
          }}
          options={list.map((tpl) => ({ value: tpl.id, label: `${tpl.title}（${tpl.category}）` }))}
        />
      </Form.Item>
      {chosen !== null && (
        <>
          <TitleItem />
          {chosen.fields.map((field) => (
            <Form.Item
              key={field.id}
              name={['values', field.id]}
              label={field.label}
              extra={field.hint}
              required={field.required}
            >
              <FieldInput field={field} />
            </Form.Item>
          ))}
          <SendButton sending={sending} />
        </>
      )}
    </Form>
  );
}

/** The input a template's field asks with: everything is typed as text, as the kiosk's keyboard types it. */
function FieldInput({ field, ...control }: { field: TemplateField; value?: string; onChange?: (v: unknown) => void }) {
  switch (field.kind) {
    case 'multiline':
      return <Input.TextArea rows={3} maxLength={field.max} {...control} />;
    case 'choice':
      return <Select allowClear options={field.options.map((o) => ({ value: o, label: o }))} {...control} />;
    case 'date':
      return <Input type="date" {...control} />;
    case 'amount':
    case 'percent':
      return <Input inputMode="decimal" {...control} />;
    case 'integer':
      return <Input inputMode="numeric" {...control} />;
    case 'text':
      return <Input maxLength={field.max} {...control} />;
    case 'id-number':
    case 'phone':
      return <Input {...control} />;
  }
}

function errorWords(t: TFunction, language: LanguageTag, error: Parameters<typeof fieldErrorText>[0]): string {
  const text = fieldErrorText(error, language);
  return t(text.key, text.params);
}

function NoteDocument({ callId, sending, onSend }: DocumentProps) {
  const { t } = useTranslation();
  const label = t('hubCalls.document.note');
  return (
    <Form
      layout="vertical"
      onFinish={(v: { title: string; text: string }) =>
        void onSend({ callId, kind: 'note', title: v.title.trim(), text: v.text })
      }
      data-testid="note-form"
    >
      <TitleItem />
      <Form.Item
        name="text"
        label={label}
        rules={[{ required: true, whitespace: true, message: t('hubCalls.record.required', { field: label }) }]}
      >
        <Input.TextArea rows={5} maxLength={NOTE_MAX} showCount data-testid="note-text" />
      </Form.Item>
      <SendButton sending={sending} />
    </Form>
  );
}

function PdfDocument({ callId, sending, onSend }: DocumentProps) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const size = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

  const choose = async (chosen: File | undefined): Promise<void> => {
    setProblem(null);
    setFile(null);
    if (chosen === undefined) return;
    // Refused before it is read whole: the size is known from the file itself.
    if (chosen.size > CALL_DOCUMENT_MAX_BYTES) {
      setProblem(t('hubCalls.document.pdfTooLarge', { size: size(chosen.size), max: size(CALL_DOCUMENT_MAX_BYTES) }));
      return;
    }
    setFile({ name: chosen.name, bytes: new Uint8Array(await chosen.arrayBuffer()) });
  };

  const submit = async ({ title }: { title: string }): Promise<void> => {
    if (file === null) return setProblem(t('hubCalls.document.pdfMissing'));
    const built = pdfRequest(callId, title.trim(), file.bytes);
    if (!built.ok)
      return setProblem(
        built.problem === 'too-large'
          ? t('hubCalls.document.pdfTooLarge', {
              size: size(file.bytes.byteLength),
              max: size(CALL_DOCUMENT_MAX_BYTES),
            })
          : t('hubCalls.document.pdfNotPdf'),
      );
    await onSend(built.request);
  };

  return (
    <Form layout="vertical" onFinish={(v: { title: string }) => void submit(v)} data-testid="pdf-form">
      <TitleItem />
      <Form.Item label={t('hubCalls.document.pdf')} htmlFor={inputId}>
        <input
          id={inputId}
          type="file"
          accept="application/pdf,.pdf"
          data-testid="pdf-file"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
        {file !== null && (
          <Typography.Paragraph className="console-gap-top">
            {t('hubCalls.document.pdfChosen', { name: file.name, size: size(file.bytes.byteLength) })}
          </Typography.Paragraph>
        )}
        {problem !== null && (
          <Typography.Paragraph type="danger" role="alert" data-testid="pdf-problem">
            {problem}
          </Typography.Paragraph>
        )}
      </Form.Item>
      <SendButton sending={sending} />
    </Form>
  );
}
