import { Button, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QrCode } from '../../../ui/qr/QrCode';
import { useHubClient } from '../data/queries';
import { PageError } from '../shared/PageError';
import { ShownOnce } from '../shared/ShownOnce';
import { describeError } from '../shared/format';
import { SignInFrame } from './SignInFrame';
import { CodeForm } from './CodeForm';

/**
 * An administrator's first sign-in: the hub makes a secret, shown once as a
 * QR code of its otpauth:// URI and as text; a code from the app proves it
 * took it, and the session becomes a full one.
 */
export function TotpSetupPage({ onDone, onSignOut }: { onDone: () => void; onSignOut: () => void }) {
  const { t } = useTranslation();
  const client = useHubClient();
  const [secret, setSecret] = useState<{ secret: string; uri: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [round, setRound] = useState(0);
  // Each start makes a new secret and forgets the last: ask once per round, whatever React re-runs.
  const asked = useRef(-1);

  useEffect(() => {
    if (asked.current === round) return;
    asked.current = round;
    setError(null);
    client.call('totpStart').then(setSecret, setError);
  }, [client, round]);

  const confirm = async (code: string): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      const answer = await client.call('totpConfirm', { code });
      if (answer.outcome === 'confirmed') onDone();
      else setProblem(t('hubAccounts.totpSetup.wrong-code'));
    } catch (e) {
      setProblem(describeError(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <SignInFrame title={t('hubConsole.totpSetup.title')} problem={problem} wide>
      <Typography.Paragraph>{t('hubAccounts.signIn.totp-setup-required')}</Typography.Paragraph>
      {error !== null && <PageError error={error} retry={() => setRound((r) => r + 1)} />}
      {error === null && secret === null && <Spin aria-label={t('hubConsole.common.loading')} />}
      {secret !== null && (
        <>
          <Typography.Paragraph>{t('hubAccounts.totpSetup.scan')}</Typography.Paragraph>
          <div className="console-totp">
            <QrCode data={secret.uri} label={t('hubConsole.totpSetup.qrLabel')} maxSide={200} testId="totp-qr" />
            <div>
              <ShownOnce
                label={t('hubConsole.totpSetup.secret')}
                value={secret.secret}
                className="console-secret"
                testId="totp-secret"
              />
              <Typography.Paragraph type="secondary">{t('hubConsole.totpSetup.shownOnce')}</Typography.Paragraph>
            </div>
          </div>
          <CodeForm
            onCode={(code) => void confirm(code)}
            busy={busy}
            submitLabel={t('hubConsole.totpSetup.confirm')}
            testId="totp-setup-code"
          />
        </>
      )}
      <Button type="link" block onClick={onSignOut} className="console-gap-top">
        {t('hubConsole.nav.signOut')}
      </Button>
    </SignInFrame>
  );
}
