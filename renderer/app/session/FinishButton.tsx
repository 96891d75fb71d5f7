import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FinishRating } from '../rating/FinishRating';
import { useSessionUse } from './SessionUse';
import './session.css';

/** A door with an arrow leaving it: "end my use of the kiosk". */
export function FinishIcon({ className }: { className?: string }) {
  return (
    <svg
      className={className ? `session-svg ${className}` : 'session-svg'}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M14 4H6a1 1 0 0 0-1 1v14a1 1 0 0 0 1 1h8" />
      <path d="M11 12h10M17.5 8.5 21 12l-3.5 3.5" />
    </svg>
  );
}

/**
 * "结束使用" on every screen (in the bottom bar): everything on screen is
 * cleared at once and the kiosk is ready for the next person. After a
 * service was used (and not rated yet) it first asks for a rating, which
 * "跳过" or the idle countdown passes over in one step.
 */
export function FinishButton({ onFinish }: { onFinish(): void }) {
  const { t } = useTranslation();
  const use = useSessionUse();
  const [asking, setAsking] = useState(false);
  const finish = (): void => (use.subject !== null && !use.rated ? setAsking(true) : onFinish());
  return (
    <>
      <button
        type="button"
        className="button button--primary finish-button"
        data-testid="session-finish"
        onClick={finish}
      >
        <FinishIcon className="button__icon" />
        <span>{t('session.finish')}</span>
      </button>
      {asking && use.subject !== null && <FinishRating subject={use.subject} onDone={onFinish} />}
    </>
  );
}
