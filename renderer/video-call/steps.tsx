import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskCallUnavailableReason } from '../../common/api/calls';
import type { Health } from '../../common/api/health';
import { CALL_TOPICS, type CallTopic } from '../../common/hub/api/calls';
import { BigButton } from '../../ui/buttons/BigButton';
import { Icon, type IconName } from '../../ui/icons/Icon';
import { useLanguage } from '../../ui/i18n/use-language';
import { useNavigation } from '../app/NavigationContext';
import { ChoiceButton } from '../flow/ChoiceButton';
import { IdCardStep } from '../flow/id-card/IdCardStep';
import { HotlineCard } from '../shared/HotlineCard';
import { type DutyHours, dutyHoursLines, formatDutyStart, nextDutyStart, waitView } from './call-flow';
import '../flow/flows.css';
import '../flow/id-card/idcard.css';
import './video-call.css';

/** A picture for each topic, beside its words. */
export const TOPIC_ICON: Readonly<Record<CallTopic, IconName>> = {
  labour: 'worker',
  family: 'family',
  debts: 'wallet',
  neighbours: 'building',
  consumer: 'cart',
  traffic: 'car',
  housing: 'key',
  other: 'topic',
};

/** A step's question as a level-2 heading that is also the step's first paragraph, so 朗读 speaks it after the title. */
function StepSection({
  title,
  children,
  className,
  testId,
}: {
  title: string;
  children: ReactNode;
  className?: string;
  testId: string;
}) {
  const headingId = useId();
  return (
    <section
      className={`flow-step call-step${className === undefined ? '' : ` ${className}`}`}
      aria-labelledby={headingId}
      data-testid={testId}
    >
      <p id={headingId} className="flow-title" role="heading" aria-level={2}>
        {title}
      </p>
      {children}
    </section>
  );
}

/** What happens (or does not) with the citizen's data, beside a shield. */
function PrivacyLine({ children }: { children: string }) {
  return (
    <p className="call-text call-privacy">
      <Icon name="shield" className="call-privacy__icon" />
      <span>{children}</span>
    </p>
  );
}

/** The terminal's duty hours, one line a group of days; the words when the configuration names none. */
function DutyHoursList({ hours }: { hours: DutyHours | null }) {
  const { t } = useTranslation();
  const lines =
    hours === null
      ? []
      : dutyHoursLines(hours, {
          day: (d) => t(`videoCall.hours.days.${d}`),
          dayRange: (from, to) => t('videoCall.hours.dayRange', { from, to }),
          rangeSeparator: t('videoCall.hours.rangeSeparator'),
        });
  if (lines.length === 0) return <p className="call-text">{t('videoCall.notice.hoursUnknown')}</p>;
  return (
    <ul className="plain-list call-hours" data-testid="duty-hours">
      {lines.map((line) => (
        <li key={line} className="call-hours__line">
          <Icon name="clock" className="call-hours__icon" />
          <span>{line}</span>
        </li>
      ))}
    </ul>
  );
}

/** 视频咨询's first screen: what happens, when lawyers are on duty, whether it is recorded. */
export function NoticeStep({ health, onStart }: { health: Health; onStart(): void }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const { recording, dutyHours } = health.terminal.videoCall;
  const steps = ['topic', 'card', 'wait', 'talk'] as const;
  return (
    <StepSection title={t('videoCall.notice.title')} testId="call-notice">
      <p className="call-text call-text--lead">{t('videoCall.notice.what')}</p>
      <div className="accent-box">
        <h3 className="call-subtitle">{t('videoCall.notice.stepsTitle')}</h3>
        <ol className="call-steps">
          {steps.map((s) => (
            <li key={s}>{t(`videoCall.notice.steps.${s}`)}</li>
          ))}
        </ol>
      </div>
      <div className="accent-box">
        <h3 className="call-subtitle">{t('videoCall.notice.hoursTitle')}</h3>
        <DutyHoursList hours={dutyHours} />
      </div>
      <p className="call-text call-recording" data-testid="call-recording" data-recorded={recording}>
        <Icon name={recording ? 'warning' : 'shield'} className="call-recording__icon" />
        <span>{recording ? t('videoCall.notice.recorded') : t('videoCall.notice.notRecorded')}</span>
      </p>
      <p className="call-text">{t('videoCall.notice.hearing')}</p>
      <div className="flow-actions">
        {recording && (
          <BigButton icon="close" data-testid="call-decline-recording" onClick={nav.home}>
            {t('videoCall.notice.declineRecorded')}
          </BigButton>
        )}
        <BigButton variant="primary" icon={recording ? 'ok' : 'forward'} data-testid="call-start" onClick={onStart}>
          {recording ? t('videoCall.notice.agreeRecorded') : t('videoCall.notice.start')}
        </BigButton>
      </div>
    </StepSection>
  );
}

/** 您想咨询哪方面的问题？ — big buttons with pictures; one tap is the answer. */
export function TopicStep({ onTopic }: { onTopic(topic: CallTopic): void }) {
  const { t } = useTranslation();
  return (
    <StepSection title={t('videoCall.topic.title')} testId="call-topic">
      <div className="option-grid option-grid--4 call-topics" role="group" aria-label={t('videoCall.topic.title')}>
        {CALL_TOPICS.map((topic) => (
          <ChoiceButton
            key={topic}
            icon={TOPIC_ICON[topic]}
            chosen={false}
            testId={`call-topic-${topic}`}
            onPress={() => onTopic(topic)}
          >
            {t(`videoCall.topic.names.${topic}`)}
          </ChoiceButton>
        ))}
      </div>
    </StepSection>
  );
}

/**
 * 出示身份证 or not: only the name goes to the lawyer (for a legal-aid
 * referral); the card is read only once the citizen chose to show it, with
 * the flow kit's card step, and nothing of it is kept here but the name
 * until the request goes.
 */
export function IdentityStep({
  health,
  onJoin,
}: {
  health: Health;
  /** The name to show the lawyer, or null. */
  onJoin(callerName: string | null): void;
}) {
  const { t } = useTranslation();
  const [reading, setReading] = useState(false);
  if (reading) {
    return (
      <section className="flow-step call-step" data-testid="call-identity" data-phase="card">
        <IdCardStep health={health} onIdentity={(identity) => onJoin(identity.name)} />
        <div className="flow-actions">
          <BigButton icon="forward" data-testid="call-identity-skip" onClick={() => onJoin(null)}>
            {t('videoCall.identity.cancel')}
          </BigButton>
        </div>
      </section>
    );
  }
  return (
    <StepSection title={t('videoCall.identity.title')} testId="call-identity">
      <p className="call-text call-text--lead">{t('videoCall.identity.lead')}</p>
      <PrivacyLine>{t('videoCall.identity.keep')}</PrivacyLine>
      <div className="flow-actions">
        <BigButton icon="forward" data-testid="call-identity-skip" onClick={() => onJoin(null)}>
          {t('videoCall.identity.skip')}
        </BigButton>
        <BigButton variant="primary" icon="idCard" data-testid="call-identity-show" onClick={() => setReading(true)}>
          {t('videoCall.identity.show')}
        </BigButton>
      </div>
    </StepSection>
  );
}

/** In line for a lawyer: how many ahead and about how long, updated as the service says; 取消 always one tap. */
export function WaitingStep({
  queued,
  onCancel,
}: {
  queued: { position: number; estimatedWaitSeconds: number } | null;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const view = queued === null ? null : waitView(queued);
  return (
    <StepSection title={t('videoCall.waiting.title')} testId="call-waiting">
      <div className="call-wait" role="status" data-testid="call-wait-status">
        <Icon name="clock" className="call-wait__icon" />
        {view === null ? (
          <p className="call-wait__position">{t('videoCall.waiting.asking')}</p>
        ) : (
          <>
            <p className="call-wait__position" data-testid="call-position" data-ahead={view.ahead}>
              {view.ahead === 0 ? t('videoCall.waiting.next') : t('videoCall.waiting.position', { count: view.ahead })}
            </p>
            <p className="call-wait__estimate" data-testid="call-estimate">
              {view.minutes === null
                ? t('videoCall.waiting.estimateSoon')
                : t('videoCall.waiting.estimate', { minutes: view.minutes })}
            </p>
          </>
        )}
      </div>
      <p className="call-text">{t('videoCall.waiting.stay')}</p>
      <PrivacyLine>{t('videoCall.waiting.camera')}</PrivacyLine>
      <div className="flow-actions call-actions">
        <BigButton icon="close" data-testid="call-cancel" onClick={onCancel}>
          {t('videoCall.waiting.cancel')}
        </BigButton>
      </div>
    </StepSection>
  );
}

/**
 * No lawyer can answer: why in plain words, when duty starts next (the
 * hub's roster, else the terminal's hours), 12348, and a callback request.
 */
export function UnavailableStep({
  reason,
  nextDutyAt,
  health,
  canRetry,
  onCallback,
  onRetry,
}: {
  reason: KioskCallUnavailableReason;
  nextDutyAt: string | null;
  health: Health;
  /** The hub is there again: joining the line again may work now. */
  canRetry: boolean;
  onCallback(): void;
  onRetry(): void;
}) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const language = useLanguage();
  const { hotlines, videoCall } = health.terminal;
  // When this step opened: what "next" means for the duty start.
  const [now] = useState(() => new Date());
  // The hub's word first; the terminal's own hours when the hub said nothing (or could not be asked).
  const next =
    nextDutyAt !== null
      ? new Date(nextDutyAt)
      : videoCall.dutyHours === null ||
          (reason !== 'outside-hours' && reason !== 'no-lawyer' && reason !== 'hub-unreachable')
        ? null
        : nextDutyStart(videoCall.dutyHours, now);
  const showNext = next !== null && !Number.isNaN(next.getTime()) && next.getTime() > now.getTime() + 60_000;
  return (
    <StepSection title={t('videoCall.unavailable.title')} testId="call-unavailable">
      <p className="call-text call-text--lead call-reason" data-testid="call-unavailable-reason" data-reason={reason}>
        <Icon name="info" className="call-reason__icon" />
        <span>{t(`videoCall.unavailable.reasons.${reason}`)}</span>
      </p>
      {showNext && (
        <p className="call-text call-next-duty" data-testid="call-next-duty">
          <Icon name="clock" className="call-reason__icon" />
          <span>{t('videoCall.unavailable.nextDuty', { when: formatDutyStart(next, language) })}</span>
        </p>
      )}
      {videoCall.dutyHours !== null && <DutyHoursList hours={videoCall.dutyHours} />}
      <p className="call-text">{t('videoCall.unavailable.meanwhile')}</p>
      <HotlineCard size="large" number={hotlines.publicLegalService} local={hotlines.local} />
      <div className="flow-actions">
        <BigButton icon="home" data-testid="call-home" onClick={nav.home}>
          {t('nav.backToHome')}
        </BigButton>
        {canRetry && (
          <BigButton icon="retry" data-testid="call-retry" onClick={onRetry}>
            {t('videoCall.unavailable.again')}
          </BigButton>
        )}
        <BigButton variant="primary" icon="phone" data-testid="call-callback" onClick={onCallback}>
          {t('videoCall.unavailable.callback')}
        </BigButton>
      </div>
    </StepSection>
  );
}
