import { Card, Empty, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KioskSummary } from '../../../common/hub/api/kiosks';
import { useLanguage } from '../../../ui/i18n/use-language';
import { hrefOf } from '../app/routes';
import { useKiosks } from '../data/queries';
import { PageError } from '../shared/PageError';
import { formatTime } from '../shared/format';
import { groupByRegion } from './group-by-region';
import { KioskActions } from './kiosk-actions';
import { StatusTag } from './StatusTag';

/** The fleet the caller manages, grouped by region, with approval and revocation on each row. */
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
    { key: 'status', title: t('hubConsole.fleet.columns.status'), render: (_v, k) => <StatusTag status={k.status} /> },
    {
      key: 'lastSeen',
      title: t('hubConsole.fleet.columns.lastSeen'),
      render: (_v, k) => formatTime(k.lastSeenAt, language, t('hubConsole.common.never')),
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
