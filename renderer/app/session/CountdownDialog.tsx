import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FinishIcon } from './FinishButton';
import './session.css';

export interface CountdownDialogProps {
  secondsLeft: number;
  total: number;
  onContinue(): void;
  onFinish(): void;
}

/**
 * The count the live region says: at the start, then every ten seconds and
 * the last five — often enough to notice, not a second-by-second drone.
 */
export function announcedCount(secondsLeft: number, total: number): number {
  if (secondsLeft <= 5 || secondsLeft % 10 === 0 || secondsLeft >= total) return Math.min(secondsLeft, total);
  return Math.min(Math.ceil(secondsLeft / 10) * 10, total);
}

/**
 * "还在使用吗？" over the whole screen after the idle time, with a big number
 * counting down, a large "继续使用" and a "结束使用". Nothing is lost by
 * continuing: the screen underneath stays exactly as it was.
 */
export function CountdownDialog({ secondsLeft, total, onContinue, onFinish }: CountdownDialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const continueRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    continueRef.current?.focus({ preventScroll: true });
  }, []);

  const progress = Math.max(0, Math.min(1, secondsLeft / total));
  return (
    <div
      className="session-countdown"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid="session-countdown"
    >
      <div className="session-countdown__panel">
        <h1 id={titleId} className="session-countdown__title">
          {t('session.countdownTitle')}
        </h1>
        <div className="session-countdown__clock" aria-hidden="true" style={{ ['--progress' as string]: progress }}>
          <span className="session-countdown__number" data-testid="session-countdown-seconds">
            {secondsLeft}
          </span>
          <span className="session-countdown__unit">{t('session.secondsUnit')}</span>
        </div>
        <p id={bodyId} className="session-countdown__body">
          {t('session.countdownBody', { count: secondsLeft })}
        </p>
        <p className="session-visually-hidden" aria-live="assertive" aria-atomic="true">
          {t('session.countdownAnnounce', { count: announcedCount(secondsLeft, total) })}
        </p>
        <div className="session-countdown__actions">
          <button
            ref={continueRef}
            type="button"
            className="button button--primary button--large session-button session-button--continue"
            data-testid="session-continue"
            onClick={onContinue}
          >
            <svg className="session-svg button__icon" viewBox="0 0 24 24" aria-hidden="true">
              <path d="M5 12.5l4.5 4.5L19 7.5" />
            </svg>
            <span>{t('session.continue')}</span>
          </button>
          <button
            type="button"
            className="button button--large session-button"
            data-testid="session-countdown-finish"
            onClick={onFinish}
          >
            <FinishIcon className="button__icon" />
            <span>{t('session.finish')}</span>
          </button>
        </div>
      </div>
    </div>
  );
}
