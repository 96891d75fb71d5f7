import { Alert, App, Button, Checkbox, Modal, Select, Space, Spin, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REGION_CODE_PATTERN } from '../../../common/hub/accounts';
import type { Me } from '../../../common/hub/api/accounts';
import { CALL_TOPICS, type CallTopic } from '../../../common/hub/api/calls';
import { tidyQueues, type CallQueue } from '../../../common/hub/call-queues';
import { useHubClient, useHubQuery, useKiosks } from '../data/queries';
import { describeError } from '../shared/format';
import { RegionPicker } from './RegionPicker';
import { regionOptions } from './region-options';

/**
 * The queues a lawyer serves (common/hub/call-queues.ts): which regions,
 * with the regions within them, and which topics they are rung for. Shown
 * as the hub has them (the default ones when none is set), edited here and
 * saved whole; an empty list, or 恢复默认, goes back to the default.
 * "Every region" is an administrator's to give only.
 */
export function LawyerQueuesModal({
  user,
  lawyer,
  onClose,
}: {
  user: Me;
  lawyer: { login: string; name: string; regionCode: string | null };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useHubClient();
  const kiosks = useKiosks();
  const current = useHubQuery('lawyerQueues', { login: lawyer.login });
  // null: unchanged, the hub's.
  const [draft, setDraft] = useState<CallQueue[] | null>(null);
  const [region, setRegion] = useState(lawyer.regionCode ?? user.regionCode ?? '');
  const [everywhere, setEverywhere] = useState(false);
  const [topic, setTopic] = useState<CallTopic | 'all'>('all');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const queues = draft ?? current.data?.queues ?? [];
  const isDefault = draft === null && current.data?.queuesAreDefault === true;
  const name = lawyer.name;
  const topicId = useId();

  const queueText = (q: CallQueue): string =>
    t('hubCallAdmin.queues.queue', {
      region: q.regionCode === null ? t('hubCallAdmin.queues.allRegions') : q.regionCode,
      topic: q.topic === null ? t('hubCallAdmin.queues.allTopics') : t(`hubCalls.topics.${q.topic}`),
    });

  const send = async (list: CallQueue[], done: string): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      await client.call('lawyerQueuesSet', { login: lawyer.login, queues: list });
      void message.success(done);
      onClose();
    } catch (error) {
      setProblem(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };

  const regionReady = everywhere || REGION_CODE_PATTERN.test(region);
  const add = (): void => {
    if (!regionReady) return;
    const queue = { regionCode: everywhere ? null : region, topic: topic === 'all' ? null : topic };
    // The default queues are what the lawyer serves while none is set: the first one set replaces them.
    setDraft(tidyQueues([...(isDefault ? [] : queues), queue]));
  };

  return (
    <Modal
      open
      title={t('hubCallAdmin.queues.title', { name })}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('hubConsole.common.cancel')}</Button>
          <Button
            onClick={() => void send([], t('hubCallAdmin.queues.restored', { name }))}
            disabled={isDefault}
            loading={busy}
            data-testid="queues-default"
          >
            {t('hubCallAdmin.queues.backToDefault')}
          </Button>
          <Button
            type="primary"
            onClick={() => void send(queues, t('hubCallAdmin.queues.saved', { name }))}
            disabled={draft === null}
            loading={busy}
            data-testid="queues-save"
          >
            {t('hubCallAdmin.queues.save')}
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      <Typography.Paragraph>{t('hubCallAdmin.queues.lead')}</Typography.Paragraph>
      {current.error !== undefined && (
        <Alert
          type="error"
          showIcon
          className="console-gap"
          title={t('hubCallAdmin.queues.failed', { message: describeError(t, current.error) })}
        />
      )}
      {current.data === undefined && current.error === undefined ? (
        <Spin aria-label={t('hubConsole.common.loading')} />
      ) : (
        <div data-testid="queues-list" className="console-gap">
          {isDefault && (
            <Typography.Paragraph data-testid="queues-is-default">
              {lawyer.regionCode === null
                ? t('hubCallAdmin.queues.isDefaultNational')
                : t('hubCallAdmin.queues.isDefault', { region: lawyer.regionCode })}
            </Typography.Paragraph>
          )}
          {!isDefault && queues.length === 0 && (
            <Typography.Paragraph>{t('hubCallAdmin.queues.empty')}</Typography.Paragraph>
          )}
          {!isDefault && queues.length > 0 && (
            <>
              <Typography.Paragraph>{t('hubCallAdmin.queues.current')}</Typography.Paragraph>
              <ul className="console-queue-list">
                {queues.map((q) => (
                  <li key={`${q.regionCode ?? ''}|${q.topic ?? ''}`} data-testid="queue">
                    <span>{queueText(q)}</span>
                    <Button
                      size="small"
                      aria-label={t('hubCallAdmin.queues.remove', { queue: queueText(q) })}
                      onClick={() => setDraft(queues.filter((other) => other !== q))}
                    >
                      ×
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <fieldset className="console-fieldset">
        <legend className="console-field-label">{t('hubCallAdmin.queues.addTitle')}</legend>
        {!everywhere && (
          <RegionPicker
            value={region}
            onChange={setRegion}
            options={regionOptions(user, kiosks.data?.map((k) => k.regionCode) ?? [])}
            testId="queue-region"
          />
        )}
        {user.role === 'administrator' && (
          <Checkbox
            checked={everywhere}
            onChange={(e) => setEverywhere(e.target.checked)}
            data-testid="queue-everywhere"
          >
            {t('hubCallAdmin.queues.allRegions')}
          </Checkbox>
        )}
        <div className="console-gap-top">
          <label className="console-field-label" htmlFor={topicId}>
            {t('hubCallAdmin.queues.topic')}
          </label>
          <Space>
            <Select<CallTopic | 'all'>
              id={topicId}
              value={topic}
              onChange={setTopic}
              showSearch={{ optionFilterProp: 'label' }}
              options={[
                { value: 'all', label: t('hubCallAdmin.queues.allTopics') },
                ...CALL_TOPICS.map((c) => ({ value: c, label: t(`hubCalls.topics.${c}`) })),
              ]}
              className="console-topic-select"
              data-testid={topicId}
            />
            <Button onClick={add} disabled={!regionReady} data-testid="queue-add">
              {t('hubCallAdmin.queues.add')}
            </Button>
          </Space>
        </div>
      </fieldset>
      {problem !== null && <Alert type="error" showIcon role="alert" className="console-gap-top" title={problem} />}
    </Modal>
  );
}
