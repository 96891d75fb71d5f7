import { type RefObject, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IceConfig } from '../../common/hub/api/calls';
import { ApiError } from '../../ui/api/contract-client';
import { BigButton } from '../../ui/buttons/BigButton';
import { Icon } from '../../ui/icons/Icon';
import type { CallMediaState, CallSession } from '../../ui/call/call-types';
import { useApi } from '../app/service/ServiceContext';
import { createCallSession } from './call-media';
import { openLocalMedia, stopTracks } from './local-media';
import { serviceSignaling } from './service-signaling';
import type { SignalInbox } from './signal-inbox';
import './video-call.css';

/** Volume steps of the 大声一点 / 小声一点 buttons; the call starts one below the loudest. */
export const VOLUME_STEPS = 5;
const START_VOLUME = 4;

/** Plays `stream` in the video element of `ref` (the lawyer's sound too: through the element, never Web Audio). */
function useStreamIn(ref: RefObject<HTMLVideoElement | null>, stream: MediaStream | null): void {
  useEffect(() => {
    const video = ref.current;
    if (video === null) return;
    video.srcObject = stream;
    if (stream !== null) video.play().catch(() => undefined);
  }, [ref, stream]);
}

/** How the media part of a call came to an end, when it was not the lawyer or the hub that ended it. */
export type StageOutcome =
  /** 结束通话. */
  | 'hung-up'
  /** The media failed for good (the session gave up reconnecting). */
  | 'failed'
  /** No camera or microphone (refused, missing, busy), or no media path in this build. */
  | 'media-unavailable';

export interface CallStageProps {
  callId: string;
  lawyerName: string;
  ice: IceConfig;
  /** The lawyer's signals for this call, kept since the citizen joined the line (the offer may come before this mounts). */
  signals: SignalInbox;
  onOver(outcome: StageOutcome): void;
}

/**
 * The call itself: the lawyer large, the citizen small; 静音, the volume in
 * big steps, 结束通话; "网络不稳定，正在重新连接…" while the media recovers.
 * The lawyer's voice plays through the video element (not Web Audio), so
 * the browser's echo cancellation hears what the speakers play.
 *
 * The camera and microphone are opened when this mounts and released when
 * it goes, whatever ends the call: every track of the local stream is
 * stopped here as well as by the session, and a stream that arrives after
 * the call ended is stopped at once.
 */
export function CallStage({ callId, lawyerName, ice, signals, onOver }: CallStageProps) {
  const { t } = useTranslation();
  const api = useApi();
  const titleId = useId();
  const [state, setState] = useState<CallMediaState | 'opening'>('opening');
  const [remote, setRemote] = useState<MediaStream | null>(null);
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [muted, setMuted] = useState(false);
  const [volume, setVolume] = useState(START_VOLUME);
  const session = useRef<CallSession | null>(null);
  const remoteVideo = useRef<HTMLVideoElement>(null);
  const localVideo = useRef<HTMLVideoElement>(null);
  const over = useRef(onOver);
  useEffect(() => {
    over.current = onOver;
  });

  useEffect(() => {
    let cancelled = false;
    // Set when this side ends the call: the session's `ended` is then no failure.
    let closing = false;
    let stream: MediaStream | null = null;
    let current: CallSession | null = null;
    const offs: (() => void)[] = [];
    const signaling = serviceSignaling({
      send: (signal) => api.call('callSignal', { callId, signal }),
      subscribe: (listener) => signals.subscribe(listener),
      // 409: the service has no such call any more; nothing sent after it would matter.
      isFinal: (error) => error instanceof ApiError && (error.status === 409 || error.status === 400),
    });
    const factory = createCallSession;
    if (factory === null) {
      over.current('media-unavailable');
    } else {
      openLocalMedia().then(
        (opened) => {
          if (cancelled) {
            stopTracks(opened);
            return;
          }
          stream = opened;
          setLocal(opened);
          try {
            current = factory({
              signaling,
              polite: true,
              ice,
              renewIce: () => api.call('callIceConfig', { callId }, { timeoutMs: 15_000 }),
              localStream: opened,
            });
          } catch {
            over.current('media-unavailable');
            return;
          }
          session.current = current;
          setState(current.state);
          if (current.remoteStream !== null) setRemote(current.remoteStream);
          offs.push(
            current.onRemoteStream((s) => setRemote(s)),
            current.onStateChange((s) => {
              setState(s);
              if (s === 'ended' && !closing && !cancelled) over.current('failed');
            }),
          );
        },
        () => {
          if (!cancelled) over.current('media-unavailable');
        },
      );
    }
    return () => {
      cancelled = true;
      closing = true;
      for (const off of offs) off();
      current?.close();
      session.current = null;
      signaling.close();
      stopTracks(stream);
    };
  }, [api, callId, ice, signals]);

  useStreamIn(remoteVideo, remote);
  useStreamIn(localVideo, local);

  useEffect(() => {
    if (remoteVideo.current !== null) remoteVideo.current.volume = volume / VOLUME_STEPS;
  }, [volume, remote]);

  const toggleMute = (): void => {
    const next = !muted;
    session.current?.setMuted(next);
    setMuted(next);
  };

  const banner =
    state === 'opening'
      ? t('videoCall.call.opening')
      : state === 'connecting'
        ? t('videoCall.call.connecting')
        : state === 'reconnecting'
          ? t('videoCall.call.reconnecting')
          : null;

  return (
    <section className="call-stage" aria-labelledby={titleId} data-testid="call-stage" data-state={state}>
      <h2 id={titleId} className="call-stage__title">
        {t('videoCall.call.with', { name: lawyerName })}
      </h2>
      <div className="call-stage__main">
        <div className="call-stage__videos">
          <video
            ref={remoteVideo}
            className="call-stage__remote"
            data-testid="call-remote-video"
            aria-label={t('videoCall.call.lawyerVideo')}
            autoPlay
            playsInline
          />
          <video
            ref={localVideo}
            className="call-stage__self"
            data-testid="call-self-video"
            aria-label={t('videoCall.call.selfVideo')}
            autoPlay
            playsInline
            muted
          />
          <div className="call-stage__banner" role="status" data-testid="call-banner">
            {banner !== null && (
              <p className={`call-banner${state === 'reconnecting' ? ' call-banner--warning' : ''}`}>
                <Icon name={state === 'reconnecting' ? 'warning' : 'clock'} className="call-banner__icon" />
                <span>{banner}</span>
              </p>
            )}
          </div>
        </div>
        <div className="call-stage__side">
          <div className="call-stage__controls" role="group" aria-labelledby={titleId}>
            <button
              type="button"
              className="button button--large call-control"
              aria-pressed={muted}
              data-testid="call-mute"
              onClick={toggleMute}
            >
              <Icon name={muted ? 'micOff' : 'mic'} className="button__icon" />
              <span>{muted ? t('videoCall.call.unmute') : t('videoCall.call.mute')}</span>
            </button>
            {muted && (
              <p className="call-text call-muted" data-testid="call-muted">
                <Icon name="micOff" className="call-muted__icon" />
                <span>{t('videoCall.call.muted')}</span>
              </p>
            )}
            <button
              type="button"
              className="button button--large call-control"
              data-testid="call-volume-down"
              disabled={volume <= 1}
              onClick={() => setVolume((v) => Math.max(1, v - 1))}
            >
              <Icon name="volumeDown" className="button__icon" />
              <span>{t('videoCall.call.volumeDown')}</span>
            </button>
            <p className="call-volume" data-testid="call-volume" aria-live="polite">
              {t('videoCall.call.volume', { level: volume, max: VOLUME_STEPS })}
            </p>
            <button
              type="button"
              className="button button--large call-control"
              data-testid="call-volume-up"
              disabled={volume >= VOLUME_STEPS}
              onClick={() => setVolume((v) => Math.min(VOLUME_STEPS, v + 1))}
            >
              <Icon name="volumeUp" className="button__icon" />
              <span>{t('videoCall.call.volumeUp')}</span>
            </button>
          </div>
          <div className="call-stage__end">
            <BigButton variant="primary" icon="hangUp" data-testid="call-end" onClick={() => over.current('hung-up')}>
              {t('videoCall.call.end')}
            </BigButton>
          </div>
        </div>
      </div>
    </section>
  );
}
