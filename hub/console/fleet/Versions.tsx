import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KioskSummary } from '../../../common/hub/api/kiosks';

/** The app and content versions of a kiosk's latest heartbeat; a dash before its first. */
export function Versions({ kiosk }: { kiosk: Pick<KioskSummary, 'appVersion' | 'contentVersion'> }) {
  const { t } = useTranslation();
  if (kiosk.appVersion === null) return <>{t('hubConsole.common.none')}</>;
  return (
    <Space orientation="vertical" size={0}>
      <span>{t('hubConsole.fleet.appVersion', { version: kiosk.appVersion })}</span>
      <Typography.Text type="secondary">
        {kiosk.contentVersion === null
          ? t('hubConsole.fleet.noContent')
          : t('hubConsole.fleet.contentVersion', { version: kiosk.contentVersion })}
      </Typography.Text>
    </Space>
  );
}
