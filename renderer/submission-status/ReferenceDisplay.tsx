import { useTranslation } from 'react-i18next';
import { displaySlots, hyphenated } from './reference-entry';
import './submission-status.css';

/** The reference as typed, in the receipt's form, with the places still to fill. */
export function ReferenceDisplay({ compact, problemId }: { compact: string; problemId: string | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="ref-display" data-testid="reference-display" aria-describedby={problemId}>
      <p className="ref-display__label">{t('submissionStatus.field')}</p>
      <p className="ref-display__value">
        <span className="visually-hidden">{compact === '' ? t('submissionStatus.empty') : hyphenated(compact)}</span>
        {displaySlots(compact).map((slot, i) => (
          <span key={i} className={`ref-display__slot ref-display__slot--${slot.kind}`} aria-hidden="true">
            {slot.char}
          </span>
        ))}
      </p>
    </div>
  );
}
