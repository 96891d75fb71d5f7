import { Alert, Button, Card, Form, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QrCode } from '../../../ui/qr/QrCode';
import { useHubClient } from '../data/queries';
import { PageError } from '../shared/PageError';
import { LanguageButton } from '../shared/LanguageButton';
import { describeError } from '../shared/format';
import { CodeField, TOTP_CODE_RULES, normaliseCode } from './CodeField';

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
    <main id="main" className="console-sign-in">
      <Card className="console-sign-in__card console-sign-in__card--wide">
        <div className="console-sign-in__language">
          <LanguageButton />
        </div>
        <Typography.Title level={1} className="console-page-title">
          {t('hubConsole.totpSetup.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('hubAccounts.signIn.totp-setup-required')}</Typography.Paragraph>
        {error !== null && <PageError error={error} retry={() => setRound((r) => r + 1)} />}
        {error === null && secret === null && <Spin aria-label={t('hubConsole.common.loading')} />}
        {secret !== null && (
          <>
            <Typography.Paragraph>{t('hubAccounts.totpSetup.scan')}</Typography.Paragraph>
            <div className="console-totp">
              <QrCode data={secret.uri} label={t('hubConsole.totpSetup.qrLabel')} maxSide={200} testId="totp-qr" />
              <div>
                <Typography.Text strong id="totp-secret-label">
                  {t('hubConsole.totpSetup.secret')}
                </Typography.Text>
                <Typography.Paragraph
                  code
                  copyable
                  className="console-secret"
                  aria-labelledby="totp-secret-label"
                  data-testid="totp-secret"
                >
                  {secret.secret}
                </Typography.Paragraph>
                <Typography.Paragraph type="secondary">{t('hubConsole.totpSetup.shownOnce')}</Typography.Paragraph>
              </div>
            </div>
            {problem !== null && <Alert type="error" showIcon title={problem} className="console-gap" role="alert" />}
            <Form
              layout="vertical"
              requiredMark={false}
              onFinish={(v: { code: string }) => void confirm(normaliseCode(v.code))}
            >
              <Form.Item name="code" label={t('hubConsole.signIn.totpCode')} rules={TOTP_CODE_RULES(t)}>
                <CodeField testId="totp-setup-code" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} block data-testid="totp-setup-submit">
                {t('hubConsole.totpSetup.confirm')}
              </Button>
            </Form>
          </>
        )}
        <Button type="link" block onClick={onSignOut} className="console-gap-top">
          {t('hubConsole.nav.signOut')}
        </Button>
      </Card>
    </main>
  );
}
