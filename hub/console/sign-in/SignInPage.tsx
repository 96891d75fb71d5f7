import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignInResponse } from '../../../common/hub/api/accounts';
import { useLanguage } from '../../../ui/i18n/use-language';
import { useHubClient } from '../data/queries';
import { describeError, formatTime } from '../shared/format';
import { SignInFrame } from './SignInFrame';
import { CodeForm } from './CodeForm';

/**
 * Login name and password, then the authenticator's code when the account
 * has one. A refusal is said in the words hubctl uses (hubAccounts); the
 * password stays in memory only until the code is accepted or the person
 * starts over.
 */
export function SignInPage({ notice, onSignedIn }: { notice: string | null; onSignedIn: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useHubClient();
  const [credentials, setCredentials] = useState<{ login: string; password: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const attempt = async (login: string, password: string, totpCode?: string): Promise<void> => {
    setBusy(true);
    setProblem(null);
    let answer: SignInResponse;
    try {
      answer = await client.call('signIn', { login, password, ...(totpCode === undefined ? {} : { totpCode }) });
    } catch (error) {
      setProblem(describeError(t, error));
      return;
    } finally {
      setBusy(false);
    }
    switch (answer.outcome) {
      case 'signed-in':
      case 'totp-setup-required':
        setCredentials(null);
        onSignedIn();
        return;
      case 'totp-required':
        setCredentials({ login, password });
        return;
      case 'refused':
        setProblem(
          t(`hubAccounts.signIn.refusals.${answer.reason}`, {
            until: formatTime(answer.lockedUntil, language, ''),
          }),
        );
    }
  };

  return (
    <SignInFrame title={t('hubConsole.signIn.title')} problem={problem}>
      {notice !== null && <Alert type="info" showIcon title={notice} className="console-gap" />}
      {credentials === null ? (
        <Form
          layout="vertical"
          requiredMark={false}
          onFinish={(v: { login: string; password: string }) => void attempt(v.login.trim(), v.password)}
        >
          <Form.Item
            name="login"
            label={t('hubConsole.signIn.login')}
            rules={[
              { required: true, message: t('hubConsole.signIn.required', { field: t('hubConsole.signIn.login') }) },
            ]}
          >
            <Input autoComplete="username" autoFocus data-testid="sign-in-login" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('hubConsole.signIn.password')}
            rules={[
              {
                required: true,
                message: t('hubConsole.signIn.required', { field: t('hubConsole.signIn.password') }),
              },
            ]}
          >
            <Input.Password autoComplete="current-password" data-testid="sign-in-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="sign-in-submit">
            {t('hubConsole.signIn.submit')}
          </Button>
        </Form>
      ) : (
        <>
          <CodeForm
            onCode={(code) => void attempt(credentials.login, credentials.password, code)}
            busy={busy}
            submitLabel={t('hubConsole.signIn.totpSubmit')}
            testId="sign-in-code"
          >
            <Typography.Paragraph>{t('hubAccounts.signIn.totp-required')}</Typography.Paragraph>
          </CodeForm>
          <Button type="link" block onClick={() => setCredentials(null)} className="console-gap-top">
            {t('hubConsole.signIn.startOver')}
          </Button>
        </>
      )}
    </SignInFrame>
  );
}
