import { Alert, Button, Card, Descriptions, Tabs, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IceConfig } from '../../../common/hub/api/calls';
import type { CallMediaState, CallSession } from '../../../ui/call/call-types';
import { useLiveChannel, type LiveChannel } from '../data/live-channel';
import { callSignaling } from './call-signaling';
import { DocumentPush } from './DocumentPush';
import { RecordForm } from './RecordForm';
import { startCallSession } from './start-call-session';
import type { ActiveCall } from './use-reception';

/**
 * The call: the citizen's video large, the lawyer's own small, the media
 * state (网络不稳定，正在重新连接… while it recovers), 静音 and 结束通话;
 * beside it who is calling, the record being written, and the documents
 * to send to the kiosk's printer. The camera and microphone are taken when
 * the view opens and every track is stopped when it closes, whatever ends it.
 */
export function CallView({ call, onHangUp }: { call: ActiveCall; onHangUp: (call: ActiveCall) => void }) {
  const { t } = useTranslation();
  const channel = useLiveChannel();
  const remote = useRef<HTMLVideoElement>(null);
  const local = useRef<HTMLVideoElement>(null);
  const session = useRef<CallSession | null>(null);
  const [state, setState] = useState<CallMediaState>('connecting');
  const [muted, setMuted] = useState(false);
  const [cameraError, setCameraError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let over = false;
    let opened: CallSession | null = null;
    const signaling = callSignaling(channel, call.callId);
    openCamera().then(
      (stream) => {
        if (over) {
          for (const track of stream.getTracks()) track.stop();
          return;
        }
        opened = startCallSession({
          signaling,
          polite: false,
          ice: call.ice,
          renewIce: () => renewIce(channel, call.callId),
          localStream: stream,
        });
        session.current = opened;
        if (local.current !== null) local.current.srcObject = stream;
        setState(opened.state);
        opened.onStateChange(setState);
        const show = (remoteStream: MediaStream): void => {
          if (remote.current !== null) remote.current.srcObject = remoteStream;
        };
        if (opened.remoteStream !== null) show(opened.remoteStream);
        opened.onRemoteStream(show);
      },
      (error: unknown) => {
        if (!over) setCameraError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      over = true;
      opened?.close();
      signaling.close();
      session.current = null;
    };
  }, [channel, call.callId, call.ice, attempt]);

  const toggleMute = (): void => {
    session.current?.setMuted(!muted);
    setMuted(!muted);
  };
  const hangUp = (): void => {
    session.current?.close();
    onHangUp(call);
  };

  return (
    <div className="console-call" data-testid="call" data-call-id={call.callId}>
      <Card>
        <div className="console-call__state" role="status" data-testid="call-state" data-state={state}>
          {state === 'reconnecting' ? (
            <Alert type="warning" showIcon title={t('hubCalls.call.states.reconnecting')} />
          ) : (
            <Tag className={`console-status console-status--${state === 'connected' ? 'approved' : 'offline'}`}>
              {t(`hubCalls.call.states.${state}`)}
            </Tag>
          )}
        </div>
        {cameraError !== null && (
          <Alert
            className="console-gap"
            type="error"
            showIcon
            role="alert"
            title={t('hubCalls.call.camera', { message: cameraError })}
            action={
              <Button
                onClick={() => {
                  setCameraError(null);
                  setAttempt((n) => n + 1);
                }}
              >
                {t('hubCalls.call.retryCamera')}
              </Button>
            }
          />
        )}
        <div className="console-call__stage">
          {/* Played through a media element, not Web Audio: the browser's echo cancellation then works on speakers. */}
          <video
            ref={remote}
            className="console-call__remote"
            autoPlay
            playsInline
            aria-label={t('hubCalls.call.remoteVideo')}
            data-testid="remote-video"
          />
          <video
            ref={local}
            className="console-call__local"
            autoPlay
            playsInline
            muted
            aria-label={t('hubCalls.call.localVideo')}
            data-testid="local-video"
          />
        </div>
        <div className="console-call__controls">
          <Button size="large" aria-pressed={muted} onClick={toggleMute} data-testid="mute">
            {t(muted ? 'hubCalls.call.unmute' : 'hubCalls.call.mute')}
          </Button>
          <Button size="large" danger type="primary" onClick={hangUp} data-testid="hang-up">
            {t('hubCalls.call.end')}
          </Button>
        </div>
      </Card>
      <div>
        <CallerCard call={call} />
        <Card>
          <Tabs
            items={[
              { key: 'record', label: t('hubCalls.record.title'), children: <RecordForm call={call} /> },
              { key: 'document', label: t('hubCalls.document.title'), children: <DocumentPush callId={call.callId} /> },
            ]}
          />
        </Card>
      </div>
    </div>
  );
}

/** Who is calling, from where, about what: as much as the page knows. */
export function CallerCard({ call }: { call: ActiveCall }) {
  const { t } = useTranslation();
  const unknown = t('hubCalls.call.unknown');
  return (
    <Card className="console-gap" data-testid="caller">
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'caller',
            label: t('hubCalls.call.caller'),
            children: <span data-testid="caller-name">{call.callerName ?? t('hubCalls.call.callerUnknown')}</span>,
          },
          {
            key: 'topic',
            label: t('hubCalls.call.topic'),
            children: call.topic === null ? unknown : t(`hubCalls.topics.${call.topic}`),
          },
          { key: 'kiosk', label: t('hubCalls.call.kiosk'), children: call.kioskName ?? unknown },
        ]}
      />
    </Card>
  );
}

function openCamera(): Promise<MediaStream> {
  if (navigator.mediaDevices === undefined) return Promise.reject(new Error('no media devices'));
  return navigator.mediaDevices.getUserMedia({ video: true, audio: true });
}

/** Fresh TURN credentials for the call, before an ICE restart. */
async function renewIce(channel: LiveChannel, callId: string): Promise<IceConfig> {
  const answer = await channel.request({ type: 'ice-config', callId });
  if (answer.type !== 'ice-config') throw new Error(`expected ice-config, got ${answer.type}`);
  return answer.ice;
}
