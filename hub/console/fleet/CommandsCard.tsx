import { App, Button, Modal, Select, Space, Typography, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FLEET_COMMAND_KINDS,
  type CommandPayload,
  type FleetCommandKind,
  type FleetCommandSummary,
} from '../../../common/hub/api/fleet-commands';
import type { KioskSummary } from '../../../common/hub/api/kiosks';
import { useLanguage } from '../../../ui/i18n/use-language';
import { useHubClient, useHubQuery } from '../data/queries';
import type { LiveEvent } from '../data/live-socket';
import { describeError, formatTime } from '../shared/format';
import { TableCard } from './TableCard';

/**
 * A kiosk's commands (common/hub/api/fleet-commands.ts): send one, see
 * where each stands (read again when the kiosk changes, as a result
 * arriving does), and open a result's logs or screenshot.
 */
export function CommandsCard({ kiosk }: { kiosk: KioskSummary }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const client = useHubClient();
  const concerns = useCallback(
    (event: LiveEvent) => event.type === 'resync' || ('kioskId' in event && event.kioskId === kiosk.id),
    [kiosk.id],
  );
  const list = useHubQuery('commandList', { kioskId: kiosk.id }, concerns);
  const [kind, setKind] = useState<FleetCommandKind>('reload-ui');
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<{ command: FleetCommandSummary; payload: CommandPayload } | null>(null);
  const kindName = (k: FleetCommandKind): string => t(`hubConsole.kiosk.commands.kinds.${k}`);
  const time = (iso: string | null): string => formatTime(iso, language, t('hubConsole.common.never'));

  const send = async (): Promise<void> => {
    setBusy(true);
    try {
      await client.call('commandSend', { kioskId: kiosk.id, kind });
      void message.success(t('hubConsole.kiosk.commands.sent', { kind: kindName(kind) }));
      list.reload();
    } catch (error) {
      void message.error(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };
  const open = async (command: FleetCommandSummary): Promise<void> => {
    try {
      const detail = await client.call('commandShow', { commandId: command.id });
      if (detail.payload !== null) setShown({ command: detail.command, payload: detail.payload });
    } catch (error) {
      void message.error(describeError(t, error));
    }
  };

  const columns: TableColumnsType<FleetCommandSummary> = [
    { key: 'kind', title: t('hubConsole.kiosk.commands.kind'), render: (_v, c) => kindName(c.kind) },
    {
      key: 'state',
      title: t('hubConsole.kiosk.commands.state'),
      render: (_v, c) => (
        <span data-testid={`command-state-${c.id}`}>{t(`hubConsole.kiosk.commands.states.${c.state}`)}</span>
      ),
    },
    { key: 'createdAt', title: t('hubConsole.kiosk.commands.createdAt'), render: (_v, c) => time(c.createdAt) },
    { key: 'result', title: t('hubConsole.kiosk.commands.result'), render: (_v, c) => c.resultDetail ?? '' },
    {
      key: 'payload',
      title: '',
      render: (_v, c) =>
        c.payloadKind === null ? null : (
          <Button size="small" onClick={() => void open(c)} data-testid={`command-open-${c.id}`}>
            {t(
              c.payloadKind === 'png'
                ? 'hubConsole.kiosk.commands.openScreenshot'
                : 'hubConsole.kiosk.commands.openLogs',
            )}
          </Button>
        ),
    },
  ];

  return (
    <>
      <TableCard<FleetCommandSummary>
        title={t('hubConsole.kiosk.commands.title')}
        testId="kiosk-commands"
        empty={t('hubConsole.kiosk.commands.empty')}
        rows={list.data?.commands}
        columns={columns}
        rowKey="id"
        paged
        extra={
          kiosk.status === 'approved' && (
            <Space>
              <Select<FleetCommandKind>
                value={kind}
                onChange={setKind}
                aria-label={t('hubConsole.kiosk.commands.kind')}
                showSearch
                optionFilterProp="label"
                options={FLEET_COMMAND_KINDS.map((k) => ({ value: k, label: kindName(k) }))}
                style={{ minWidth: 160 }}
                data-testid="command-kind"
              />
              <Button type="primary" loading={busy} onClick={() => void send()} data-testid="command-send">
                {t('hubConsole.kiosk.commands.send')}
              </Button>
            </Space>
          )
        }
      >
        <Typography.Paragraph className="console-muted">{t('hubConsole.kiosk.commands.lead')}</Typography.Paragraph>
      </TableCard>
      <Modal
        open={shown !== null}
        onCancel={() => setShown(null)}
        footer={null}
        width={900}
        title={shown === null ? '' : kindName(shown.command.kind)}
      >
        {shown?.payload.kind === 'png' && (
          <img
            src={`data:image/png;base64,${shown.payload.base64}`}
            alt={t('hubConsole.kiosk.commands.screenshotAlt')}
            style={{ maxWidth: '100%' }}
          />
        )}
        {shown?.payload.kind === 'logs' && (
          <pre className="console-logs" tabIndex={0} aria-label={t('hubConsole.kiosk.commands.openLogs')}>
            {shown.payload.text}
          </pre>
        )}
      </Modal>
    </>
  );
}
