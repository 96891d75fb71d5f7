import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntry } from '../../common/api/directory';
import type { Health } from '../../common/api/health';
import { REFERENCE_PLACEHOLDER, type SubmitRequest } from '../../common/api/submissions';
import { mediationZhCN } from '../../common/i18n/sections/mediation';
import {
  COMMITTEE_CONTACT_WORKING_DAYS,
  type DisputeCategory,
  EMPTY_ANSWERS,
  MEDIATION_NOTICE_VERSION,
  MEDIATION_STEPS,
  type MediationAnswers,
  type MediationStep,
  buildMediationPayload,
  firstIncompleteStep,
  localIsoTimestamp,
  stepProblems,
} from '../../common/mediation/mediation';
import { useNavigation } from '../app/NavigationContext';
import { ScreenHeader } from '../shared/ScreenHeader';
import { StepProgress } from '../flow/StepProgress';
import { formatPrintedAt } from '../shared/dates';
import { useLanguage } from '../../ui/i18n/use-language';
import { hotlineNumber } from '../app/service/health-view';
import { useServiceQuery } from '../app/service/use-service-query';
import { useTrackedJob } from '../print/use-tracked-job';
import { useSessionUse } from '../app/session/SessionUse';
import { DoneStep } from './DoneStep';
import { mediationReceipt } from './mediation-receipt';
import { COUNTED_STEPS, type CountedStep, nextStep, stepNumber } from './mediation-view';
import { ConsentStep } from '../flow/ConsentStep';
import { useSubmission } from '../flow/use-submission';
import { AnswerStep, DeclinedStep, IntroStep, ReviewStep } from './steps';
import '../flow/flows.css';
import './mediation.css';

type Step =
  | { kind: 'intro' }
  /** `fromReview`: 修改 on the check page; 下一步 goes back there. */
  | { kind: 'answer'; step: MediationStep; fromReview: boolean }
  | { kind: 'consent' }
  | { kind: 'declined' }
  | { kind: 'review' }
  | { kind: 'done'; reference: string; receiptPrinted: boolean };

/** The request as it will be sent, but for its idempotency key (useSubmission keeps that). */
type Prepared = Omit<Extract<SubmitRequest, { kind: 'mediation-request' }>, 'idempotencyKey'>;

/**
 * 调解申请: a mediation request for the people's mediation committee, one
 * question per step — the dispute type, what happened, the citizen, the
 * other side, the amount, when they can come — then the notice on personal
 * data and its consent, a check of everything, and 提交: the reference number
 * in very large type and the receipt from the printer.
 *
 * The steps are parts of this one screen (返回 steps back through them), so
 * the answers survive moving between them; they live in this component's
 * state only and are dropped once the request is sent (the receipt and the
 * outbox have what they need) — the end of the session drops the rest.
 *
 * A double tap on 提交 sends one request: the button ignores taps while one is
 * on its way, and a retry sends the same idempotency key, so the service
 * answers with the first submission instead of storing a second.
 */
export function MediationScreen({ health }: { health: Health }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const language = useLanguage();
  const use = useSessionUse();
  const mainRef = useRef<HTMLElement>(null);
  const [step, setStep] = useState<Step>({ kind: 'intro' });
  const [answers, setAnswers] = useState<MediationAnswers>(EMPTY_ANSWERS);
  /** Problems are shown once 下一步 was tapped on a step, and then follow the typing. */
  const [checking, setChecking] = useState(false);
  const [consentAt, setConsentAt] = useState<string | null>(null);
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const submission = useSubmission(health);
  const receipt = useTrackedJob();
  const directory = useServiceQuery('directory', { kind: 'mediation-committee' });
  const committee: DirectoryEntry | null = directory.status === 'ok' ? (directory.data.entries[0] ?? null) : null;

  const stepKey = JSON.stringify(step);
  useEffect(() => {
    mainRef.current?.scrollTo({ top: 0 });
  }, [stepKey]);

  /** 下一步 with something missing: the problems show, and the first one is brought into view (after the scroll to the top). */
  const [reveal, setReveal] = useState(0);
  useEffect(() => {
    if (reveal > 0)
      mainRef.current
        ?.querySelector('[data-invalid="true"], [data-testid="field-problem"]')
        ?.scrollIntoView({ block: 'center' });
  }, [reveal]);
  const showProblems = (): void => {
    setChecking(true);
    setReveal((n) => n + 1);
  };

  const go = (next: Step): void => {
    setChecking(false);
    setStep(next);
  };

  /** The request as it will be sent, made when the check page opens; the same answers keep the same key. */
  const prepare = (consentTime: string, a: MediationAnswers): void => {
    const payload = buildMediationPayload(a, consentTime, {
      situation: (category, situation) =>
        (mediationZhCN.situations[category] as Record<string, string>)[situation] ?? situation,
      relation: (relation) => mediationZhCN.relations[relation],
    });
    const payloadJson = JSON.stringify(payload);
    submission.review(payloadJson);
    if (prepared !== null && JSON.stringify(prepared.payload) === payloadJson) return;
    const receipt = mediationReceipt({
      labels: {
        title: t('mediation.receipt.title'),
        reference: t('mediation.receipt.reference'),
        qrCaption: t('mediation.receipt.qrCaption'),
        applicant: t('mediation.receipt.applicant'),
        phone: t('mediation.receipt.phone'),
        category: t('mediation.receipt.category'),
        submittedAt: t('mediation.receipt.submittedAt'),
        nextTitle: t('mediation.receipt.nextTitle'),
        next: t('mediation.receipt.next', { days: COMMITTEE_CONTACT_WORKING_DAYS }),
        free: t('mediation.receipt.free'),
        committee: t('mediation.receipt.committee'),
        address: t('mediation.receipt.address'),
        committeePhone: t('mediation.receipt.committeePhone'),
        keep: t('mediation.receipt.keep'),
        terminal: t('mediation.receipt.terminal'),
        hotline: t('mediation.receipt.hotline'),
      },
      category: t(`mediation.category.names.${payload.dispute.category as DisputeCategory}`),
      applicantName: payload.applicant.name,
      applicantPhone: payload.applicant.phone,
      submittedAt: formatPrintedAt(new Date(), language),
      committee:
        committee === null ? null : { name: committee.name, address: committee.address, phone: committee.phone },
      terminalName: health.terminal.displayName,
      hotline: hotlineNumber(health),
    });
    setPrepared({
      kind: 'mediation-request',
      payload,
      receipt,
      title: `${t('mediation.receipt.title')} ${REFERENCE_PLACEHOLDER}`,
    });
  };

  const toReview = (consentTime: string | null = consentAt, a: MediationAnswers = answers): void => {
    const missing = firstIncompleteStep(a);
    if (missing !== null) {
      go({ kind: 'answer', step: missing, fromReview: true });
      showProblems();
      return;
    }
    if (consentTime === null) {
      go({ kind: 'consent' });
      return;
    }
    prepare(consentTime, a);
    go({ kind: 'review' });
  };

  const submit = async (): Promise<void> => {
    if (prepared === null) return;
    const result = await submission.send((idempotencyKey) => ({ ...prepared, idempotencyKey }));
    if (result === null) return;
    use.markSubmitted(result.reference);
    use.served('mediation');
    receipt.track(result.printJob);
    // Sent: the answers are no longer needed on screen (the outbox has them, the receipt shows them masked).
    setAnswers(EMPTY_ANSWERS);
    setPrepared(null);
    setConsentAt(null);
    go({ kind: 'done', reference: result.reference, receiptPrinted: result.receiptPrinted });
  };

  /** On from an answer step: the next one, or the notice after the last. */
  const advance = (from: MediationStep): void => {
    const following = nextStep(from);
    go(following === 'consent' ? { kind: 'consent' } : { kind: 'answer', step: following, fromReview: false });
  };

  const back = (): (() => void) | undefined => {
    switch (step.kind) {
      case 'intro':
        return undefined;
      case 'answer': {
        if (step.fromReview) return () => toReview();
        const i = MEDIATION_STEPS.indexOf(step.step);
        return () =>
          go(i === 0 ? { kind: 'intro' } : { kind: 'answer', step: MEDIATION_STEPS[i - 1]!, fromReview: false });
      }
      case 'consent':
      case 'declined':
        return () => go({ kind: 'answer', step: 'availability', fromReview: false });
      case 'review':
        return () => go({ kind: 'answer', step: 'availability', fromReview: false });
      case 'done':
        return nav.home;
    }
  };

  const content = ((): ReactNode => {
    switch (step.kind) {
      case 'intro':
        return (
          <IntroStep
            committee={committee}
            health={health}
            recordsDown={submission.recordsDown}
            onStart={() => go({ kind: 'answer', step: 'category', fromReview: false })}
          />
        );
      case 'answer': {
        const problems = checking ? stepProblems(step.step, answers) : {};
        const onNext = (): void => {
          if (Object.keys(stepProblems(step.step, answers)).length > 0) {
            showProblems();
            return;
          }
          if (step.fromReview) {
            toReview();
            return;
          }
          advance(step.step);
        };
        return (
          <AnswerStep
            key={step.step}
            step={step.step}
            answers={answers}
            problems={problems}
            onChange={(patch) => setAnswers((a) => ({ ...a, ...patch }))}
            onNext={onNext}
            onChoose={(patch) => {
              // A big-button answer (type, time) is the whole step: on at once.
              const next = { ...answers, ...patch };
              setAnswers(next);
              // A dispute screening: the citizen said what the dispute is about (once per session).
              if (step.step === 'category' && next.category !== null)
                use.countOnce('dispute-screening', 'dispute-screening', next.category);
              if (step.fromReview) {
                toReview(consentAt, next);
                return;
              }
              advance(step.step);
            }}
          />
        );
      }
      case 'consent':
        return (
          <ConsentStep
            title={t('mediation.consent.title')}
            lead={t('mediation.consent.lead')}
            parts={[
              { icon: 'contents', title: t('mediation.consent.whatTitle'), text: t('mediation.consent.what') },
              { icon: 'handshake', title: t('mediation.consent.whyTitle'), text: t('mediation.consent.why') },
              { icon: 'clock', title: t('mediation.consent.howLongTitle'), text: t('mediation.consent.howLong') },
            ]}
            extra={[t('mediation.consent.receipt')]}
            noticeVersion={MEDIATION_NOTICE_VERSION}
            onAgree={() => {
              const at = localIsoTimestamp(new Date());
              setConsentAt(at);
              toReview(at);
            }}
            onDisagree={() => go({ kind: 'declined' })}
          />
        );
      case 'declined':
        return <DeclinedStep committee={committee} health={health} />;
      case 'review':
        return (
          <ReviewStep
            answers={answers}
            send={submission.state}
            health={health}
            onEdit={(s) => go({ kind: 'answer', step: s, fromReview: true })}
            onSubmit={() => void submit()}
          />
        );
      case 'done':
        return (
          <DoneStep
            reference={step.reference}
            receiptPrinted={step.receiptPrinted}
            committee={committee}
            receipt={receipt}
            health={health}
          />
        );
    }
  })();

  const counted: CountedStep | null =
    step.kind === 'answer' ? step.step : step.kind === 'consent' || step.kind === 'review' ? step.kind : null;
  const title = step.kind === 'done' ? t('mediation.done.title') : t('features.mediation.title');
  return (
    <main
      ref={mainRef}
      className={`screen mediation-screen keyboard-room mediation-screen--${step.kind}`}
      data-testid="mediation"
      data-step={step.kind === 'answer' ? step.step : step.kind}
    >
      <ScreenHeader title={title} onBack={back()} />
      {counted !== null && <StepCount step={counted} />}
      {content}
    </main>
  );
}

function StepCount({ step }: { step: CountedStep }) {
  const { t } = useTranslation();
  const n = stepNumber(step);
  const total = COUNTED_STEPS.length;
  return (
    // Not a paragraph: 朗读 speaks the step's question, not the count.
    <StepProgress
      as="div"
      look="quiet"
      text={t('mediation.stepOf', { step: n, total })}
      current={n}
      total={total}
      testId="mediation-progress"
    />
  );
}
