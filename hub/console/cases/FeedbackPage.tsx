import { Button, Popconfirm, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackSummary, RatingSummary } from '../../../common/hub/api/case-desk';
import { useLanguage } from '../../../ui/i18n/use-language';
import { useHubClient, useHubQuery } from '../data/queries';
import { TableCard } from '../fleet/TableCard';
import { PageError } from '../shared/PageError';
import { describeError, formatTime } from '../shared/format';

/**
 * 回电与评价: the callback requests of the caller's regions (number masked;
 * the whole number on a confirmed, audited request; marked done once
 * called back) and the ratings given at their kiosks.
 */
export function FeedbackPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useHubClient();
  const feedback = useHubQuery('feedback');
  const [phones, setPhones] = useState<Record<number, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const time = (iso: string) => formatTime(iso, language, '');

  const act = async (work: () => Promise<void>): Promise<void> => {
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(describeError(t, error));
    }
  };
  const reveal = (id: number) =>
    act(async () => {
      const { phone } = await client.call('callbackReveal', { callbackId: id });
      setPhones((p) => ({ ...p, [id]: phone }));
    });
  const done = (id: number) =>
    act(async () => {
      await client.call('callbackDone', { callbackId: id });
      feedback.reload();
    });

  const callbackColumns: TableColumnsType<CallbackSummary> = [
    { key: 'when', title: t('hubCases.feedback.columns.when'), render: (_v, c) => time(c.submittedAt) },
    { key: 'kiosk', title: t('hubCases.feedback.columns.kiosk'), dataIndex: 'kioskName' },
    {
      key: 'topic',
      title: t('hubCases.feedback.columns.topic'),
      render: (_v, c) => t(`hubCalls.topics.${c.topic}`, { defaultValue: c.topic }),
    },
    {
      key: 'phone',
      title: t('hubCases.feedback.columns.phone'),
      render: (_v, c) => (
        <Space>
          <span data-testid={`callback-phone-${c.callbackId}`}>{phones[c.callbackId] ?? c.phone}</span>
          {phones[c.callbackId] === undefined && (
            <Popconfirm
              title={t('hubCases.feedback.revealConfirm')}
              okText={t('hubCases.reveal.ok')}
              cancelText={t('hubConsole.common.cancel')}
              onConfirm={() => reveal(c.callbackId)}
            >
              <Button size="small">{t('hubCases.feedback.reveal')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
    {
      key: 'state',
      title: t('hubCases.feedback.columns.state'),
      render: (_v, c) =>
        c.handledAt !== null ? (
          <Tag className="console-status console-status--approved">
            {t('hubCases.feedback.done', { name: c.handledBy ?? '' })}
          </Tag>
        ) : (
          <Space>
            <Tag>{t('hubCases.feedback.waiting')}</Tag>
            <Button size="small" onClick={() => void done(c.callbackId)}>
              {t('hubCases.feedback.markDone')}
            </Button>
          </Space>
        ),
    },
  ];
  const ratingColumns: TableColumnsType<RatingSummary> = [
    { key: 'when', title: t('hubCases.feedback.columns.when'), render: (_v, r) => time(r.submittedAt) },
    { key: 'kiosk', title: t('hubCases.feedback.columns.kiosk'), dataIndex: 'kioskName' },
    {
      key: 'subject',
      title: t('hubCases.feedback.columns.subject'),
      render: (_v, r) => t(`hubCases.feedback.subjects.${r.subject}`),
    },
    {
      key: 'score',
      title: t('hubCases.feedback.columns.score'),
      render: (_v, r) => t('hubCases.feedback.score', { score: r.score }),
    },
    {
      key: 'reasons',
      title: t('hubCases.feedback.columns.reasons'),
      render: (_v, r) => r.reasons.map((x) => t(`rating.reasons.${x}`)).join('、'),
    },
  ];

  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        {t('hubCases.feedback.title')}
      </Typography.Title>
      <Typography.Paragraph className="console-lead">{t('hubCases.feedback.lead')}</Typography.Paragraph>
      {feedback.error !== undefined && <PageError error={feedback.error} retry={feedback.reload} />}
      {problem !== null && <PageError error={new Error(problem)} retry={feedback.reload} />}
      <TableCard
        title={t('hubCases.feedback.callbacks')}
        testId="callbacks"
        empty={t('hubCases.feedback.emptyCallbacks')}
        rows={feedback.data?.callbacks}
        columns={callbackColumns}
        rowKey="callbackId"
        paged
        loading={feedback.loading}
      />
      <TableCard
        title={t('hubCases.feedback.ratings')}
        testId="ratings"
        empty={t('hubCases.feedback.emptyRatings')}
        rows={feedback.data?.ratings}
        columns={ratingColumns}
        rowKey="ratingId"
        paged
        loading={feedback.loading}
      />
    </>
  );
}
