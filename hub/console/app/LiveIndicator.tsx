import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LiveState } from '../data/live-socket';

/**
 * Says so while live updates are off (the socket dropped and is being
 * opened again): what the pages show may then be up to a minute behind.
 * Nothing while they work. Always in the page, empty or not, so a screen
 * reader hears the change (role status) and a test can read the state.
 */
export function LiveIndicator({ state }: { state: LiveState }) {
  const { t } = useTranslation();
  return (
    <span role="status" data-testid="live-state" data-state={state}>
      {state === 'reconnecting' && (
        <Tag className="console-status console-status--pending">{t('hubConsole.live.off')}</Tag>
      )}
    </span>
  );
}
