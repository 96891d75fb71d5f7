import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskCallUnavailableReason } from '../../common/api/calls';
import type { Health } from '../../common/api/health';
import type { CallTopic } from '../../common/hub/api/calls';
import { BigButton } from '../../ui/buttons/BigButton';
import { Icon } from '../../ui/icons/Icon';
import { useNavigation } from '../app/NavigationContext';
import { RatingPanel } from '../app/rating/RatingPanel';
import { featureState } from '../app/service/health-view';
import { useApi, useServiceEvents } from '../app/service/ServiceContext';
import { useSessionHold } from '../app/session/SessionContext';
import { useSessionUse } from '../app/session/SessionUse';
import { ScreenHeader } from '../shared/ScreenHeader';
import { type CallStep, callUnderWay, stepAfterStatus } from './call-flow';
import { CallbackFlow } from './CallbackFlow';
import { CallDocumentsPanel } from './CallDocumentsPanel';
import { CallStage, type StageOutcome } from './CallStage';
import { signalInbox } from './signal-inbox';
import { IdentityStep, NoticeStep, TopicStep, UnavailableStep, WaitingStep } from './steps';
import { useCallStatus } from './use-call-events';
import '../flow/flows.css';
import './video-call.css';

/** How long the screen waits for the service's answer to a request: the service itself answers within ten seconds. */
const REQUEST_TIMEOUT_MS = 20_000;

export interface VideoCallScreenProps {
  health: Health;
  /** Straight to a callback request for this reason (the tile said the hub is out of reach): the topic, then the number. */
  callbackFor?: KioskCallUnavailableReason;
}

/**
 * 视频咨询, one screen whose steps follow the call (call-flow.ts): the
 * notice, the topic, the optional ID card, the wait, the call, the rating;
 * or, when no lawyer can answer, 12348 and a callback request.
 *
 * While the call waits or runs the session is held (no idle countdown over
 * a citizen talking to a lawyer), and leaving in any way — 取消, 返回, 首页,
 * 结束使用, the session's end — cancels or ends it at the service, which
 * tells the hub. The camera and microphone are the call stage's: opened
 * when the lawyer answers, released when it goes.
 */
export function VideoCallScreen({ health, callbackFor }: VideoCallScreenProps) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const api = useApi();
  const use = useSessionUse();
  const [step, setStep] = useState<CallStep>(callbackFor === undefined ? { kind: 'notice' } : { kind: 'topic' });
  const callId = callUnderWay(step) ? step.callId : null;

  useSessionHold(callId !== null);
  // The lawyer's signals for the call, from the moment it is asked for: the offer may come before the call stage listens.
  const signals = useMemo(() => (callId === null ? null : signalInbox()), [callId]);
  useServiceEvents((event) => {
    if (event.type === 'call-signal' && event.callId === callId) signals?.push(event.signal);
  });
  useCallStatus(callId, (status) => {
    if (callId !== null) setStep((s) => stepAfterStatus(s, callId, status));
  });

  // The call under way when this screen goes (返回, 首页, the session's end): the service is told to end it.
  const underWay = useRef<string | null>(null);
  useEffect(() => {
    underWay.current = callId;
  }, [callId]);
  useEffect(
    () => () => {
      const id = underWay.current;
      if (id !== null) api.call('callEnd', { callId: id }).catch(() => undefined);
    },
    [api],
  );

  const answered = step.kind === 'call';
  useEffect(() => {
    if (answered) use.served('video-call');
  }, [answered, use]);

  const endAtService = (id: string): void => {
    api.call('callEnd', { callId: id }).catch(() => undefined);
  };

  const join = (topic: CallTopic, callerName: string | null): void => {
    const id = crypto.randomUUID();
    setStep({ kind: 'waiting', topic, callId: id, queued: null });
    // The name travels in this request only: it is not kept in the screen's state.
    api.call('callRequest', { callId: id, topic, callerName }, { timeoutMs: REQUEST_TIMEOUT_MS }).then(
      ({ status }) => setStep((s) => stepAfterStatus(s, id, status)),
      () =>
        setStep((s) =>
          callUnderWay(s) && s.callId === id
            ? { kind: 'unavailable', topic, reason: 'hub-unreachable', nextDutyAt: null }
            : s,
        ),
    );
  };

  const cancel = (): void => {
    if (callId !== null) endAtService(callId);
    underWay.current = null;
    nav.home();
  };

  const onStageOver = (outcome: StageOutcome): void => {
    if (step.kind !== 'call') return;
    endAtService(step.callId);
    underWay.current = null;
    setStep(
      outcome === 'media-unavailable'
        ? { kind: 'unavailable', topic: step.topic, reason: 'media-unavailable', nextDutyAt: null }
        : { kind: 'after', topic: step.topic, reason: outcome === 'hung-up' ? 'completed' : 'dropped' },
    );
  };

  const hubUp = featureState(health, 'videoCall').available;
  let back: (() => void) | undefined;
  let content: ReactNode;
  switch (step.kind) {
    case 'notice':
      content = <NoticeStep health={health} onStart={() => setStep({ kind: 'topic' })} />;
      break;
    case 'topic':
      back = callbackFor === undefined ? () => setStep({ kind: 'notice' }) : undefined;
      content = (
        <TopicStep
          onTopic={(topic) =>
            setStep(
              callbackFor === undefined
                ? { kind: 'identity', topic }
                : { kind: 'callback', topic, reason: callbackFor, nextDutyAt: null },
            )
          }
        />
      );
      break;
    case 'identity':
      back = () => setStep({ kind: 'topic' });
      content = <IdentityStep health={health} onJoin={(name) => join(step.topic, name)} />;
      break;
    case 'waiting':
      back = cancel;
      content = <WaitingStep queued={step.queued} onCancel={cancel} />;
      break;
    case 'call':
      content = (
        <>
          <CallStage
            callId={step.callId}
            lawyerName={step.lawyerName}
            ice={step.ice}
            signals={signals!}
            onOver={onStageOver}
          />
          <CallDocumentsPanel health={health} />
        </>
      );
      break;
    case 'after':
      content = <AfterStep reason={step.reason} health={health} />;
      break;
    case 'unavailable':
      content = (
        <UnavailableStep
          reason={step.reason}
          nextDutyAt={step.nextDutyAt}
          health={health}
          canRetry={hubUp && step.reason !== 'outside-hours' && step.reason !== 'media-unavailable'}
          onCallback={() =>
            setStep({ kind: 'callback', topic: step.topic, reason: step.reason, nextDutyAt: step.nextDutyAt })
          }
          onRetry={() => setStep({ kind: 'identity', topic: step.topic })}
        />
      );
      break;
    case 'callback':
      // 返回: back to why there is no lawyer (or to the topic, when the tile led straight here).
      back = () =>
        setStep(
          callbackFor === undefined
            ? { kind: 'unavailable', topic: step.topic, reason: step.reason, nextDutyAt: step.nextDutyAt }
            : { kind: 'topic' },
        );
      content = <CallbackFlow topic={step.topic} reason={step.reason} health={health} />;
      break;
  }

  return (
    <main className={`screen call-screen call-screen--${step.kind}`} data-testid="video-call" data-step={step.kind}>
      {step.kind === 'call' ? (
        // No 返回 or 首页 over a call: a stray tap must not hang up on the lawyer. 结束通话 and 结束使用 remain.
        <header className="screen-header">
          <div className="screen-header__side" />
          <h1 className="screen-header__title">{t('features.videoCall.title')}</h1>
          <div className="screen-header__side screen-header__side--end" />
        </header>
      ) : (
        <ScreenHeader title={t('features.videoCall.title')} onBack={back} />
      )}
      <div className="screen__content call-screen__content">{content}</div>
    </main>
  );
}

/** After the call: how it ended, the lawyer's documents (still printable), the rating as elsewhere, and home. */
function AfterStep({ reason, health }: { reason: 'completed' | 'abandoned' | 'missed' | 'dropped'; health: Health }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const dropped = reason === 'dropped';
  return (
    <section className="flow-step call-step" data-testid="call-after" data-reason={reason}>
      <p className="flow-title call-after__title" role="heading" aria-level={2}>
        <Icon name={dropped ? 'warning' : 'ok'} className="call-after__icon" />
        <span>{t('videoCall.after.title')}</span>
      </p>
      <p className="call-text call-text--lead">
        {dropped ? t('videoCall.after.dropped') : t('videoCall.after.thanks')}
      </p>
      <CallDocumentsPanel health={health} />
      <RatingPanel subject="video-call" mode="inline" />
      <div className="flow-actions">
        <BigButton variant="primary" icon="home" data-testid="call-after-home" onClick={nav.home}>
          {t('videoCall.after.home')}
        </BigButton>
      </div>
    </section>
  );
}
