import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from './format';

/** A page's data did not come: what went wrong, and a way to ask again. */
export function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={describeError(t, error)}
      action={<Button onClick={retry}>{t('hubConsole.common.retry')}</Button>}
    />
  );
}
