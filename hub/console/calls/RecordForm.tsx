import { Alert, App, Button, Form, Input, Radio, Select, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RECORD_LIMITS,
  REFERRALS,
  type ConsultationRecord,
  type RecordField,
  type Referral,
} from '../../../common/hub/api/call-records';
import { CALL_TOPICS, type CallTopic } from '../../../common/hub/api/calls';
import { useLanguage } from '../../../ui/i18n/use-language';
import { useHubClient } from '../data/queries';
import { describeError, formatTime } from '../shared/format';
import { heldDraft, recordDraft, saveRecord, updateRecordDraft, type CallRecordDraft } from './call-record';

type Values = { topic: CallTopic | null; facts: string; advice: string; referral: Referral | null };

/** How long typing pauses before the draft is kept at the hub. */
const DRAFT_SAVE_DELAY_MS = 1_500;

type DraftState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'failed'; message: string }
  /** Finished: changed only by 保存记录. */
  | { kind: 'finished' };

/**
 * The consultation record: topic, facts, advice and the referral. While
 * it is a draft, what is typed is kept at the hub a moment after typing
 * pauses (and in the tab), so a reload or a lost page loses nothing; with
 * `onSaved` (the wrap-up, the history) every field is required and
 * 保存记录 finishes it. `kept` is the hub's record when the page has read
 * it; without it (the call view, the wrap-up) the form reads it itself
 * when this tab holds no draft of the call, after a reload.
 */
export function RecordForm({
  call,
  kept,
  onSaved,
}: {
  call: { callId: string; topic: CallTopic | null };
  kept?: ConsultationRecord | null;
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useHubClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [resume] = useState(() => kept === undefined && heldDraft(call.callId) === undefined);
  const [initial] = useState(() => recordDraft(call.callId, call.topic, kept ?? null));
  const [finished, setFinished] = useState(() => (kept?.finishedAt ?? null) !== null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [draftState, setDraftState] = useState<DraftState>({ kind: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<unknown>>(Promise.resolve());
  const touched = useRef(false);
  const finishing = onSaved !== undefined;
  const fieldName = (field: RecordField) => t(`hubCalls.record.${field}`);
  const required = (field: RecordField) =>
    finishing
      ? [{ required: true, whitespace: true, message: t('hubCalls.record.required', { field: fieldName(field) }) }]
      : [];

  /** Keeps the draft at the hub now; the answer is shown quietly beside the form. */
  const keepDraft = useCallback(
    (draft: CallRecordDraft) => {
      setDraftState({ kind: 'saving' });
      const saving = saveRecord(client, draft, false).then(
        (answer) => {
          if (answer.outcome === 'saved') setDraftState({ kind: 'saved', at: answer.record.updatedAt });
        },
        (error: unknown) => setDraftState({ kind: 'failed', message: describeError(t, error) }),
      );
      inFlight.current = saving;
      return saving;
    },
    [client, t],
  );

  /** Sends a draft still waiting for typing to pause; answers once nothing of it is on its way. */
  const flush = useCallback(async () => {
    if (timer.current !== undefined) {
      clearTimeout(timer.current);
      timer.current = undefined;
      const draft = heldDraft(call.callId);
      if (draft !== undefined) void keepDraft(draft);
    }
    await inFlight.current;
  }, [call.callId, keepDraft]);

  // A page reloaded in a call or its wrap-up: what the hub kept of the record comes back into the form.
  useEffect(() => {
    if (!resume) return;
    const abort = new AbortController();
    client.call('consultationRecord', { callId: call.callId }, { signal: abort.signal, background: true }).then(
      ({ record }) => {
        if (record === null || touched.current) return;
        const values = { topic: record.topic, facts: record.facts, advice: record.advice, referral: record.referral };
        form.setFieldsValue(values);
        updateRecordDraft(call.callId, values);
        setFinished(record.finishedAt !== null);
      },
      // None kept yet, or not readable now: the form starts from what the tab has.
      () => undefined,
    );
    return () => abort.abort();
  }, [resume, client, call.callId, form]);

  // Leaving the form (the call ended into the wrap-up) sends what is still waiting.
  useEffect(() => () => void flush(), [flush]);

  const changed = (all: Values): void => {
    touched.current = true;
    updateRecordDraft(call.callId, { ...all, facts: all.facts ?? '', advice: all.advice ?? '' });
    // A finished record changes only by 保存记录, whole.
    if (finished) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = undefined;
      const draft = heldDraft(call.callId);
      if (draft !== undefined) void keepDraft(draft);
    }, DRAFT_SAVE_DELAY_MS);
  };

  const save = async (values: Values): Promise<void> => {
    setProblem(null);
    setSaving(true);
    try {
      await flush();
      const answer = await saveRecord(client, { callId: call.callId, ...values }, true);
      if (answer.outcome === 'refused') {
        setProblem(answer.missing.map((f) => t('hubCalls.record.required', { field: fieldName(f) })).join(' '));
        return;
      }
      setFinished(true);
      void message.success(t('hubCalls.record.saved'));
      onSaved?.();
    } catch (error) {
      setProblem(describeError(t, error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ topic: initial.topic, facts: initial.facts, advice: initial.advice, referral: initial.referral }}
      onValuesChange={(_changed, all) => changed(all)}
      onFinish={(values) => void save(values)}
      data-testid="record-form"
    >
      <Form.Item name="topic" label={fieldName('topic')} rules={required('topic')}>
        <Select
          data-testid="record-topic"
          options={CALL_TOPICS.map((topic) => ({ value: topic, label: t(`hubCalls.topics.${topic}`) }))}
        />
      </Form.Item>
      <Form.Item name="facts" label={fieldName('facts')} rules={required('facts')}>
        <Input.TextArea rows={3} maxLength={RECORD_LIMITS.facts} showCount data-testid="record-facts" />
      </Form.Item>
      <Form.Item name="advice" label={fieldName('advice')} rules={required('advice')}>
        <Input.TextArea rows={3} maxLength={RECORD_LIMITS.advice} showCount data-testid="record-advice" />
      </Form.Item>
      <Form.Item name="referral" label={fieldName('referral')} rules={required('referral')}>
        <Radio.Group
          options={REFERRALS.map((referral) => ({
            value: referral,
            label: t(`hubCalls.record.referrals.${referral}`),
          }))}
        />
      </Form.Item>
      <Typography.Paragraph className="console-muted" aria-live="polite" data-testid="record-draft-state">
        {draftText(t, finished && draftState.kind === 'idle' ? { kind: 'finished' } : draftState, language)}
      </Typography.Paragraph>
      {problem !== null && (
        <Alert
          className="console-gap"
          type="warning"
          showIcon
          role="alert"
          title={problem}
          data-testid="record-problem"
        />
      )}
      {finishing && (
        <Button type="primary" htmlType="submit" loading={saving} data-testid="record-save">
          {t('hubCalls.record.save')}
        </Button>
      )}
    </Form>
  );
}

function draftText(t: TFunction, state: DraftState, language: string): string {
  switch (state.kind) {
    case 'idle':
      return t('hubCalls.record.draftKept');
    case 'saving':
      return t('hubCalls.record.draftSaving');
    case 'saved':
      return t('hubCalls.record.draftSaved', { at: formatTime(state.at, language, '') });
    case 'failed':
      return t('hubCalls.record.draftFailed', { message: state.message });
    case 'finished':
      return t('hubCalls.record.finishedEdit');
  }
}
