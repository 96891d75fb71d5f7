import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import type { SubmissionStatus } from '../../common/api/submissions';
import type { ReferenceProblem } from '../../common/reference-number';
import { ApiError } from '../../ui/api/contract-client';
import { BigButton } from '../../ui/buttons/BigButton';
import { Icon } from '../../ui/icons/Icon';
import { ScreenHeader } from '../shared/ScreenHeader';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { formatPrintedAt } from '../shared/dates';
import { useLanguage } from '../../ui/i18n/use-language';
import { useApi } from '../app/service/ServiceContext';
import { hotlineNumber, printerAvailability } from '../app/service/health-view';
import { useSessionUse } from '../app/session/SessionUse';
import { useTrackedJob } from '../print/use-tracked-job';
import { FieldProblem } from '../flow/Field';
import { ReceiptReprint, useReprint } from '../flow/Receipt';
import { printJobView } from '../print/print-job';
import { ReferencePad } from './ReferencePad';
import { ReferenceDisplay } from './ReferenceDisplay';
import { checkEntry, deleteChar, nextPart, typeChar } from './reference-entry';
import '../flow/flows.css';
import './submission-status.css';

type Lookup =
  | { state: 'entry'; problem: ReferenceProblem | 'not-found' | 'unavailable' | 'failed' | null; busy: boolean }
  | { state: 'result'; status: SubmissionStatus };

const NEXT_KEY = { letter: 'nextLetter', date: 'nextDate', serial: 'nextSerial', complete: 'complete' } as const;

/**
 * 查询办理进度: the reference number from a receipt, typed on a pad with
 * only the characters a reference can hold; then what became of the
 * submission — its kind, when it was sent, delivered or not, receipt
 * printed — and nothing about the person.
 *
 * Reprinting a receipt (it shows a masked name and phone, and what the
 * matter is) is offered only for a submission made in this same session:
 * anyone can type a reference they saw on a slip left behind, and the status
 * says nothing personal, but a reprint would hand a stranger that person's
 * receipt. Later, the office or the hotline helps; a technician can reprint
 * with `kioskctl receipt reprint`.
 */
export function SubmissionStatusScreen({ health }: { health: Health }) {
  const { t } = useTranslation();
  const api = useApi();
  const [entry, setEntry] = useState('');
  const [lookup, setLookup] = useState<Lookup>({ state: 'entry', problem: null, busy: false });
  const problemId = useId();
  /** What is wrong with the number typed (not the service's own trouble), to be said as a field's problem. */
  const numberProblem =
    lookup.state === 'entry' && lookup.problem !== 'unavailable' && lookup.problem !== 'failed' ? lookup.problem : null;
  const asking = useRef(false);

  const edit = (next: string): void => {
    setEntry(next);
    if (lookup.state === 'entry' && lookup.problem !== null) setLookup({ state: 'entry', problem: null, busy: false });
  };

  const submit = async (): Promise<void> => {
    if (asking.current) return;
    const checked = checkEntry(entry);
    if ('problem' in checked) {
      setLookup({ state: 'entry', problem: checked.problem, busy: false });
      return;
    }
    asking.current = true;
    setLookup({ state: 'entry', problem: null, busy: true });
    try {
      const status = await api.call('submission', { reference: checked.reference });
      setLookup({ state: 'result', status });
    } catch (error) {
      const problem =
        error instanceof ApiError
          ? error.code === 'not-found'
            ? 'not-found'
            : error.code === 'unavailable'
              ? 'unavailable'
              : 'failed'
          : 'failed';
      setLookup({ state: 'entry', problem, busy: false });
    } finally {
      asking.current = false;
    }
  };

  return (
    <main className="screen status-screen" data-testid="submission-status">
      <ScreenHeader title={t('submissionStatus.title')} />
      {lookup.state === 'result' ? (
        <StatusResult
          status={lookup.status}
          health={health}
          onAnother={() => {
            setEntry('');
            setLookup({ state: 'entry', problem: null, busy: false });
          }}
        />
      ) : (
        <div className="flow-step status-entry">
          <p className="screen__lead">{t('submissionStatus.lead')}</p>
          <ReferenceDisplay compact={entry} problemId={numberProblem !== null ? problemId : undefined} />
          <div aria-live="polite" className="status-entry__messages">
            {lookup.problem === null ? (
              <p className="status-entry__next" data-testid="reference-next">
                {entry === '' ? t('submissionStatus.example') : t(`submissionStatus.${NEXT_KEY[nextPart(entry)]}`)}
              </p>
            ) : (
              <div data-testid="reference-problem">
                {numberProblem === null ? (
                  // The service's trouble, not the number's: said as the flows say a failed submission.
                  <StatusNotice tone="warning">
                    {lookup.problem === 'unavailable'
                      ? t('submissionStatus.unavailable')
                      : t('submissionStatus.failed')}
                  </StatusNotice>
                ) : (
                  // What is wrong with the number typed: said as every flow says a field's problem.
                  <FieldProblem id={problemId}>
                    {numberProblem === 'not-found'
                      ? t('submissionStatus.notFound')
                      : t(`submissionStatus.problems.${numberProblem}`)}
                  </FieldProblem>
                )}
              </div>
            )}
          </div>
          <ReferencePad
            problemId={numberProblem !== null ? problemId : undefined}
            canDelete={entry !== ''}
            busy={lookup.busy}
            onChar={(ch) => edit(typeChar(entry, ch))}
            onDelete={() => edit(deleteChar(entry))}
            onClear={() => edit('')}
            onSubmit={() => void submit()}
          />
        </div>
      )}
    </main>
  );
}

function StatusResult({ status, health, onAnother }: { status: SubmissionStatus; health: Health; onAnother(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const use = useSessionUse();
  const { job, track } = useTrackedJob();
  const reprint = useReprint(status.reference, health, track);

  const mine = use.submittedHere(status.reference);
  const printer = printerAvailability(health);

  const receipt = !status.hasReceipt
    ? t('submissionStatus.result.noReceipt')
    : status.receiptPrinted
      ? t('submissionStatus.result.receiptPrinted')
      : t('submissionStatus.result.receiptNotPrinted');
  return (
    <div className="flow-step status-result" data-testid="status-result">
      <p className="status-result__reference" data-testid="status-reference">
        {status.reference}
      </p>
      <dl className="status-result__facts">
        <div className="status-result__fact">
          <dt>{t('submissionStatus.result.kind')}</dt>
          <dd data-testid="status-kind">{t(`submissionStatus.kinds.${status.kind}`)}</dd>
        </div>
        <div className="status-result__fact">
          <dt>{t('submissionStatus.result.submittedAt')}</dt>
          <dd>{formatPrintedAt(new Date(status.createdAt), language)}</dd>
        </div>
        <div className="status-result__fact">
          <dt>{t('submissionStatus.result.delivery')}</dt>
          <dd data-testid="status-delivery" data-delivered={status.delivered}>
            <Icon name={status.delivered ? 'ok' : 'clock'} className="status-result__icon" />
            {status.delivered ? t('submissionStatus.result.delivered') : t('submissionStatus.result.pending')}
          </dd>
        </div>
        <div className="status-result__fact">
          <dt>{t('submissionStatus.result.receipt')}</dt>
          <dd data-testid="status-receipt">{receipt}</dd>
        </div>
      </dl>
      {status.hasReceipt &&
        (mine && printer.state !== 'none' ? (
          // Nothing asked yet: no status line (the facts above say whether it printed), only the button.
          <ReceiptReprint view={job === null ? null : printJobView(job)} reprint={reprint} />
        ) : (
          !mine && (
            <p className="status-result__note">
              {t('submissionStatus.reprintOnlyHere', { hotline: hotlineNumber(health) })}
            </p>
          )
        ))}
      <BigButton icon="search" data-testid="status-another" onClick={onAnother}>
        {t('submissionStatus.another')}
      </BigButton>
    </div>
  );
}
