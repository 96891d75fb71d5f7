import type { TFunction } from 'i18next';
import { Button, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QueuedCall } from '../../../common/hub/api/calls';
import { queueRows, ringingCalls, waitedSeconds, type QueueRow, type QueueState } from './queue-state';

/**
 * The callers this lawyer may answer, oldest first: topic, where, who
 * (masked), how long they have waited, counted up live; 接听 on each. A
 * row another lawyer took says 已被接听 for a moment before it goes.
 */
export function QueueCard({
  queue,
  now,
  onAccept,
}: {
  queue: QueueState;
  now: number;
  onAccept: (call: QueuedCall) => void;
}) {
  const { t } = useTranslation();
  const rows = queueRows(queue);
  const ringing = ringingCalls(queue).length;
  const waiting = rows.filter((r) => r.status !== 'taken' && r.status !== 'gone').length;

  const columns: TableColumnsType<QueueRow> = [
    {
      key: 'topic',
      title: t('hubCalls.queue.columns.topic'),
      render: (_v, r) => t(`hubCalls.topics.${r.call.topic}`),
    },
    {
      key: 'where',
      title: t('hubCalls.queue.columns.where'),
      render: (_v, r) => (
        <>
          {r.call.kioskName}
          <Typography.Text type="secondary"> {r.call.regionCode}</Typography.Text>
        </>
      ),
    },
    {
      key: 'caller',
      title: t('hubCalls.queue.columns.caller'),
      render: (_v, r) => r.call.callerName ?? t('hubCalls.queue.anonymous'),
    },
    {
      key: 'waited',
      title: t('hubCalls.queue.columns.waited'),
      render: (_v, r) => (
        <span className="console-nowrap">{formatWait(t, waitedSeconds(r.call.waitingSince, now))}</span>
      ),
    },
    {
      key: 'actions',
      title: t('hubCalls.queue.columns.actions'),
      render: (_v, r) => <RowAction row={r} onAccept={onAccept} />,
    },
  ];

  return (
    <Card
      className="console-gap"
      title={<h2 className="console-section-title">{t('hubCalls.queue.title')}</h2>}
      extra={t('hubCalls.queue.count', { count: waiting })}
      data-testid="queue"
    >
      <p role="status" data-testid="ringing" data-ringing={ringing > 0 ? 'yes' : 'no'} className="console-ringing">
        {ringing > 0 && t('hubCalls.ring.status', { count: ringing })}
      </p>
      {queue.duty !== 'available' && queue.duty !== null && (
        <Typography.Paragraph type="secondary">{t('hubCalls.queue.notRung')}</Typography.Paragraph>
      )}
      {rows.length === 0 ? (
        <Typography.Text className="console-muted">{t('hubCalls.queue.empty')}</Typography.Text>
      ) : (
        <Table<QueueRow>
          rowKey={(r) => r.call.callId}
          columns={columns}
          dataSource={rows}
          pagination={false}
          size="middle"
          onRow={(r) =>
            ({
              'data-testid': `call-${r.call.callId}`,
              'data-status': r.status,
              className: r.status === 'ringing' ? 'console-row-ringing' : undefined,
            }) as React.HTMLAttributes<HTMLElement>
          }
        />
      )}
    </Card>
  );
}

function RowAction({ row, onAccept }: { row: QueueRow; onAccept: (call: QueuedCall) => void }) {
  const { t } = useTranslation();
  if (row.status === 'taken')
    return (
      <Tag className="console-status console-status--pending" data-testid="row-label">
        {t('hubCalls.queue.taken')}
      </Tag>
    );
  if (row.status === 'gone')
    return (
      <Tag className="console-status console-status--offline" data-testid="row-label">
        {t('hubCalls.queue.gone')}
      </Tag>
    );
  const topic = t(`hubCalls.topics.${row.call.topic}`);
  return (
    <span className="console-nowrap">
      {row.status === 'ringing' && (
        <Tag className="console-status console-status--approved" data-testid="row-label">
          {t('hubCalls.queue.ringing')}
        </Tag>
      )}
      <Button
        type={row.status === 'ringing' ? 'primary' : 'default'}
        loading={row.status === 'accepting'}
        aria-label={t('hubCalls.queue.acceptLabel', { kiosk: row.call.kioskName, topic })}
        data-testid="accept"
        onClick={() => onAccept(row.call)}
      >
        {t('hubCalls.queue.accept')}
      </Button>
    </span>
  );
}

/** 1 分 05 秒: minutes and seconds from a minute on. */
export function formatWait(t: TFunction, seconds: number): string {
  if (seconds < 60) return t('hubCalls.waited.seconds', { seconds });
  return t('hubCalls.waited.minutes', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
}
