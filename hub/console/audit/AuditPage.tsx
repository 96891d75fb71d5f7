import { Button, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../ui/i18n/use-language';
import { useAuditPage } from '../data/queries';
import { PageError } from '../shared/PageError';
import { formatTime } from '../shared/format';

const PAGE = 50;

type Entry = NonNullable<ReturnType<typeof useAuditPage>['data']>[number];

/**
 * The audit log, newest first, a page at a time. The hub pages by entry id
 * (the page before an entry), so the way back is the ids this page came by.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  // The `beforeId` of each page walked to, newest first; empty on the newest page.
  const [trail, setTrail] = useState<number[]>([]);
  const entries = useAuditPage(PAGE, trail.at(-1));
  const rows = entries.data ?? [];

  const columns: TableColumnsType<Entry> = [
    {
      key: 'at',
      title: t('hubConsole.audit.columns.at'),
      render: (_v, e) => formatTime(e.at, language, ''),
      width: 180,
    },
    { key: 'actor', title: t('hubConsole.audit.columns.actor'), render: (_v, e) => e.actor },
    {
      key: 'action',
      title: t('hubConsole.audit.columns.action'),
      render: (_v, e) => (
        <Typography.Text code className="console-nowrap">
          {e.action}
        </Typography.Text>
      ),
    },
    {
      key: 'target',
      title: t('hubConsole.audit.columns.target'),
      render: (_v, e) => e.target ?? t('hubConsole.common.none'),
    },
    {
      key: 'details',
      title: t('hubConsole.audit.columns.details'),
      render: (_v, e) =>
        Object.keys(e.details).length === 0 ? (
          t('hubConsole.common.none')
        ) : (
          <code className="console-details">{JSON.stringify(e.details)}</code>
        ),
    },
  ];

  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        {t('hubConsole.audit.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('hubConsole.audit.lead')}</Typography.Paragraph>
      {entries.error !== undefined && <PageError error={entries.error} retry={entries.reload} />}
      <Table<Entry>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={entries.loading}
        pagination={false}
        size="small"
        data-testid="audit-table"
      />
      <Space className="console-gap-top">
        <Button disabled={trail.length === 0} onClick={() => setTrail([])}>
          {t('hubConsole.audit.newest')}
        </Button>
        <Button disabled={trail.length === 0} onClick={() => setTrail((s) => s.slice(0, -1))}>
          {t('hubConsole.audit.newer')}
        </Button>
        <Button
          disabled={rows.length < PAGE}
          onClick={() => setTrail((s) => [...s, rows.at(-1)!.id])}
          data-testid="audit-older"
        >
          {t('hubConsole.audit.older')}
        </Button>
      </Space>
    </>
  );
}
