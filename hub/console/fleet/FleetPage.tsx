import { Card, Empty, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KioskSummary } from '../../../common/hub/api/kiosks';
import { useLanguage } from '../../../ui/i18n/use-language';
import { hrefOf } from '../app/routes';
import { useKiosks } from '../data/queries';
import { PageError } from '../shared/PageError';
import { formatTime } from '../shared/format';
import { groupByRegion } from './group-by-region';
import { AlertTags, OnlineTag } from './AlertTags';
import { KioskActions } from './kiosk-actions';
import { OpenAlerts } from './OpenAlerts';
import { OutboxWaiting } from './OutboxWaiting';
import { StatusTag } from './StatusTag';
import { Versions } from './Versions';

/**
 * The fleet the caller manages: the open alerts first, then the kiosks
 * grouped by region — standing, connection, versions, outbox, alerts —
 * with approval and revocation on each row. The live socket keeps it current.
 */
export function FleetPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const kiosks = useKiosks();

  const columns: TableColumnsType<KioskSummary> = [
    {
      key: 'name',
      title: t('hubConsole.fleet.columns.name'),
      render: (_v, k) => (
        <Space orientation="vertical" size={0}>
          <a
            href={hrefOf({ page: 'kiosk', id: k.id })}
            aria-label={t('hubConsole.fleet.open', { name: k.displayName })}
          >
            {k.displayName}
          </a>
          <Typography.Text type="secondary">{k.terminalId}</Typography.Text>
        </Space>
      ),
    },
    {
      key: 'site',
      title: t('hubConsole.fleet.columns.site'),
      render: (_v, k) => k.site ?? t('hubConsole.common.none'),
    },
    {
      key: 'status',
      title: t('hubConsole.fleet.columns.status'),
      render: (_v, k) => (
        <Space wrap size={4}>
          <StatusTag status={k.status} />
          {k.status === 'approved' && <OnlineTag online={k.online} />}
        </Space>
      ),
    },
    {
      key: 'lastSeen',
      title: t('hubConsole.fleet.columns.lastSeen'),
      render: (_v, k) => formatTime(k.lastSeenAt, language, t('hubConsole.common.never')),
    },
    {
      key: 'versions',
      title: t('hubConsole.fleet.columns.versions'),
      render: (_v, k) => <Versions kiosk={k} />,
    },
    {
      key: 'outbox',
      title: t('hubConsole.fleet.columns.outbox'),
      render: (_v, k) => <OutboxWaiting kiosk={k} />,
    },
    {
      key: 'alerts',
      title: t('hubConsole.fleet.columns.alerts'),
      render: (_v, k) => <AlertTags kinds={k.openAlerts} none={t('hubConsole.fleet.noAlerts')} />,
    },
    {
      key: 'fingerprint',
      title: t('hubConsole.fleet.columns.fingerprint'),
      render: (_v, k) => <Typography.Text code>{k.keyFingerprint}</Typography.Text>,
    },
    {
      key: 'actions',
      title: t('hubConsole.fleet.columns.actions'),
      render: (_v, k) => <KioskActions kiosk={k} onChanged={kiosks.reload} />,
    },
  ];

  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        {t('hubConsole.fleet.title')}
      </Typography.Title>
      {kiosks.error !== undefined && <PageError error={kiosks.error} retry={kiosks.reload} />}
      <OpenAlerts />
      {kiosks.data?.length === 0 && <Empty description={t('hubConsole.fleet.empty')} />}
      {groupByRegion(kiosks.data ?? []).map(([region, list]) => (
        <Card
          key={region}
          className="console-gap"
          title={<h2 className="console-section-title">{t('hubConsole.fleet.region', { region })}</h2>}
          extra={t('hubConsole.fleet.count', { count: list.length })}
          data-testid={`region-${region}`}
        >
          <Table<KioskSummary>
            rowKey="id"
            columns={columns}
            dataSource={list}
            pagination={false}
            loading={kiosks.loading}
            size="middle"
          />
        </Card>
      ))}
    </>
  );
}
