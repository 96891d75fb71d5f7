import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FleetAlert } from '../../../common/hub/api/alerts';
import { useLanguage } from '../../../ui/i18n/use-language';
import { hrefOf } from '../app/routes';
import { useAlerts } from '../data/queries';
import { PageError } from '../shared/PageError';
import { formatTime } from '../shared/format';
import { alertDetailText } from './alert-text';
import { AlertTags } from './AlertTags';
import { TableCard } from './TableCard';

/**
 * The open alerts of the caller's regions, oldest first (what has waited
 * longest is dealt with first), at the top of the fleet: each names its
 * kiosk, links to its page, says what is wrong and since when.
 */
export function OpenAlerts() {
  const { t } = useTranslation();
  const language = useLanguage();
  const alerts = useAlerts();
  const list = [...(alerts.data ?? [])].sort((a, b) => a.openedAt.localeCompare(b.openedAt));

  const columns: TableColumnsType<FleetAlert> = [
    {
      key: 'kiosk',
      title: t('hubConsole.fleet.alerts.kiosk'),
      render: (_v, a) => (
        <a
          href={hrefOf({ page: 'kiosk', id: a.kioskId })}
          aria-label={t('hubConsole.fleet.alerts.open', { name: a.displayName })}
        >
          {a.displayName}
        </a>
      ),
    },
    {
      key: 'site',
      title: t('hubConsole.fleet.columns.site'),
      render: (_v, a) =>
        `${t('hubConsole.fleet.region', { region: a.regionCode })} · ${a.site ?? t('hubConsole.common.none')}`,
    },
    {
      key: 'kind',
      title: t('hubConsole.fleet.alerts.kind'),
      render: (_v, a) => <AlertTags kinds={[a.kind]} none="" />,
    },
    {
      key: 'detail',
      title: t('hubConsole.kiosk.alertColumns.detail'),
      render: (_v, a) => alertDetailText(t, language, a),
    },
    {
      key: 'since',
      title: t('hubConsole.fleet.alerts.since'),
      render: (_v, a) => formatTime(a.openedAt, language, ''),
    },
  ];

  return (
    <TableCard<FleetAlert>
      title={t('hubConsole.fleet.alerts.title')}
      testId="open-alerts"
      empty={t('hubConsole.fleet.alerts.empty')}
      rows={alerts.data === undefined ? undefined : list}
      columns={columns}
      rowKey="id"
      loading={alerts.loading}
      extra={alerts.data === undefined ? null : t('hubConsole.fleet.alerts.count', { count: list.length })}
    >
      {alerts.error !== undefined && <PageError error={alerts.error} retry={alerts.reload} />}
    </TableCard>
  );
}
