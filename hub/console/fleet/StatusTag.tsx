import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KioskStatus } from '../../../common/hub/api/kiosks';

/** A kiosk's standing; the colours are the console's own, dark enough on their tint to read (WCAG AA). */
export function StatusTag({ status }: { status: KioskStatus }) {
  const { t } = useTranslation();
  return (
    <Tag className={`console-status console-status--${status}`} data-testid="kiosk-status">
      {t(`hubConsole.fleet.status.${status}`)}
    </Tag>
  );
}
