import { Alert, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallEndReason } from '../../../common/hub/api/calls';
import { dropRecordDraft } from './call-record';
import { CallerCard } from './CallView';
import { RecordForm } from './RecordForm';
import type { ActiveCall } from './use-reception';

/** After the call: how it ended, the record to finish and save, and the way back to the queue. */
export function WrapUp({
  call,
  reason,
  onDone,
}: {
  call: ActiveCall;
  reason: CallEndReason | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const done = (): void => {
    dropRecordDraft(call.callId);
    onDone();
  };
  return (
    <div data-testid="wrap-up">
      <Alert
        className="console-gap"
        type="info"
        showIcon
        data-testid="call-ended"
        title={t(`hubCalls.endReasons.${reason ?? 'completed'}`)}
      />
      <CallerCard call={call} />
      <Card
        className="console-gap console-form-card"
        title={<h2 className="console-section-title">{t('hubCalls.record.title')}</h2>}
      >
        <Typography.Paragraph>{t('hubCalls.wrapUp.lead')}</Typography.Paragraph>
        <RecordForm call={call} onSaved={done} />
      </Card>
      <Button onClick={done} data-testid="back-to-queue">
        {t('hubCalls.wrapUp.back')}
      </Button>
    </div>
  );
}
