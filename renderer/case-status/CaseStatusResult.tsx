import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseStatusAnswer } from '../../common/api/case-status';
import type { Health } from '../../common/api/health';
import type { KioskCaseStatus } from '../../common/hub/cases';
import { BigButton } from '../../ui/buttons/BigButton';
import { useLanguage } from '../../ui/i18n/use-language';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { hotlineNumber } from '../app/service/health-view';
import { PrintSlipButton } from '../print/PrintSlipButton';
import { formatPrintedAt } from '../shared/dates';
import { caseStatusSlip, caseStatusSlipLabels } from './case-status-slip';
import { statusWords, type Translate } from './case-status-view';

export type ShownCaseStatus = Exclude<CaseStatusAnswer, { outcome: 'not-found' | 'too-many-tries' }>;

/**
 * What 查询进度 found: the status in plain words with the next step and a
 * slip to take away; offline, the last status known and when; a request
 * still waiting at this kiosk, or nothing known, said as such.
 */
export function CaseStatusResult({
  answer,
  health,
  onAnother,
}: {
  answer: ShownCaseStatus;
  health: Health;
  onAnother(): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const time = (iso: string): string => formatPrintedAt(new Date(iso), language);
  const hotline = hotlineNumber(health);

  return (
    <div className="flow-step status-result case-result" data-testid="case-status-result" data-outcome={answer.outcome}>
      {answer.outcome === 'offline-last-known' && (
        <div data-testid="case-status-offline">
          <StatusNotice tone="warning">
            {t('caseStatus.offlineLastKnown', { time: time(answer.learnedAt) })}
          </StatusNotice>
        </div>
      )}
      {answer.outcome === 'offline-unknown' && (
        <div data-testid="case-status-offline">
          <StatusNotice tone="warning">{t('caseStatus.offlineUnknown', { hotline })}</StatusNotice>
        </div>
      )}
      {answer.outcome === 'not-delivered' && (
        <>
          <p className="status-result__reference" data-testid="status-reference">
            {answer.reference}
          </p>
          <div data-testid="case-status-not-delivered">
            <StatusNotice tone="info">{t('caseStatus.notDelivered', { time: time(answer.createdAt) })}</StatusNotice>
          </div>
        </>
      )}
      {(answer.outcome === 'found' || answer.outcome === 'offline-last-known') && (
        <CaseStatusFacts
          status={answer.status}
          health={health}
          offlineNotice={
            answer.outcome === 'offline-last-known'
              ? t('caseStatus.offlineLastKnown', { time: time(answer.learnedAt) })
              : undefined
          }
        />
      )}
      <BigButton icon="search" data-testid="case-status-another" onClick={onAnother}>
        {t('caseStatus.another')}
      </BigButton>
    </div>
  );
}

function CaseStatusFacts({
  status,
  health,
  offlineNotice,
}: {
  status: KioskCaseStatus;
  health: Health;
  offlineNotice: string | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const time = (iso: string): string => formatPrintedAt(new Date(iso), language);
  const hotline = hotlineNumber(health);
  // The view builds its keys from the status; case-status-view.test.ts checks each one is in both catalogues.
  const translate = t as unknown as Translate;
  const words = statusWords(status, { t: translate, language, hotline });
  const kind = t(`caseStatus.kinds.${status.kind}`);
  const labelId = useId();

  const build = (printedAt: Date) => ({
    title: `${t('caseStatus.slip.title')} ${status.reference}`,
    receipt: caseStatusSlip(
      {
        reference: status.reference,
        kind,
        asOf: time(status.changedAt),
        ...(offlineNotice === undefined ? {} : { offlineNotice }),
        words,
      },
      {
        terminalName: health.terminal.displayName,
        printedAt: formatPrintedAt(printedAt, language),
        hotline,
        labels: caseStatusSlipLabels(translate),
      },
    ),
  });

  return (
    <>
      <p className="status-result__reference" data-testid="status-reference">
        {status.reference}
      </p>
      <section className="case-result__status" aria-labelledby={labelId}>
        <h2 className="case-result__label" id={labelId} data-testid="case-status-label">
          {words.label}
        </h2>
        <div data-testid="case-status-words">
          {words.lines.map((line) => (
            <p key={line} className="case-result__line">
              {line}
            </p>
          ))}
        </div>
        {words.next.length > 0 && (
          <div className="case-result__next" data-testid="case-status-next">
            <h3 className="case-result__next-heading">{t('caseStatus.answer.next')}</h3>
            {words.next.map((line) => (
              <p key={line} className="case-result__line">
                {line}
              </p>
            ))}
          </div>
        )}
      </section>
      <dl className="status-result__facts">
        <div className="status-result__fact">
          <dt>{t('caseStatus.answer.kind')}</dt>
          <dd data-testid="case-status-kind">{kind}</dd>
        </div>
        <div className="status-result__fact">
          <dt>{t('caseStatus.answer.receivedAt')}</dt>
          <dd>{time(status.receivedAt)}</dd>
        </div>
        <div className="status-result__fact">
          <dt>{t('caseStatus.answer.changedAt')}</dt>
          <dd>{time(status.changedAt)}</dd>
        </div>
      </dl>
      <PrintSlipButton label={t('caseStatus.print')} build={build} health={health} />
    </>
  );
}
