import { Card, Descriptions, Empty, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../ui/i18n/use-language';
import { hrefOf } from '../app/routes';
import { useKiosk } from '../data/queries';
import { PageError } from '../shared/PageError';
import { PageMessage } from '../shared/PageMessage';
import { formatTime } from '../shared/format';
import { KioskActions } from './kiosk-actions';
import { StatusTag } from './StatusTag';

/** One kiosk: what the hub knows of it, its actions, and the places its health history and alerts will take. */
export function KioskPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const kiosk = useKiosk(id);
  const time = (iso: string | null): string => formatTime(iso, language, t('hubConsole.common.never'));
  const back = (
    <a href={hrefOf({ page: 'fleet' })} className="console-back">
      {t('hubConsole.kiosk.back')}
    </a>
  );

  if (kiosk.error !== undefined) return <PageError error={kiosk.error} retry={kiosk.reload} />;
  if (kiosk.data === undefined) return <Spin aria-label={t('hubConsole.common.loading')} />;
  const k = kiosk.data;
  if (k === null) return <PageMessage status="404" title={t('hubConsole.kiosk.notFound')} extra={back} />;

  return (
    <>
      {back}
      <Typography.Title level={1} className="console-page-title">
        {k.displayName}
      </Typography.Title>
      <Card className="console-gap" extra={<KioskActions kiosk={k} onChanged={kiosk.reload} />}>
        <Descriptions
          column={2}
          items={[
            { key: 'terminalId', label: t('hubConsole.kiosk.terminalId'), children: k.terminalId },
            { key: 'status', label: t('hubConsole.kiosk.status'), children: <StatusTag status={k.status} /> },
            { key: 'region', label: t('hubConsole.kiosk.region'), children: k.regionCode },
            { key: 'site', label: t('hubConsole.kiosk.site'), children: k.site ?? t('hubConsole.common.none') },
            {
              key: 'fingerprint',
              label: t('hubConsole.kiosk.fingerprint'),
              children: <Typography.Text code>{k.keyFingerprint}</Typography.Text>,
            },
            { key: 'lastSeen', label: t('hubConsole.kiosk.lastSeen'), children: time(k.lastSeenAt) },
            { key: 'enrolledAt', label: t('hubConsole.kiosk.enrolledAt'), children: time(k.enrolledAt) },
            { key: 'approvedAt', label: t('hubConsole.kiosk.approvedAt'), children: time(k.approvedAt) },
            ...(k.revokedAt === null
              ? []
              : [{ key: 'revokedAt', label: t('hubConsole.kiosk.revokedAt'), children: time(k.revokedAt) }]),
          ]}
        />
      </Card>
      {/* The kiosk's health history and its alerts take these places once the hub keeps them. */}
      <Card className="console-gap" title={<h2 className="console-section-title">{t('hubConsole.kiosk.health')}</h2>}>
        <Empty description={t('hubConsole.kiosk.healthEmpty')} data-testid="kiosk-health" />
      </Card>
      <Card className="console-gap" title={<h2 className="console-section-title">{t('hubConsole.kiosk.alerts')}</h2>}>
        <Empty description={t('hubConsole.kiosk.alertsEmpty')} data-testid="kiosk-alerts" />
      </Card>
    </>
  );
}
