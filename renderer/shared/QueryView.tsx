import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../ui/api/contract-client';
import type { Query } from '../app/service/use-service-query';
import { BigButton } from '../../ui/buttons/BigButton';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import '../../ui/components.css';

/** Waits this long before saying "opening": the local service usually answers well before. */
const LOADING_NOTICE_DELAY_MS = 400;

/** Shows a query's answer, a calm "opening" while it takes a moment, or what went wrong with a way to try again. */
export function QueryView<T>({ query, children }: { query: Query<T>; children(data: T): ReactNode }) {
  if (query.status === 'ok') return <>{children(query.data)}</>;
  if (query.status === 'loading') return <Loading />;
  return <LoadFailed error={query.error} onRetry={query.retry} />;
}

export function Loading() {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setVisible(true), LOADING_NOTICE_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="loading" aria-busy="true" data-testid="loading">
      {visible && (
        <p className="loading__text" role="status">
          <span className="loading__dot" aria-hidden="true" />
          {t('load.loading')}
        </p>
      )}
    </div>
  );
}

export function LoadFailed({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  const notFound = error instanceof ApiError && error.code === 'not-found';
  const unavailable = error instanceof ApiError && error.code === 'unavailable';
  return (
    <div className="load-failed" data-testid="load-failed">
      <StatusNotice tone="warning" detail={notFound ? undefined : t('load.failedBody')}>
        {notFound ? t('load.notFound') : unavailable ? t('load.contentUnavailable') : t('load.failed')}
      </StatusNotice>
      {!notFound && (
        <BigButton icon="retry" onClick={onRetry}>
          {t('load.retry')}
        </BigButton>
      )}
    </div>
  );
}
