import { Button, Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Some authenticator apps show the code as "123 456"; the hub wants the six digits. */
export function normaliseCode(typed: string): string {
  return typed.replace(/\s+/g, '');
}

/**
 * The six digits an authenticator app shows, and the button that sends
 * them; `onCode` gets the digits once they are six. `testId` names the
 * field, and `<testId>-submit` the button.
 */
export function CodeForm({
  onCode,
  busy,
  submitLabel,
  testId,
  children,
}: {
  onCode: (code: string) => void;
  busy: boolean;
  submitLabel: string;
  testId: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Form layout="vertical" requiredMark={false} onFinish={(v: { code: string }) => onCode(normaliseCode(v.code))}>
      {children}
      <Form.Item
        name="code"
        label={t('hubConsole.signIn.totpCode')}
        rules={[
          {
            validator: (_rule, value: string | undefined) =>
              /^\d{6}$/.test(normaliseCode(value ?? ''))
                ? Promise.resolve()
                : Promise.reject(new Error(t('hubConsole.signIn.codeFormat'))),
          },
        ]}
      >
        <Input
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          autoFocus
          className="console-code-input"
          data-testid={testId}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block data-testid={`${testId}-submit`}>
        {submitLabel}
      </Button>
    </Form>
  );
}
