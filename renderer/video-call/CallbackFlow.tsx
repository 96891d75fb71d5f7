import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskCallUnavailableReason } from '../../common/api/calls';
import type { Health } from '../../common/api/health';
import { REFERENCE_PLACEHOLDER, type SubmitResponse } from '../../common/api/submissions';
import type { CallTopic } from '../../common/hub/api/calls';
import { localIsoTimestamp } from '../../common/mediation/mediation';
import { BigButton } from '../../ui/buttons/BigButton';
import { Icon } from '../../ui/icons/Icon';
import { useLanguage } from '../../ui/i18n/use-language';
import { NumberPad } from '../../ui/keyboard/NumberPad';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { useNavigation } from '../app/NavigationContext';
import { hotlineNumber } from '../app/service/health-view';
import { useSessionUse } from '../app/session/SessionUse';
import { ConsentStep } from '../flow/ConsentStep';
import { FieldProblem } from '../flow/Field';
import { SubmissionDone } from '../flow/SubmissionDone';
import { SubmissionProblem } from '../flow/SubmissionProblem';
import { useSubmission } from '../flow/use-submission';
import { useTrackedJob } from '../print/use-tracked-job';
import { HotlineCard } from '../shared/HotlineCard';
import { formatPrintedAt } from '../shared/dates';
import { phoneDigits, phoneProblem } from './call-flow';
import { callbackReceipt } from './callback-receipt';
import '../flow/flows.css';
import './video-call.css';

/** The notice's version, stored with the consent (PIPL Art. 14, 17): change it whenever the words change. */
export const CALLBACK_NOTICE_VERSION = 'callback-notice-1';
/** A mobile number has 11 digits; a landline with its area code at most 12. */
const PHONE_MAX_DIGITS = 12;

type Phase = 'phone' | 'consent' | 'declined' | 'check' | 'done';

/** 138 1234 5678 / 027 8765 4321: read in groups, as people say them. */
export function groupPhone(digits: string): string {
  if (digits.startsWith('1'))
    return [digits.slice(0, 3), digits.slice(3, 7), digits.slice(7)].filter(Boolean).join(' ');
  const area = digits.startsWith('01') || digits.startsWith('02') ? 3 : 4;
  const rest = digits.slice(area);
  return [digits.slice(0, area), rest.slice(0, 4), rest.slice(4)].filter(Boolean).join(' ');
}

/**
 * 请律师回电: a phone number on the number pad, the notice on what it is
 * used for and its consent, a last look at the number, then a submission
 * of kind `callback-request` through the outbox with its receipt (the number
 * printed masked). The outbox delivers it to the hub like every submission.
 * The number lives in this component's state until it is sent.
 */
export function CallbackFlow({
  topic,
  reason,
  health,
}: {
  topic: CallTopic;
  reason: KioskCallUnavailableReason;
  health: Health;
}) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const language = useLanguage();
  const use = useSessionUse();
  const submission = useSubmission(health);
  // Mounted before the submission: events about its receipt can arrive before the answer naming the job.
  const receipt = useTrackedJob();
  const [phase, setPhase] = useState<Phase>('phone');
  const [digits, setDigits] = useState('');
  const [checking, setChecking] = useState(false);
  const [consentAt, setConsentAt] = useState<string | null>(null);
  const [done, setDone] = useState<SubmitResponse | null>(null);
  const phoneLabelId = useId();
  const problem = checking ? phoneProblem(digits) : null;

  const review = (at: string): void => {
    submission.review(JSON.stringify({ digits, topic, reason, at }));
    setPhase('check');
  };

  const submit = async (): Promise<void> => {
    if (consentAt === null) return;
    const payload = {
      phone: phoneDigits(digits),
      topic,
      reason,
      consent: { agreed: true as const, noticeVersion: CALLBACK_NOTICE_VERSION, at: consentAt },
    };
    const result = await submission.send((idempotencyKey) => ({
      kind: 'callback-request',
      payload,
      idempotencyKey,
      receipt: callbackReceipt({
        labels: {
          title: t('videoCall.callback.receipt.title'),
          reference: t('videoCall.callback.receipt.reference'),
          qrCaption: t('videoCall.callback.receipt.qrCaption'),
          phone: t('videoCall.callback.receipt.phone'),
          topic: t('videoCall.callback.receipt.topic'),
          submittedAt: t('videoCall.callback.receipt.submittedAt'),
          next: t('videoCall.callback.receipt.next'),
          terminal: t('videoCall.callback.receipt.terminal'),
          hotline: t('videoCall.callback.receipt.hotline'),
        },
        phone: payload.phone,
        topic: t(`videoCall.topic.names.${topic}`),
        submittedAt: formatPrintedAt(new Date(), language),
        terminalName: health.terminal.displayName,
        hotline: hotlineNumber(health),
      }),
      title: `${t('videoCall.callback.receipt.title')} ${REFERENCE_PLACEHOLDER}`,
    }));
    if (result === null) return;
    use.markSubmitted(result.reference);
    use.served('video-call');
    receipt.track(result.printJob);
    // Sent: the number is no longer needed on screen (the outbox has it; the receipt shows it masked).
    setDigits('');
    setConsentAt(null);
    setDone(result);
    setPhase('done');
  };

  switch (phase) {
    case 'phone':
      return (
        <section className="flow-step call-step call-callback" data-testid="call-callback-phone">
          <p className="flow-title" role="heading" aria-level={2}>
            {t('videoCall.callback.title')}
          </p>
          <p className="call-text">{t('videoCall.callback.lead')}</p>
          <div
            className="call-phone"
            role="group"
            aria-labelledby={phoneLabelId}
            data-invalid={problem !== null || undefined}
          >
            <p className="call-phone__label" id={phoneLabelId}>
              {t('videoCall.callback.phone')}
            </p>
            {problem !== null && <FieldProblem>{t(`videoCall.callback.problems.${problem}`)}</FieldProblem>}
            <p className="call-phone__value" data-testid="call-phone-value">
              {digits === '' ? (
                <span className="call-phone__empty">{t('videoCall.callback.phoneEmpty')}</span>
              ) : (
                groupPhone(digits)
              )}
            </p>
          </div>
          <NumberPad
            value={digits}
            onChange={setDigits}
            maxLength={PHONE_MAX_DIGITS}
            leadingZero
            label={t('videoCall.callback.phone')}
            submitIcon="forward"
            submitLabel={t('videoCall.callback.next')}
            onSubmit={() => {
              setChecking(true);
              if (phoneProblem(digits) === null) setPhase(consentAt === null ? 'consent' : 'check');
            }}
          />
        </section>
      );
    case 'consent':
      return (
        <ConsentStep
          title={t('videoCall.callback.consent.title')}
          lead={t('videoCall.callback.consent.lead')}
          parts={[
            {
              icon: 'phone',
              title: t('videoCall.callback.consent.whatTitle'),
              text: t('videoCall.callback.consent.what'),
            },
            {
              icon: 'person',
              title: t('videoCall.callback.consent.whyTitle'),
              text: t('videoCall.callback.consent.why'),
            },
            {
              icon: 'clock',
              title: t('videoCall.callback.consent.howLongTitle'),
              text: t('videoCall.callback.consent.howLong'),
            },
          ]}
          noticeVersion={CALLBACK_NOTICE_VERSION}
          onAgree={() => {
            const at = localIsoTimestamp(new Date());
            setConsentAt(at);
            review(at);
          }}
          onDisagree={() => {
            setDigits('');
            setPhase('declined');
          }}
        />
      );
    case 'declined':
      return (
        <section className="flow-step call-step" data-testid="call-callback-declined">
          <StatusNotice tone="info">{t('videoCall.callback.declined')}</StatusNotice>
          <HotlineCard
            size="large"
            number={health.terminal.hotlines.publicLegalService}
            local={health.terminal.hotlines.local}
          />
          <div className="flow-actions">
            <BigButton variant="primary" icon="home" onClick={nav.home}>
              {t('nav.backToHome')}
            </BigButton>
          </div>
        </section>
      );
    case 'check':
      return (
        <section className="flow-step call-step" data-testid="call-callback-check">
          <p className="flow-title" role="heading" aria-level={2}>
            {t('videoCall.callback.check')}
          </p>
          <p className="call-phone__value call-phone__value--check" data-testid="call-phone-check">
            <Icon name="phone" className="call-phone__icon" />
            <span>{groupPhone(digits)}</span>
          </p>
          <SubmissionProblem state={submission.state} health={health} />
          <div className="flow-actions">
            <BigButton icon="edit" data-testid="call-phone-edit" onClick={() => setPhase('phone')}>
              {t('videoCall.callback.edit')}
            </BigButton>
            <BigButton
              variant="primary"
              icon="ok"
              disabled={submission.state === 'sending'}
              data-testid="call-callback-submit"
              onClick={() => void submit()}
            >
              {t('videoCall.callback.submit')}
            </BigButton>
          </div>
        </section>
      );
    case 'done':
      return done === null ? null : (
        <SubmissionDone
          title={t('videoCall.callback.done.title')}
          reference={done.reference}
          referenceLabel={t('videoCall.callback.done.referenceLabel')}
          referenceHint={t('videoCall.callback.done.referenceHint')}
          receipt={receipt}
          receiptPrinted={done.receiptPrinted}
          health={health}
        />
      );
  }
}
