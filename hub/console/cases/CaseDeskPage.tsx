import { Button, Select, Space, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../common/hub/api/case-desk';
import { CASE_KINDS, STATUSES_OF_KIND, type CaseKind, type CaseStatus } from '../../../common/hub/cases';
import { useLanguage } from '../../../ui/i18n/use-language';
import { hrefOf } from '../app/routes';
import { anyCase, useHubQuery } from '../data/queries';
import { TableCard } from '../fleet/TableCard';
import { PageError } from '../shared/PageError';
import { formatTime } from '../shared/format';
import { waitingFor } from './case-words';

/**
 * 案件办理: the legal-aid applications and mediation requests of the
 * officer's regions, one tab per desk, filtered by status, waiting longest
 * first; a case opens on its own page. Read again when a case of these
 * regions changes (another officer's work shows at once).
 */
export function CaseDeskPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<CaseKind>('legal-aid-application');
  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        {t('hubCases.desk.title')}
      </Typography.Title>
      <Typography.Paragraph className="console-lead">{t('hubCases.desk.lead')}</Typography.Paragraph>
      <Tabs
        activeKey={kind}
        onChange={(key) => setKind(key as CaseKind)}
        items={CASE_KINDS.map((k) => ({
          key: k,
          label: <span data-testid={`cases-tab-${k}`}>{t(`hubCases.desk.tabs.${k}`)}</span>,
          children: k === kind ? <CaseList kind={k} /> : null,
        }))}
      />
    </>
  );
}

function CaseList({ kind }: { kind: CaseKind }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [status, setStatus] = useState<CaseStatus | 'all'>('all');
  const cases = useHubQuery('cases', status === 'all' ? { kind } : { kind, status }, anyCase);
  // The time the page opened: ages of hours and days need no ticking clock.
  const [now] = useState(() => Date.now());
  const columns: TableColumnsType<CaseSummary> = [
    {
      key: 'reference',
      title: t('hubCases.desk.columns.reference'),
      render: (_v, c) => (
        <a href={hrefOf({ page: 'case', id: c.caseId })} data-testid={`case-link-${c.reference}`}>
          {c.reference}
        </a>
      ),
    },
    { key: 'applicant', title: t('hubCases.desk.columns.applicant'), dataIndex: 'applicantName' },
    {
      key: 'status',
      title: t('hubCases.desk.columns.status'),
      render: (_v, c) => <Tag>{t(`hubCases.statuses.${c.status}`)}</Tag>,
    },
    {
      key: 'waiting',
      title: t('hubCases.desk.columns.waiting'),
      render: (_v, c) => waitingFor(t, now - new Date(c.changedAt).getTime()),
    },
    { key: 'kiosk', title: t('hubCases.desk.columns.kiosk'), dataIndex: 'kioskName' },
    {
      key: 'received',
      title: t('hubCases.desk.columns.received'),
      render: (_v, c) => formatTime(c.receivedAt, language, ''),
    },
  ];
  const filterId = `case-status-${kind}`;
  return (
    <TableCard
      title={t(`hubCases.desk.tabs.${kind}`)}
      testId={`cases-${kind}`}
      empty={t('hubCases.desk.empty')}
      rows={cases.data?.cases}
      columns={columns}
      rowKey="caseId"
      paged
      loading={cases.loading}
      extra={
        <Space>
          <label htmlFor={filterId}>{t('hubCases.desk.statusFilter')}</label>
          <Select
            id={filterId}
            value={status}
            onChange={setStatus}
            style={{ minWidth: 140 }}
            data-testid="cases-status-filter"
            options={[
              { value: 'all', label: t('hubCases.desk.allStatuses') },
              ...STATUSES_OF_KIND[kind].map((s) => ({ value: s, label: t(`hubCases.statuses.${s}`) })),
            ]}
          />
          <Button onClick={cases.reload}>{t('hubCases.desk.refresh')}</Button>
        </Space>
      }
    >
      {cases.error !== undefined && <PageError error={cases.error} retry={cases.reload} />}
    </TableCard>
  );
}
