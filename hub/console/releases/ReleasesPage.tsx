import { App, Button, InputNumber, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../common/hub/api/accounts';
import type { ReleasesResponse, RolloutChange } from '../../../common/hub/api/releases';
import { mayCall } from '../app/routes';
import { useHubClient, useHubQuery } from '../data/queries';
import { PageError } from '../shared/PageError';
import { describeError } from '../shared/format';

type Release = ReleasesResponse['releases'][number];
type Rollout = NonNullable<Release['rollout']>;

/** What a rollout reaches, in the console's words. */
function useRolloutText(): (r: Rollout | null) => string {
  const { t } = useTranslation();
  return (r) => {
    if (r === null) return t('hubReleases.rollout.none');
    if (r.stage === 'all') return t('hubReleases.rollout.all');
    if (r.stage === 'canary') return t('hubReleases.rollout.canary', { group: r.canaryGroup ?? '' });
    return r.canaryGroup === null
      ? t('hubReleases.rollout.percent', { percent: r.percent })
      : t('hubReleases.rollout.percentAndCanary', { percent: r.percent, group: r.canaryGroup });
  };
}

/**
 * The published content releases, newest first: how far each goes, how
 * many of the caller's kiosks are on it, downloading, failed or rolled
 * back; and, for those whose role may change rollouts, pause, resume,
 * abort (confirmed) and widen. The hub decides and refuses (a rollout only
 * widens), and its refusal is shown as it says it.
 */
export function ReleasesPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const client = useHubClient();
  const releases = useHubQuery('releases');
  const rolloutText = useRolloutText();
  const mayChange = mayCall(user.role, 'releaseRollout');
  const [percents, setPercents] = useState<Record<number, number | null>>({});

  const change = async (releaseNumber: number, change: RolloutChange): Promise<void> => {
    try {
      await client.call('releaseRollout', { releaseNumber, change });
      void message.success(t('hubReleases.changed', { release: releaseNumber }));
    } catch (error) {
      void message.error(describeError(t, error));
    }
    releases.reload();
  };
  const abort = (releaseNumber: number): void => {
    void modal.confirm({
      title: t('hubReleases.abortTitle', { release: releaseNumber }),
      content: t('hubReleases.abortEffect'),
      okText: t('hubReleases.abort'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
      cancelText: t('hubConsole.common.cancel'),
      onOk: () => change(releaseNumber, { action: 'abort' }),
    });
  };

  const columns: TableColumnsType<Release> = [
    { key: 'release', title: t('hubReleases.columns.release'), render: (_v, r) => r.releaseNumber, width: 80 },
    { key: 'version', title: t('hubReleases.columns.version'), render: (_v, r) => r.version },
    {
      key: 'rollout',
      title: t('hubReleases.columns.rollout'),
      render: (_v, r) => (
        <Space>
          {rolloutText(r.rollout)}
          {r.rollout !== null && <Tag>{t(`hubReleases.states.${r.rollout.state}`)}</Tag>}
        </Space>
      ),
    },
    { key: 'counts', title: t('hubReleases.columns.counts'), render: (_v, r) => t('hubReleases.counts', r.counts) },
  ];
  if (mayChange)
    columns.push({
      key: 'actions',
      title: t('hubReleases.columns.actions'),
      render: (_v, r) => {
        const n = r.releaseNumber;
        const state = r.rollout?.state;
        const widenable = state !== 'paused' && state !== 'aborted' && r.rollout?.stage !== 'all';
        const percent = percents[n] ?? null;
        return (
          <Space wrap>
            {(state === 'running' || state === 'done') && (
              <Button onClick={() => void change(n, { action: 'pause' })} data-testid={`pause-${n}`}>
                {t('hubReleases.pause')}
              </Button>
            )}
            {state === 'paused' && (
              <Button onClick={() => void change(n, { action: 'resume' })} data-testid={`resume-${n}`}>
                {t('hubReleases.resume')}
              </Button>
            )}
            {widenable && (
              <>
                <InputNumber<number>
                  min={1}
                  max={99}
                  precision={0}
                  value={percent}
                  onChange={(v) => setPercents((p) => ({ ...p, [n]: v }))}
                  aria-label={t('hubReleases.percentLabel')}
                  placeholder="%"
                />
                <Button
                  disabled={percent === null}
                  onClick={() => percent !== null && void change(n, { action: 'percent', percent })}
                  data-testid={`widen-${n}`}
                >
                  {t('hubReleases.widen')}
                </Button>
                <Button onClick={() => void change(n, { action: 'all' })} data-testid={`all-${n}`}>
                  {t('hubReleases.widenToAll')}
                </Button>
              </>
            )}
            {state !== undefined && state !== 'aborted' && (
              <Button danger onClick={() => abort(n)} data-testid={`abort-${n}`}>
                {t('hubReleases.abort')}
              </Button>
            )}
          </Space>
        );
      },
    });

  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        {t('hubReleases.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('hubReleases.lead')}</Typography.Paragraph>
      {releases.error !== undefined && <PageError error={releases.error} retry={releases.reload} />}
      {releases.data?.releases.length === 0 ? (
        <Typography.Text className="console-muted">{t('hubReleases.empty')}</Typography.Text>
      ) : (
        <Table<Release>
          rowKey="releaseNumber"
          columns={columns}
          dataSource={releases.data?.releases ?? []}
          loading={releases.loading}
          pagination={false}
          size="small"
          data-testid="releases-table"
        />
      )}
    </>
  );
}
