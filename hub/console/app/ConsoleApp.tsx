import { App as AntApp, Button, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../common/hub/api/accounts';
import { ApiError } from '../../../ui/api/contract-client';
import { useLanguage } from '../../../ui/i18n/use-language';
import type { HubClient } from '../data/hub-client';
import { createLiveChannel, LiveChannelContext } from '../data/live-channel';
import { createLiveFeed } from '../data/live-feed';
import { openLiveSocket, type LiveState } from '../data/live-socket';
import { HubClientContext, LiveFeedContext } from '../data/queries';
import { SignInPage } from '../sign-in/SignInPage';
import { TotpSetupPage } from '../sign-in/TotpSetupPage';
import { describeError } from '../shared/format';
import { PageMessage } from '../shared/PageMessage';
import { Shell } from './Shell';

/** Where the person stands with the hub, from its answer to "who am I". */
type Standing =
  | { kind: 'checking' }
  | { kind: 'unreachable'; error: unknown }
  | { kind: 'signed-out'; notice: string | null }
  | { kind: 'totp-setup'; user: Me; idleTimeoutSeconds: number }
  | { kind: 'signed-in'; user: Me; idleTimeoutSeconds: number };

/**
 * Ant Design's defaults, darker where their text would fall short of WCAG
 * AA's 4.5:1 (primary blue under white text, danger red, secondary,
 * description and placeholder grey).
 */
const CONSOLE_THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  },
};

/** Where dialogs and menus open (index.html says why not on <body>). */
const overlays = (): HTMLElement => document.getElementById('overlays') ?? document.body;

/** How often the page looks whether the hub's idle timeout has passed since the person's last request. */
const IDLE_CHECK_MS = 10_000;

/**
 * The console: the hub's answer to "who am I" decides between the sign-in
 * page, the second factor's set-up and the console itself. Whenever the hub
 * answers 401 the session is over (idle for the hub's timeout, or ended
 * elsewhere), and the sign-in page comes back saying so; the page also
 * signs out once the person has been idle that long, so an unattended
 * screen does not go on showing the fleet. Signed in, the page holds the
 * live socket, whose pushes read the pages' data again.
 */
export function ConsoleApp({ client, styleNonce }: { client: HubClient; styleNonce: string | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [standing, setStanding] = useState<Standing>({ kind: 'checking' });

  const refresh = useCallback(
    (noticeIfOut: string | null) => {
      client.call('me').then(
        ({ user, session }) =>
          setStanding({
            kind: session.totpSetupRequired ? 'totp-setup' : 'signed-in',
            user,
            idleTimeoutSeconds: session.idleTimeoutSeconds,
          }),
        (error: unknown) =>
          setStanding(
            error instanceof ApiError && error.status === 401
              ? { kind: 'signed-out', notice: noticeIfOut }
              : { kind: 'unreachable', error },
          ),
      );
    },
    [client],
  );

  useEffect(() => refresh(null), [refresh]);

  const inSession = standing.kind === 'signed-in' || standing.kind === 'totp-setup';
  const idleSeconds = inSession ? standing.idleTimeoutSeconds : 0;
  const sessionEnded = useCallback(() => {
    const idle = Date.now() - client.lastRequestAt() >= idleSeconds * 1000;
    // Signed out already (this page's own sign-out, whose socket then closes too): that is what is said.
    setStanding((s) =>
      s.kind === 'signed-out'
        ? s
        : {
            kind: 'signed-out',
            notice: idle
              ? t('hubConsole.signIn.sessionEnded', { minutes: Math.round(idleSeconds / 60) })
              : t('hubConsole.signIn.sessionEndedPlain'),
          },
    );
  }, [client, idleSeconds, t]);
  useEffect(() => {
    if (!inSession) return;
    const stop = client.onSessionEnded(sessionEnded);
    const timer = setInterval(() => {
      // The live socket's reloads keep the hub's session alive, so the page ends it itself once the
      // person (in any tab of this browser) has asked for nothing for the hub's idle time.
      if (Date.now() - client.lastRequestAt() >= idleSeconds * 1000)
        void client.call('signOut', {}, { background: true }).then(sessionEnded, () => undefined);
    }, IDLE_CHECK_MS);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [client, inSession, idleSeconds, sessionEnded]);

  // One live socket per tab, with a full session only (a set-up-only session may not open one).
  const signedIn = standing.kind === 'signed-in';
  const [feed] = useState(createLiveFeed);
  const [channel] = useState(createLiveChannel);
  const [liveState, setLiveState] = useState<LiveState>('connecting');
  // The socket outlives a change of language (which makes a new sessionEnded): it is not opened again for it.
  const socketSessionEnded = useEffectEvent(sessionEnded);
  useEffect(() => {
    if (!signedIn) return;
    const socket = openLiveSocket({
      origin: client.origin,
      onEvent: (event) => feed.publish(event),
      onState: (state) => {
        setLiveState(state);
        channel.hearState(state);
      },
      onMessage: channel.hearMessage,
      onSessionEnded: () => socketSessionEnded(),
      // A 401 here ends the page's session (the client's listener); any other answer changes nothing.
      onRefused: () => void client.call('me', undefined, { background: true }).catch(() => undefined),
    });
    channel.attach(socket);
    return () => {
      channel.attach(null);
      socket.close();
      setLiveState('connecting');
      channel.hearState('connecting');
    };
  }, [client, feed, channel, signedIn]);

  const signOut = useCallback(() => {
    client.call('signOut', {}).then(
      () => setStanding({ kind: 'signed-out', notice: t('hubConsole.signIn.signedOut') }),
      () => refresh(t('hubConsole.signIn.signedOut')),
    );
  }, [client, refresh, t]);

  let page;
  switch (standing.kind) {
    case 'checking':
      page = (
        <main id="main" className="console-sign-in">
          <Spin size="large" aria-label={t('hubConsole.common.loading')} />
        </main>
      );
      break;
    case 'unreachable':
      page = (
        <main id="main" className="console-sign-in">
          <PageMessage
            status="warning"
            title={describeError(t, standing.error)}
            extra={<Button onClick={() => refresh(null)}>{t('hubConsole.common.retry')}</Button>}
          />
        </main>
      );
      break;
    case 'signed-out':
      page = <SignInPage notice={standing.notice} onSignedIn={() => refresh(null)} />;
      break;
    case 'totp-setup':
      page = <TotpSetupPage onDone={() => refresh(null)} onSignOut={signOut} />;
      break;
    case 'signed-in':
      page = (
        <LiveFeedContext value={feed}>
          <LiveChannelContext value={channel}>
            <Shell user={standing.user} onSignOut={signOut} liveState={liveState} />
          </LiveChannelContext>
        </LiveFeedContext>
      );
  }

  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      csp={styleNonce === undefined ? undefined : { nonce: styleNonce }}
      getPopupContainer={overlays}
      theme={CONSOLE_THEME}
    >
      <AntApp>
        <HubClientContext value={client}>{page}</HubClientContext>
      </AntApp>
    </ConfigProvider>
  );
}
