import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEDIATION_NEXT_STEPS, type CaseStatus, type CaseStatusWithDetails } from '../../../common/hub/cases';
import { describeError } from '../shared/format';
import { detailsFor, STATUS_FIELDS, type StatusField } from './status-fields';

/**
 * The form for moving a case to `status`: exactly the details that status
 * needs (common/hub/cases.ts), with a reminder that they are shown at the
 * kiosks, so no personal data belongs in them.
 */
export function StatusChangeModal({
  status,
  onCancel,
  onSubmit,
}: {
  status: CaseStatus;
  onCancel: () => void;
  onSubmit: (to: CaseStatusWithDetails) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const fields = STATUS_FIELDS[status];

  const submit = async (): Promise<void> => {
    const values = await form.validateFields();
    setSending(true);
    setProblem(null);
    try {
      await onSubmit(detailsFor(status, values));
    } catch (error) {
      setProblem(describeError(t, error));
    } finally {
      setSending(false);
    }
  };

  const input = (f: StatusField) => {
    if (f.kind === 'date') return <Input type="date" data-testid={`change-${f.name}`} />;
    if (f.kind === 'next-step')
      return (
        <Select
          data-testid={`change-${f.name}`}
          options={MEDIATION_NEXT_STEPS.map((s) => ({ value: s, label: t(`hubCases.nextSteps.${s}`) }))}
        />
      );
    return (
      <Input
        maxLength={f.max}
        placeholder={f.hint === undefined ? undefined : t(f.hint)}
        data-testid={`change-${f.name}`}
      />
    );
  };

  return (
    <Modal
      open
      title={t('hubCases.change.title', { status: t(`hubCases.statuses.${status}`) })}
      okText={t('hubCases.change.submit')}
      cancelText={t('hubConsole.common.cancel')}
      onOk={() => void submit()}
      onCancel={onCancel}
      confirmLoading={sending}
      okButtonProps={{ 'data-testid': 'change-submit' }}
    >
      <Alert type="info" showIcon title={t('hubCases.change.noPersonalData')} className="console-gap" />
      {problem !== null && <Alert type="error" showIcon title={problem} className="console-gap" />}
      <Form form={form} layout="vertical">
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={t(f.label)}
            rules={f.required ? [{ required: true, whitespace: true, message: t('hubCases.change.required') }] : []}
          >
            {input(f)}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
