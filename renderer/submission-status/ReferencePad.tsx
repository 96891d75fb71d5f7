import { useTranslation } from 'react-i18next';
import { BigButton } from '../../ui/buttons/BigButton';
import { PAD_DIGITS, PAD_LETTERS } from './reference-entry';
import './submission-status.css';

export interface ReferencePadProps {
  onChar(ch: string): void;
  onDelete(): void;
  onClear(): void;
  onSubmit(): void;
  canDelete: boolean;
  busy: boolean;
  /** What is wrong with the number typed, said above the pad: the keys point at it. */
  problemId?: string | undefined;
}

/**
 * The keys a reference number can hold and no others: ten digits (the date
 * uses 0 and 1) and the 23 letters of the reference alphabet — no I, L or O,
 * which a receipt never prints because they look like 1 and 0.
 */
export function ReferencePad({ onChar, onDelete, onClear, onSubmit, canDelete, busy, problemId }: ReferencePadProps) {
  const { t } = useTranslation();
  return (
    <div className="ref-pad" data-testid="reference-pad" aria-describedby={problemId}>
      <div className="ref-pad__group ref-pad__group--digits" role="group" aria-label={t('submissionStatus.digits')}>
        {[...PAD_DIGITS].map((d) => (
          <button
            key={d}
            type="button"
            className="ref-pad__key ref-pad__key--digit"
            data-testid={`ref-key-${d}`}
            onClick={() => onChar(d)}
          >
            {d}
          </button>
        ))}
      </div>
      <div className="ref-pad__group" role="group" aria-label={t('submissionStatus.letters')}>
        {[...PAD_LETTERS].map((l) => (
          <button key={l} type="button" className="ref-pad__key" data-testid={`ref-key-${l}`} onClick={() => onChar(l)}>
            {l}
          </button>
        ))}
      </div>
      <div className="ref-pad__actions">
        <BigButton icon="back" disabled={!canDelete} data-testid="ref-delete" onClick={onDelete}>
          {t('submissionStatus.delete')}
        </BigButton>
        <BigButton icon="close" disabled={!canDelete} data-testid="ref-clear" onClick={onClear}>
          {t('submissionStatus.clear')}
        </BigButton>
        <BigButton variant="primary" icon="search" disabled={busy} data-testid="ref-lookup" onClick={onSubmit}>
          {t('submissionStatus.lookup')}
        </BigButton>
      </div>
    </div>
  );
}
