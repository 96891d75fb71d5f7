import { Alert, Button, Card, Descriptions, Popconfirm, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRevealResponse } from '../../../common/hub/api/case-desk';
import type { CaseStatus, CaseStatusWithDetails } from '../../../common/hub/cases';
import { ApiError } from '../../../ui/api/contract-client';
import { useLanguage } from '../../../ui/i18n/use-language';
import { hrefOf } from '../app/routes';
import { useHubClient, useHubQuery } from '../data/queries';
import type { LiveEvent } from '../data/live-socket';
import { PageError } from '../shared/PageError';
import { PageMessage } from '../shared/PageMessage';
import { describeError, formatTime } from '../shared/format';
import { StatusChangeModal } from './StatusChangeModal';
import { StatusDetails } from './StatusDetails';

/**
 * One case: what it is about (personal data masked), its history, the
 * statuses it may move to with a form asking for what each needs, and
 * 查看个人信息 — a separate, confirmed request the hub writes to the audit
 * log. Read again when a case of the officer's regions changes.
 */
export function CasePage({ id }: { id: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useHubClient();
  const concerns = useCallback((e: LiveEvent) => e.type === 'cases-changed' || e.type === 'resync', []);
  const detail = useHubQuery('caseDetail', { caseId: id }, concerns);
  const [moving, setMoving] = useState<CaseStatus | null>(null);
  const [revealed, setRevealed] = useState<CaseRevealResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const time = (iso: string) => formatTime(iso, language, '');
  const back = (
    <a href={hrefOf({ page: 'cases' })} className="console-back">
      {t('hubCases.detail.back')}
    </a>
  );

  if (detail.error instanceof ApiError && detail.error.status === 404)
    return <PageMessage status="404" title={t('hubCases.detail.notFound')} extra={back} />;
  if (detail.data === undefined)
    return detail.error !== undefined ? (
      <PageError error={detail.error} retry={detail.reload} />
    ) : (
      <Spin aria-label={t('hubConsole.common.loading')} />
    );
  const { summary, current, next, masked, history } = detail.data;

  const reveal = async (): Promise<void> => {
    setProblem(null);
    try {
      setRevealed(await client.call('caseReveal', { caseId: id }));
    } catch (error) {
      setProblem(describeError(t, error));
    }
  };
  const change = async (to: CaseStatusWithDetails): Promise<void> => {
    setProblem(null);
    try {
      await client.call('caseStatusChange', { caseId: id, from: current.status, to });
      setMoving(null);
    } catch (error) {
      // Another officer was first: say so, and show where the case stands now.
      if (error instanceof ApiError && error.status === 409) {
        setMoving(null);
        const now = /"([a-z-]+)"/.exec(error.message)?.[1] ?? '';
        setProblem(t('hubCases.detail.conflict', { status: t(`hubCases.statuses.${now}`, { defaultValue: now }) }));
      } else throw error;
    } finally {
      detail.reload();
    }
  };

  return (
    <>
      {back}
      <Typography.Title level={1} className="console-page-title">
        {t('hubCases.detail.title', { reference: summary.reference })}
      </Typography.Title>
      {problem !== null && (
        <Alert type="warning" showIcon title={problem} className="console-gap" data-testid="case-problem" />
      )}
      <Card className="console-gap" title={<h2 className="console-section-title">{t('hubCases.detail.facts')}</h2>}>
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('hubCases.detail.kind')}>
            {t(`hubCases.desk.tabs.${summary.kind}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('hubCases.detail.status')}>
            <Tag data-testid="case-status">{t(`hubCases.statuses.${current.status}`)}</Tag>
            <StatusDetails current={current} />
          </Descriptions.Item>
          <Descriptions.Item label={t('hubCases.detail.applicant')}>{masked.applicantName}</Descriptions.Item>
          {masked.idNumber !== null && (
            <Descriptions.Item label={t('hubCases.detail.idNumber')}>{masked.idNumber}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('hubCases.detail.phone')}>{masked.phone}</Descriptions.Item>
          <Descriptions.Item label={t('hubCases.detail.category')}>{masked.category}</Descriptions.Item>
          <Descriptions.Item label={t('hubCases.detail.summary')}>{masked.summary}</Descriptions.Item>
          {masked.otherParty !== null && (
            <Descriptions.Item label={t('hubCases.detail.otherParty')}>{masked.otherParty}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('hubCases.detail.kiosk')}>{summary.kioskName}</Descriptions.Item>
          <Descriptions.Item label={t('hubCases.detail.submitted')}>{time(summary.submittedAt)}</Descriptions.Item>
        </Descriptions>
        <div className="console-gap">
          {revealed === null ? (
            <Popconfirm
              title={t('hubCases.reveal.confirmTitle')}
              description={t('hubCases.reveal.confirmText')}
              okText={t('hubCases.reveal.ok')}
              cancelText={t('hubConsole.common.cancel')}
              onConfirm={reveal}
            >
              <Button data-testid="case-reveal">{t('hubCases.reveal.button')}</Button>
            </Popconfirm>
          ) : (
            <Revealed revealed={revealed} hide={() => setRevealed(null)} />
          )}
        </div>
      </Card>
      <Card className="console-gap" title={<h2 className="console-section-title">{t('hubCases.detail.actions')}</h2>}>
        {next.length === 0 ? (
          <Typography.Paragraph>{t('hubCases.detail.noActions')}</Typography.Paragraph>
        ) : (
          <Space wrap>
            {next.map((s) => (
              <Button key={s} type="primary" onClick={() => setMoving(s)} data-testid={`case-move-${s}`}>
                {t('hubCases.detail.moveTo', { status: t(`hubCases.statuses.${s}`) })}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Card className="console-gap" title={<h2 className="console-section-title">{t('hubCases.detail.history')}</h2>}>
        <Timeline
          data-testid="case-history"
          items={history.map((h) => ({
            children: (
              <>
                <div>
                  <strong>{t(`hubCases.statuses.${h.current.status}`)}</strong> · {time(h.at)}
                </div>
                <StatusDetails current={h.current} />
                <div>{h.by === null ? t('hubCases.detail.received') : t('hubCases.detail.by', { name: h.by })}</div>
              </>
            ),
          }))}
        />
      </Card>
      {moving !== null && <StatusChangeModal status={moving} onCancel={() => setMoving(null)} onSubmit={change} />}
    </>
  );
}

/** The personal data the hub answered (and audited), until hidden again. */
function Revealed({ revealed, hide }: { revealed: CaseRevealResponse; hide: () => void }) {
  const { t } = useTranslation();
  const p = revealed.payload;
  return (
    <Card
      size="small"
      title={<h3 className="console-section-title">{t('hubCases.reveal.title')}</h3>}
      extra={<Button onClick={hide}>{t('hubCases.reveal.hide')}</Button>}
      data-testid="case-revealed"
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('hubCases.reveal.name')}>{p.applicant.name}</Descriptions.Item>
        {p.applicant.idNumber !== undefined && (
          <Descriptions.Item label={t('hubCases.reveal.idNumber')}>{p.applicant.idNumber}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('hubCases.reveal.phone')}>{p.applicant.phone}</Descriptions.Item>
        {'address' in p.applicant && p.applicant.address !== undefined && (
          <Descriptions.Item label={t('hubCases.reveal.address')}>{p.applicant.address}</Descriptions.Item>
        )}
        {'otherParty' in p && (
          <Descriptions.Item label={t('hubCases.reveal.otherParty')}>{p.otherParty.name}</Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
