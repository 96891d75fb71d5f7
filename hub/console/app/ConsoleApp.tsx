import { App as AntApp, Button, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../common/hub/api/accounts';
import { ApiError } from '../../../ui/api/contract-client';
import { useLanguage } from '../../../ui/i18n/use-language';
import type { HubClient } from '../data/hub-client';
import { HubClientContext } from '../data/queries';
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
 * AA's 4.5:1 (primary blue under white text, danger red, secondary and description grey).
 */
const CONSOLE_THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  },
};

/** Where dialogs and menus open (index.html says why not on <body>). */
const overlays = (): HTMLElement => document.getElementById('overlays') ?? document.body;

/** How often the page looks whether the hub's idle timeout has passed since its last request. */
const IDLE_CHECK_MS = 10_000;

/**
 * The console: the hub's answer to "who am I" decides between the sign-in
 * page, the second factor's set-up and the console itself. Whenever the hub
 * answers 401 the session is over (idle for the hub's timeout, or ended
 * elsewhere), and the sign-in page comes back saying so; the page also asks
 * once the idle time has passed, so an unattended screen does not go on
 * showing the fleet.
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
  useEffect(() => {
    if (!inSession) return;
    const ended = (): void => {
      const idle = Date.now() - client.lastRequestAt() >= idleSeconds * 1000;
      setStanding({
        kind: 'signed-out',
        notice: idle
          ? t('hubConsole.signIn.sessionEnded', { minutes: Math.round(idleSeconds / 60) })
          : t('hubConsole.signIn.sessionEndedPlain'),
      });
    };
    const stop = client.onSessionEnded(ended);
    const timer = setInterval(() => {
      // Asking only once the hub must have ended it: a question earlier would keep the session alive.
      if (Date.now() - client.lastRequestAt() >= idleSeconds * 1000) void client.call('me').catch(() => undefined);
    }, IDLE_CHECK_MS);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [client, inSession, idleSeconds, t]);

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
      page = <Shell user={standing.user} onSignOut={signOut} />;
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
