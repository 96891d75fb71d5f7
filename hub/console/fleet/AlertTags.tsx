import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlertKind } from '../../../common/hub/api/alert-kinds';

/** A kiosk's open alerts, a tag each in the catalogue's name for its kind; `none` when there are none. */
export function AlertTags({ kinds, none }: { kinds: readonly AlertKind[]; none: string }) {
  const { t } = useTranslation();
  if (kinds.length === 0) return <span className="console-muted">{none}</span>;
  return (
    <Space wrap size={4}>
      {kinds.map((kind) => (
        <Tag key={kind} className="console-status console-status--alert" data-testid={`alert-${kind}`}>
          {t(`hubFleet.alertKinds.${kind}`)}
        </Tag>
      ))}
    </Space>
  );
}

/** Online or offline, as the hub decided it (approved, and heard from lately). */
export function OnlineTag({ online }: { online: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag className={`console-status console-status--${online ? 'approved' : 'offline'}`} data-testid="kiosk-online">
      {t(online ? 'hubConsole.fleet.online' : 'hubConsole.fleet.offline')}
    </Tag>
  );
}
