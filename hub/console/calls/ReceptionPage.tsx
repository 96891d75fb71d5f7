import type { TFunction } from 'i18next';
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../shared/format';
import { CallView } from './CallView';
import { DutyCard } from './DutyCard';
import { QueueCard } from './QueueCard';
import { useReception, type Notice } from './use-reception';
import { WrapUp } from './WrapUp';

/**
 * A lawyer's 视频接待 page: duty status and the queue of callers; in a
 * call, the call view; after it, the wrap-up that finishes the record.
 */
export function ReceptionPage() {
  const { t } = useTranslation();
  const reception = useReception();
  const { desk } = reception;

  let body;
  if (desk.kind === 'call') body = <CallView call={desk.call} onHangUp={reception.hangUp} />;
  else if (desk.kind === 'wrap-up')
    body = <WrapUp call={desk.call} reason={desk.reason} onDone={reception.backToQueue} />;
  else
    body = (
      <>
        <DutyCard duty={reception.queue.duty} reason={reception.queue.dutyReason} onChange={reception.setDuty} />
        <QueueCard queue={reception.queue} now={reception.now} onAccept={reception.accept} />
      </>
    );

  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        {t(
          desk.kind === 'call'
            ? 'hubCalls.call.title'
            : desk.kind === 'wrap-up'
              ? 'hubCalls.wrapUp.title'
              : 'hubCalls.title',
        )}
      </Typography.Title>
      <div role="alert" data-testid="reception-notice">
        {reception.notice !== null && (
          <Alert className="console-gap" type="warning" showIcon title={noticeText(t, reception.notice)} />
        )}
      </div>
      {body}
    </>
  );
}

function noticeText(t: TFunction, notice: Notice): string {
  switch (notice.kind) {
    case 'busy':
      return t('hubCalls.queue.busy');
    case 'not-connected':
      return t('hubCalls.queue.notConnected');
    case 'failed':
      return describeError(t, new Error(notice.message));
  }
}
