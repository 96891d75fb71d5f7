import { App, Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KioskSummary } from '../../../common/hub/api/kiosks';
import { useHubClient } from '../data/queries';
import { describeError } from '../shared/format';

/**
 * Approve and revoke, each behind a confirmation: approving shows the key
 * fingerprint to compare with what `kioskctl hub enroll` printed on the
 * kiosk, revoking says what it does. `onChanged` reloads what the page shows.
 */
export function KioskActions({ kiosk, onChanged }: { kiosk: KioskSummary; onChanged: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const client = useHubClient();
  const name = kiosk.displayName;

  const act = (kind: 'approve' | 'revoke'): void => {
    void modal.confirm({
      title: t(kind === 'approve' ? 'hubConsole.fleet.approveTitle' : 'hubConsole.fleet.revokeTitle', { name }),
      content: (
        <>
          <Typography.Paragraph>{t('hubConsole.fleet.fingerprintCheck')}</Typography.Paragraph>
          <Typography.Paragraph code className="console-fingerprint" data-testid="confirm-fingerprint">
            {kiosk.keyFingerprint}
          </Typography.Paragraph>
          {kind === 'revoke' && <Typography.Paragraph>{t('hubConsole.fleet.revokeEffect')}</Typography.Paragraph>}
        </>
      ),
      okText: t(kind === 'approve' ? 'hubConsole.fleet.approve' : 'hubConsole.fleet.revoke'),
      okButtonProps: { danger: kind === 'revoke', 'data-testid': 'confirm-ok' },
      cancelText: t('hubConsole.common.cancel'),
      onOk: async () => {
        try {
          await client.call(kind === 'approve' ? 'kioskApprove' : 'kioskRevoke', { kioskId: kiosk.id });
          void message.success(
            t(kind === 'approve' ? 'hubConsole.fleet.approved' : 'hubConsole.fleet.revoked', { name }),
          );
        } catch (error) {
          void message.error(describeError(t, error));
        }
        onChanged();
      },
    });
  };

  return (
    <Space>
      {kiosk.status === 'pending' && (
        <Button type="primary" onClick={() => act('approve')} data-testid={`approve-${kiosk.id}`}>
          {t('hubConsole.fleet.approve')}
        </Button>
      )}
      {kiosk.status !== 'revoked' && (
        <Button danger onClick={() => act('revoke')} data-testid={`revoke-${kiosk.id}`}>
          {t('hubConsole.fleet.revoke')}
        </Button>
      )}
    </Space>
  );
}
