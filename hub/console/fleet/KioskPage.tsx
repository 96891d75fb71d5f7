import { Card, Descriptions, Space, Spin, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { HEALTH_HISTORY_DAYS, type HealthSample, type KioskAlert } from '../../../common/hub/api/alerts';
import type { KioskHeartbeat } from '../../../common/hub/api/kiosks';
import { ApiError } from '../../../ui/api/contract-client';
import { useLanguage } from '../../../ui/i18n/use-language';
import { hrefOf } from '../app/routes';
import { useKioskDetail } from '../data/queries';
import { PageError } from '../shared/PageError';
import { PageMessage } from '../shared/PageMessage';
import { formatTime } from '../shared/format';
import { alertDetailText, formatBytes } from './alert-text';
import { AlertTags, OnlineTag } from './AlertTags';
import { DeviceState, deviceName } from './DeviceState';
import { KioskActions } from './kiosk-actions';
import { OpeningHoursCard } from './OpeningHoursCard';
import { CommandsCard } from './CommandsCard';
import { OutboxWaiting } from './OutboxWaiting';
import { TableCard } from './TableCard';
import { StatusTag } from './StatusTag';
import { Versions } from './Versions';

/**
 * One kiosk: its standing and connection, its latest heartbeat (versions,
 * devices, outbox), its open alerts, its opening hours (changed here), its
 * alert and health history of the last two weeks, and its actions. The live
 * socket reads it again when this kiosk changes.
 */
export function KioskPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const detail = useKioskDetail(id);
  const time = (iso: string | null): string => formatTime(iso, language, t('hubConsole.common.never'));
  const back = (
    <a href={hrefOf({ page: 'fleet' })} className="console-back">
      {t('hubConsole.kiosk.back')}
    </a>
  );

  if (detail.error instanceof ApiError && detail.error.status === 404)
    return <PageMessage status="404" title={t('hubConsole.kiosk.notFound')} extra={back} />;
  if (detail.data === undefined)
    return detail.error !== undefined ? (
      <PageError error={detail.error} retry={detail.reload} />
    ) : (
      <Spin aria-label={t('hubConsole.common.loading')} />
    );
  const { kiosk: k, latestHeartbeat, openAlerts, alertHistory, healthHistory } = detail.data;
  const report = latestHeartbeat?.report;
  const none = t('hubConsole.common.none');

  const alertColumns: TableColumnsType<KioskAlert> = [
    {
      key: 'kind',
      title: t('hubConsole.kiosk.alertColumns.kind'),
      render: (_v, a) => <AlertTags kinds={[a.kind]} none="" />,
    },
    {
      key: 'detail',
      title: t('hubConsole.kiosk.alertColumns.detail'),
      render: (_v, a) => alertDetailText(t, language, a),
    },
    { key: 'openedAt', title: t('hubConsole.kiosk.alertColumns.openedAt'), render: (_v, a) => time(a.openedAt) },
    {
      key: 'clearedAt',
      title: t('hubConsole.kiosk.alertColumns.clearedAt'),
      render: (_v, a) => (a.clearedAt === null ? t('hubConsole.kiosk.stillOpen') : time(a.clearedAt)),
    },
  ];
  const healthColumns: TableColumnsType<HealthSample> = [
    { key: 'at', title: t('hubConsole.kiosk.healthColumns.at'), render: (_v, h) => time(h.at) },
    { key: 'versions', title: t('hubConsole.kiosk.healthColumns.versions'), render: (_v, h) => <Versions kiosk={h} /> },
    {
      key: 'devices',
      title: t('hubConsole.kiosk.healthColumns.devices'),
      render: (_v, h) => (
        <Space orientation="vertical" size={0}>
          {h.devices.map((d) => (
            <span key={d.device}>
              {deviceName(t, d.device)}: <DeviceState state={d.state} />
            </span>
          ))}
        </Space>
      ),
    },
    {
      key: 'disk',
      title: t('hubConsole.kiosk.healthColumns.disk'),
      render: (_v, h) => formatBytes(h.diskFreeBytes, language),
    },
    { key: 'outbox', title: t('hubConsole.kiosk.healthColumns.outbox'), render: (_v, h) => h.outboxDepth },
    {
      key: 'clock',
      title: t('hubConsole.kiosk.healthColumns.clock'),
      render: (_v, h) => t('hubConsole.kiosk.clockSeconds', { seconds: Math.round(h.clockOffsetMs / 1000) }),
    },
  ];

  return (
    <>
      {back}
      <Typography.Title level={1} className="console-page-title">
        {k.displayName}
      </Typography.Title>
      <Card
        className="console-gap"
        data-testid="kiosk-summary"
        extra={<KioskActions kiosk={k} onChanged={detail.reload} />}
      >
        <Descriptions
          column={3}
          items={[
            { key: 'terminalId', label: t('hubConsole.kiosk.terminalId'), children: k.terminalId },
            {
              key: 'status',
              label: t('hubConsole.kiosk.status'),
              children: (
                <Space wrap size={4}>
                  <StatusTag status={k.status} />
                  {k.status === 'approved' && <OnlineTag online={k.online} />}
                </Space>
              ),
            },
            { key: 'region', label: t('hubConsole.kiosk.region'), children: k.regionCode },
            { key: 'site', label: t('hubConsole.kiosk.site'), children: k.site ?? none },
            { key: 'lastSeen', label: t('hubConsole.kiosk.lastSeen'), children: time(k.lastSeenAt) },
            { key: 'lastHeartbeat', label: t('hubConsole.kiosk.lastHeartbeat'), children: time(k.lastHeartbeatAt) },
            { key: 'appVersion', label: t('hubConsole.kiosk.appVersion'), children: k.appVersion ?? none },
            { key: 'contentVersion', label: t('hubConsole.kiosk.contentVersion'), children: k.contentVersion ?? none },
            { key: 'outboxDepth', label: t('hubConsole.kiosk.outboxDepth'), children: <OutboxWaiting kiosk={k} /> },
            {
              key: 'diskFree',
              label: t('hubConsole.kiosk.diskFree'),
              children: report === undefined ? none : formatBytes(report.diskFreeBytes, language),
            },
            {
              key: 'clockOffset',
              label: t('hubConsole.kiosk.clockOffset'),
              children:
                report === undefined
                  ? none
                  : t('hubConsole.kiosk.clockSeconds', { seconds: Math.round(report.clockOffsetMs / 1000) }),
            },
            {
              // When the kiosk's service found its previous run had ended without shutting down.
              key: 'lastCrash',
              label: t('hubConsole.kiosk.lastCrash'),
              children: report?.lastCrash == null ? none : time(report.lastCrash.at),
            },
            {
              key: 'fingerprint',
              label: t('hubConsole.kiosk.fingerprint'),
              children: <Typography.Text code>{k.keyFingerprint}</Typography.Text>,
            },
            { key: 'enrolledAt', label: t('hubConsole.kiosk.enrolledAt'), children: time(k.enrolledAt) },
            { key: 'approvedAt', label: t('hubConsole.kiosk.approvedAt'), children: time(k.approvedAt) },
            ...(k.revokedAt === null
              ? []
              : [{ key: 'revokedAt', label: t('hubConsole.kiosk.revokedAt'), children: time(k.revokedAt) }]),
          ]}
        />
      </Card>

      <TableCard<KioskAlert>
        title={t('hubConsole.kiosk.alerts')}
        testId="kiosk-alerts"
        empty={t('hubConsole.kiosk.alertsEmpty')}
        rows={openAlerts}
        columns={alertColumns.slice(0, 3)}
        rowKey="id"
      />

      <TableCard<KioskHeartbeat['devices'][number]>
        title={t('hubConsole.kiosk.devices')}
        testId="kiosk-devices"
        // No heartbeat yet; a heartbeat names every device it has.
        empty={t('hubConsole.kiosk.devicesEmpty')}
        rows={report?.devices ?? []}
        rowKey="device"
        columns={[
          {
            key: 'device',
            title: t('hubConsole.kiosk.deviceColumns.device'),
            render: (_v, d) => deviceName(t, d.device),
          },
          {
            key: 'state',
            title: t('hubConsole.kiosk.deviceColumns.state'),
            render: (_v, d) => <DeviceState state={d.state} />,
          },
          { key: 'detail', title: t('hubConsole.kiosk.deviceColumns.detail'), render: (_v, d) => d.detail ?? none },
        ]}
      />

      <OpeningHoursCard detail={detail.data} onChanged={detail.reload} />

      <CommandsCard kiosk={k} />

      <TableCard<KioskAlert>
        title={t('hubConsole.kiosk.alertHistory', { days: HEALTH_HISTORY_DAYS })}
        testId="kiosk-alert-history"
        empty={t('hubConsole.kiosk.alertHistoryEmpty', { days: HEALTH_HISTORY_DAYS })}
        rows={alertHistory}
        columns={alertColumns}
        rowKey="id"
        paged
      />

      <TableCard<HealthSample>
        title={t('hubConsole.kiosk.health')}
        testId="kiosk-health"
        empty={t('hubConsole.kiosk.healthEmpty', { days: HEALTH_HISTORY_DAYS })}
        // The hub answers oldest first; the newest is what is looked for.
        rows={[...healthHistory].reverse()}
        columns={healthColumns}
        rowKey="at"
        paged
      />
    </>
  );
}
