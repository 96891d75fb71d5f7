import { useTranslation } from 'react-i18next';
import type { KioskSummary } from '../../../common/hub/api/kiosks';
import { useLanguage } from '../../../ui/i18n/use-language';
import { formatWaitingAge } from './outbox-wait';

/**
 * A kiosk's outbox from its latest heartbeat: how many submissions wait for
 * the hub and how long the oldest had waited when that heartbeat came
 * ("3 件待送达，最早 2天前"); a dash before its first heartbeat. Measured to
 * the heartbeat, not to the screen's clock: what the kiosk last said, the
 * same on every screen, and current while it beats every few minutes.
 */
export function OutboxWaiting({
  kiosk,
}: {
  kiosk: Pick<KioskSummary, 'outboxDepth' | 'outboxOldestWaitingSince' | 'lastHeartbeatAt'>;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (kiosk.outboxDepth === null) return <>{t('hubConsole.common.none')}</>;
  if (kiosk.outboxDepth === 0 || kiosk.outboxOldestWaitingSince === null || kiosk.lastHeartbeatAt === null)
    return <>{t('hubConsole.fleet.outboxCount', { count: kiosk.outboxDepth })}</>;
  return (
    <>
      {t('hubConsole.fleet.outboxWaiting', {
        count: kiosk.outboxDepth,
        age: formatWaitingAge(kiosk.outboxOldestWaitingSince, Date.parse(kiosk.lastHeartbeatAt), language),
      })}
    </>
  );
}
