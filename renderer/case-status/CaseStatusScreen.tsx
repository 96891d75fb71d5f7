import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isCaseKind } from '../../common/api/case-status';
import type { Health } from '../../common/api/health';
import { kindOfLetter } from '../../common/api/submissions';
import { parseReference, type ReferenceProblem } from '../../common/reference-number';
import { ApiError } from '../../ui/api/contract-client';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { useApi } from '../app/service/ServiceContext';
import { FieldProblem } from '../flow/Field';
import { ScreenHeader } from '../shared/ScreenHeader';
import { ReferenceDisplay } from '../submission-status/ReferenceDisplay';
import { ReferencePad } from '../submission-status/ReferencePad';
import { checkEntry, deleteChar, nextPart, typeChar } from '../submission-status/reference-entry';
import { CaseStatusResult, type ShownCaseStatus } from './CaseStatusResult';
import { useNavigation } from '../app/NavigationContext';
import { DigitsDisplay, DigitsPad, PHONE_SUFFIX_LENGTH } from './DigitsPad';
import '../flow/flows.css';
import '../submission-status/submission-status.css';
import './case-status.css';

type ReferenceStepProblem = ReferenceProblem | 'not-case';
type DigitsProblem =
  { kind: 'digits' | 'not-found' | 'unavailable' | 'failed' } | { kind: 'too-many'; seconds: number };

type Step =
  | { name: 'reference'; problem: ReferenceStepProblem | null }
  | { name: 'digits'; reference: string; problem: DigitsProblem | null; busy: boolean };

const NEXT_KEY = { letter: 'nextLetter', date: 'nextDate', serial: 'nextSerial', complete: 'complete' } as const;

/**
 * 查询进度: where a legal-aid application or mediation request stands. The
 * reference from the receipt on the reference pad, then the last four
 * digits of the phone given with it on a big number pad — so a stranger
 * who found a receipt cannot read the status — then the status in plain
 * words with what to do next. When the office cannot be reached, the last
 * status this kiosk knows, saying when it was.
 */
export function CaseStatusScreen({ health, answer }: { health: Health; answer?: ShownCaseStatus | undefined }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  if (answer !== undefined)
    return (
      <main className="screen status-screen case-status" data-testid="case-status">
        <ScreenHeader title={t('caseStatus.title')} />
        <CaseStatusResult answer={answer} health={health} onAnother={nav.back} />
      </main>
    );
  return <CaseStatusEntry />;
}

/** The reference, then the digits; the answer is pushed as a screen of its own. */
function CaseStatusEntry() {
  const { t } = useTranslation();
  const nav = useNavigation();
  const api = useApi();
  const [entry, setEntry] = useState('');
  const [digits, setDigits] = useState('');
  const [step, setStep] = useState<Step>({ name: 'reference', problem: null });
  const problemId = useId();
  const asking = useRef(false);

  const editReference = (next: string): void => {
    setEntry(next);
    if (step.name === 'reference' && step.problem !== null) setStep({ name: 'reference', problem: null });
  };
  const editDigits = (next: string): void => {
    setDigits(next);
    if (step.name === 'digits' && step.problem !== null) setStep({ ...step, problem: null });
  };

  const toDigits = (): void => {
    const checked = checkEntry(entry);
    if ('problem' in checked) return setStep({ name: 'reference', problem: checked.problem });
    const kind = kindOfLetter(parseReference(checked.reference).letter);
    if (kind === undefined || !isCaseKind(kind)) return setStep({ name: 'reference', problem: 'not-case' });
    setDigits('');
    setStep({ name: 'digits', reference: checked.reference, problem: null, busy: false });
  };

  const lookup = async (reference: string): Promise<void> => {
    if (asking.current) return;
    if (digits.length !== PHONE_SUFFIX_LENGTH)
      return setStep({ name: 'digits', reference, problem: { kind: 'digits' }, busy: false });
    asking.current = true;
    setStep({ name: 'digits', reference, problem: null, busy: true });
    try {
      const answer = await api.call('caseStatus', { reference, phoneLast4: digits });
      if (answer.outcome === 'not-found') {
        setDigits('');
        setStep({ name: 'digits', reference, problem: { kind: 'not-found' }, busy: false });
      } else if (answer.outcome === 'too-many-tries') {
        setDigits('');
        setStep({
          name: 'digits',
          reference,
          problem: { kind: 'too-many', seconds: answer.retryAfterSeconds },
          busy: false,
        });
      } else {
        // The digits have done their work: not kept on screen behind the answer.
        setDigits('');
        setStep({ name: 'digits', reference, problem: null, busy: false });
        nav.push({ name: 'case-status', answer });
      }
    } catch (error) {
      const kind = error instanceof ApiError && error.code === 'unavailable' ? 'unavailable' : 'failed';
      setStep({ name: 'digits', reference, problem: { kind }, busy: false });
    } finally {
      asking.current = false;
    }
  };

  return (
    <main className="screen status-screen case-status" data-testid="case-status">
      <ScreenHeader title={t('caseStatus.title')} />
      {step.name === 'reference' && (
        <div className="flow-step status-entry" data-testid="case-status-reference">
          <p className="screen__lead">{t('caseStatus.lead')}</p>
          <ReferenceDisplay compact={entry} problemId={step.problem !== null ? problemId : undefined} />
          <div aria-live="polite" className="status-entry__messages">
            {step.problem === null ? (
              <p className="status-entry__next" data-testid="reference-next">
                {entry === '' ? t('submissionStatus.example') : t(`submissionStatus.${NEXT_KEY[nextPart(entry)]}`)}
              </p>
            ) : (
              <div data-testid="reference-problem">
                <FieldProblem id={problemId}>
                  {step.problem === 'not-case'
                    ? t('caseStatus.notCase')
                    : t(`submissionStatus.problems.${step.problem}`)}
                </FieldProblem>
              </div>
            )}
          </div>
          <ReferencePad
            problemId={step.problem !== null ? problemId : undefined}
            canDelete={entry !== ''}
            busy={false}
            onChar={(ch) => editReference(typeChar(entry, ch))}
            onDelete={() => editReference(deleteChar(entry))}
            onClear={() => editReference('')}
            onSubmit={toDigits}
          />
        </div>
      )}
      {step.name === 'digits' && (
        <div className="flow-step status-entry case-digits" data-testid="case-status-digits">
          <p className="screen__lead">{t('caseStatus.digitsLead')}</p>
          <p className="case-digits__reference" data-testid="case-status-entered-reference">
            {t('caseStatus.answer.reference')}：<span lang="en">{step.reference}</span>
          </p>
          <DigitsDisplay digits={digits} problemId={step.problem !== null ? problemId : undefined} />
          <div aria-live="polite" className="status-entry__messages">
            {step.busy && <p className="status-entry__next">{t('caseStatus.busy')}</p>}
            {step.problem !== null && (
              <div data-testid="case-status-problem" data-problem={step.problem.kind}>
                {step.problem.kind === 'unavailable' || step.problem.kind === 'failed' ? (
                  <StatusNotice tone="warning">{t(`caseStatus.${step.problem.kind}`)}</StatusNotice>
                ) : (
                  <FieldProblem id={problemId}>
                    {step.problem.kind === 'too-many'
                      ? t('caseStatus.tooMany', { seconds: step.problem.seconds })
                      : step.problem.kind === 'not-found'
                        ? t('caseStatus.notFound')
                        : t('caseStatus.digitsNeeded')}
                  </FieldProblem>
                )}
              </div>
            )}
          </div>
          <DigitsPad
            problemId={step.problem !== null ? problemId : undefined}
            canDelete={digits !== ''}
            busy={step.busy}
            onDigit={(d) => editDigits(digits.length < PHONE_SUFFIX_LENGTH ? digits + d : digits)}
            onDelete={() => editDigits(digits.slice(0, -1))}
            onClear={() => editDigits('')}
            onSubmit={() => void lookup(step.reference)}
            onChangeReference={() => {
              setDigits('');
              setStep({ name: 'reference', problem: null });
            }}
          />
        </div>
      )}
    </main>
  );
}
