import { Alert, Button, Descriptions, Modal, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORD_EDIT_GRACE_MS, type ConsultationRecordResponse } from '../../../common/hub/api/call-records';
import type { CallRecord } from '../../../common/hub/api/call-desk';
import { useLanguage } from '../../../ui/i18n/use-language';
import { useHubQuery } from '../data/queries';
import { describeError, formatTime } from '../shared/format';
import { dropRecordDraft, recordEditable } from './call-record';
import { RecordForm } from './RecordForm';

/**
 * The consultation record of one of the lawyer's calls, from their
 * history: read from the hub (which audits the read), then finished or
 * corrected in the record's form while it may still change, or shown as
 * it was kept once it may not.
 */
export function RecordModal({
  call,
  onClose,
  onSaved,
}: {
  call: CallRecord;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const kept = useHubQuery('consultationRecord', { callId: call.callId });
  const [now] = useState(() => Date.now());
  const at = formatTime(call.createdAt, language, '');

  let body;
  if (kept.error !== undefined)
    body = (
      <Alert
        type="error"
        showIcon
        title={t('hubCalls.history.recordFailed', { message: describeError(t, kept.error) })}
      />
    );
  else if (kept.data === undefined) body = <Spin aria-label={t('hubConsole.common.loading')} />;
  else if (recordEditable(kept.data.record, now))
    body = (
      <RecordForm
        call={{ callId: call.callId, topic: call.topic }}
        kept={kept.data.record}
        onSaved={() => {
          dropRecordDraft(call.callId);
          onSaved();
        }}
      />
    );
  else body = <KeptRecord answer={kept.data} />;

  return (
    <Modal
      open
      title={t('hubCalls.history.recordTitle', { at })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('hubCalls.history.close')}</Button>}
      width={720}
      destroyOnHidden
    >
      <div data-testid="record-modal">{body}</div>
    </Modal>
  );
}

/** A record past its grace, as it was kept. */
function KeptRecord({ answer }: { answer: ConsultationRecordResponse }) {
  const { t } = useTranslation();
  const record = answer.record!;
  return (
    <>
      <Alert
        className="console-gap"
        type="info"
        showIcon
        title={t('hubCalls.history.closedNote', { minutes: RECORD_EDIT_GRACE_MS / 60_000 })}
      />
      <Descriptions
        column={1}
        bordered
        size="small"
        data-testid="record-kept"
        items={[
          { key: 'topic', label: t('hubCalls.record.topic'), children: t(`hubCalls.topics.${record.topic}`) },
          { key: 'facts', label: t('hubCalls.record.facts'), children: record.facts },
          { key: 'advice', label: t('hubCalls.record.advice'), children: record.advice },
          {
            key: 'referral',
            label: t('hubCalls.record.referral'),
            children: record.referral === null ? '' : t(`hubCalls.record.referrals.${record.referral}`),
          },
        ]}
      />
    </>
  );
}
