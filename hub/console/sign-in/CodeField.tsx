import { Input } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';

/** Some authenticator apps show the code as "123 456"; the hub wants the six digits. */
export function normaliseCode(typed: string): string {
  return typed.replace(/\s+/g, '');
}

export const TOTP_CODE_RULES = (t: TFunction): Rule[] => [
  {
    validator: (_rule, value: string | undefined) =>
      /^\d{6}$/.test(normaliseCode(value ?? ''))
        ? Promise.resolve()
        : Promise.reject(new Error(t('hubConsole.signIn.codeFormat'))),
  },
];

/** The six digits an authenticator app shows (Form.Item passes value and onChange). */
export function CodeField({ testId, ...props }: { testId: string; value?: string; onChange?: (e: unknown) => void }) {
  return (
    <Input
      {...props}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      autoFocus
      className="console-code-input"
      data-testid={testId}
    />
  );
}
