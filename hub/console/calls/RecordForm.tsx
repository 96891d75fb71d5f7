import { Alert, Button, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_TOPICS, type CallTopic } from '../../../common/hub/api/calls';
import { describeError } from '../shared/format';
import {
  RECORD_LIMITS,
  RecordNotKeptError,
  REFERRALS,
  recordDraft,
  saveRecord,
  updateRecordDraft,
  type CallRecord,
  type Referral,
} from './call-record';
import type { ActiveCall } from './use-reception';

type Values = { topic: CallTopic | null; facts: string; advice: string; referral: Referral | null };

/**
 * The consultation record: topic, facts, advice and the referral. During
 * the call it is a draft kept as it is typed; in the wrap-up (`onSaved`
 * given) every field is required and 保存记录 hands it to saveRecord.
 */
export function RecordForm({ call, onSaved }: { call: ActiveCall; onSaved?: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [initial] = useState(() => recordDraft(call.callId, call.topic));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const finishing = onSaved !== undefined;
  const required = (field: string) =>
    finishing ? [{ required: true, message: t('hubCalls.record.required', { field }) }] : [];

  const save = async (values: Values): Promise<void> => {
    setProblem(null);
    setSaving(true);
    try {
      const record: CallRecord = { callId: call.callId, ...values };
      await saveRecord(record);
      onSaved?.();
    } catch (error) {
      setProblem(error instanceof RecordNotKeptError ? t('hubCalls.record.notKept') : describeError(t, error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ topic: initial.topic, facts: initial.facts, advice: initial.advice, referral: initial.referral }}
      onValuesChange={(_changed, all) => updateRecordDraft(call.callId, all)}
      onFinish={(values) => void save(values)}
      data-testid="record-form"
    >
      <Form.Item name="topic" label={t('hubCalls.record.topic')} rules={required(t('hubCalls.record.topic'))}>
        <Select
          data-testid="record-topic"
          options={CALL_TOPICS.map((topic) => ({ value: topic, label: t(`hubCalls.topics.${topic}`) }))}
        />
      </Form.Item>
      <Form.Item name="facts" label={t('hubCalls.record.facts')} rules={required(t('hubCalls.record.facts'))}>
        <Input.TextArea rows={3} maxLength={RECORD_LIMITS.facts} showCount data-testid="record-facts" />
      </Form.Item>
      <Form.Item name="advice" label={t('hubCalls.record.advice')} rules={required(t('hubCalls.record.advice'))}>
        <Input.TextArea rows={3} maxLength={RECORD_LIMITS.advice} showCount data-testid="record-advice" />
      </Form.Item>
      <Form.Item name="referral" label={t('hubCalls.record.referral')} rules={required(t('hubCalls.record.referral'))}>
        <Radio.Group
          options={REFERRALS.map((referral) => ({
            value: referral,
            label: t(`hubCalls.record.referrals.${referral}`),
          }))}
        />
      </Form.Item>
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
