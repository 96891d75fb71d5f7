import { Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { MY_CALLS_DAYS, type CallRecord } from '../../../common/hub/api/call-desk';
import { useLanguage } from '../../../ui/i18n/use-language';
import { useHubQuery } from '../data/queries';
import { PageError } from '../shared/PageError';
import { formatTime } from '../shared/format';
import { RecordModal } from './RecordModal';

/** A page ten rows at a time: a lawyer looks at the latest first. */
const PAGED = { pageSize: 10, hideOnSinglePage: true, showSizeChanger: false } as const;

/**
 * A lawyer's own calls of the last days, newest first, each with where its
 * consultation record stands (written from here when the wrap-up did not
 * finish it); and the calls of their queues nobody answered — the citizen
 * left, or no lawyer came in time — to call back.
 */
export function CallHistoryPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const mine = useHubQuery('callsMine');
  const [open, setOpen] = useState<CallRecord | null>(null);
  const calls = mine.data?.calls ?? [];
  const at = (c: CallRecord) => formatTime(c.createdAt, language, '');

  const base: TableColumnsType<CallRecord> = [
    { key: 'at', title: t('hubCalls.history.columns.at'), render: (_v, c) => at(c) },
    { key: 'topic', title: t('hubCalls.history.columns.topic'), render: (_v, c) => t(`hubCalls.topics.${c.topic}`) },
    { key: 'kiosk', title: t('hubCalls.history.columns.kiosk'), render: (_v, c) => c.kioskName },
    {
      key: 'caller',
      title: t('hubCalls.history.columns.caller'),
      render: (_v, c) => c.callerName ?? t('hubCalls.queue.anonymous'),
    },
    {
      key: 'outcome',
      title: t('hubCalls.history.columns.outcome'),
      // An ended call always has its reason (the database's CHECK); one still open says where it stands.
      render: (_v, c) => t(`hubCalls.history.outcomes.${c.endReason ?? (c.state === 'ended' ? 'completed' : c.state)}`),
    },
  ];
  const answered: TableColumnsType<CallRecord> = [
    ...base,
    {
      key: 'record',
      title: t('hubCalls.history.columns.record'),
      render: (_v, c) => {
        const state = c.record ?? 'none';
        const label = { at: at(c), kiosk: c.kioskName };
        return (
          <Space wrap size={4}>
            <Tag
              className={`console-status ${state === 'finished' ? 'console-status--approved' : 'console-status--pending'}`}
              data-testid="record-state"
            >
              {t(`hubCalls.history.records.${state}`)}
            </Tag>
            <Button
              size="small"
              onClick={() => setOpen(c)}
              aria-label={t(state === 'finished' ? 'hubCalls.history.viewLabel' : 'hubCalls.history.fillLabel', label)}
              data-testid="record-open"
            >
              {t(state === 'finished' ? 'hubCalls.history.view' : 'hubCalls.history.fill')}
            </Button>
          </Space>
        );
      },
    },
  ];

  const section = (
    title: string,
    testId: string,
    rows: CallRecord[],
    empty: string,
    columns: typeof base,
    lead?: string,
  ) => (
    <Card className="console-gap" title={<h2 className="console-section-title">{title}</h2>} data-testid={testId}>
      {lead !== undefined && <Typography.Paragraph className="console-muted">{lead}</Typography.Paragraph>}
      {rows.length === 0 && !mine.loading ? (
        <Typography.Text className="console-muted">{empty}</Typography.Text>
      ) : (
        <Table<CallRecord>
          rowKey="callId"
          columns={columns}
          dataSource={rows}
          loading={mine.loading}
          pagination={PAGED}
          size="small"
          onRow={(c) => ({ 'data-testid': `history-${c.callId}` }) as HTMLAttributes<HTMLElement>}
        />
      )}
    </Card>
  );

  return (
    <>
      <div className="console-page-head">
        <Typography.Title level={1} className="console-page-title">
          {t('hubCalls.history.title')}
        </Typography.Title>
        <Button onClick={mine.reload} data-testid="history-refresh">
          {t('hubCalls.history.refresh')}
        </Button>
      </div>
      <Typography.Paragraph className="console-lead">
        {t('hubCalls.history.lead', { days: MY_CALLS_DAYS })}
      </Typography.Paragraph>
      {mine.error !== undefined && <PageError error={mine.error} retry={mine.reload} />}
      {section(
        t('hubCalls.history.answered'),
        'history-answered',
        calls.filter((c) => c.answeredByMe),
        t('hubCalls.history.answeredEmpty'),
        answered,
      )}
      {section(
        t('hubCalls.history.callbacks'),
        'history-callbacks',
        calls.filter((c) => !c.answeredByMe),
        t('hubCalls.history.callbacksEmpty'),
        base,
        t('hubCalls.history.callbacksLead'),
      )}
      {open !== null && (
        <RecordModal
          call={open}
          onClose={() => setOpen(null)}
          onSaved={() => {
            setOpen(null);
            mine.reload();
          }}
        />
      )}
    </>
  );
}
