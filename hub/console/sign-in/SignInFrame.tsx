import { Alert, Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LanguageButton } from '../shared/LanguageButton';

/** The card the sign-in steps show in, alone on the page: the language, the step's heading, what went wrong. */
export function SignInFrame({
  title,
  problem,
  wide = false,
  children,
}: {
  title: string;
  problem: string | null;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <main id="main" className="console-sign-in">
      <Card className={wide ? 'console-sign-in__card console-sign-in__card--wide' : 'console-sign-in__card'}>
        <div className="console-sign-in__language">
          <LanguageButton />
        </div>
        <Typography.Title level={1} className="console-page-title">
          {title}
        </Typography.Title>
        {problem !== null && (
          <Alert
            type="error"
            showIcon
            title={problem}
            className="console-gap"
            role="alert"
            data-testid="sign-in-problem"
          />
        )}
        {children}
      </Card>
    </main>
  );
}
