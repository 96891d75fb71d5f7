import { useTranslation } from 'react-i18next';
import { BigButton } from '../../ui/buttons/BigButton';

/** The phone's last digits 查询进度 asks for. */
export const PHONE_SUFFIX_LENGTH = 4;

/** 1–9 then 0, as on a phone: the layout an elderly citizen knows. */
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;

/** The four places, filled as the citizen types; read out as a count, never as the digits. */
export function DigitsDisplay({ digits, problemId }: { digits: string; problemId: string | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="ref-display case-digits__display" data-testid="digits-display" aria-describedby={problemId}>
      <p className="ref-display__label">{t('caseStatus.digitsField')}</p>
      <p className="ref-display__value">
        <span className="visually-hidden">
          {digits === '' ? t('caseStatus.digitsEmpty') : t('caseStatus.digitsEntered', { count: digits.length })}
        </span>
        {Array.from({ length: PHONE_SUFFIX_LENGTH }, (_, i) => (
          <span
            key={i}
            className={`ref-display__slot case-digits__slot ref-display__slot--${i < digits.length ? 'typed' : 'empty'}`}
            aria-hidden="true"
          >
            {digits[i] ?? ''}
          </span>
        ))}
      </p>
    </div>
  );
}

export interface DigitsPadProps {
  onDigit(d: string): void;
  onDelete(): void;
  onClear(): void;
  onSubmit(): void;
  onChangeReference(): void;
  canDelete: boolean;
  busy: boolean;
  problemId?: string | undefined;
}

/** A phone-style number pad with keys large enough for any finger, and the lookup itself. */
export function DigitsPad({
  onDigit,
  onDelete,
  onClear,
  onSubmit,
  onChangeReference,
  canDelete,
  busy,
  problemId,
}: DigitsPadProps) {
  const { t } = useTranslation();
  return (
    <div className="ref-pad case-digits__pad" data-testid="digits-pad" aria-describedby={problemId}>
      <div className="ref-pad__group case-digits__keys" role="group" aria-label={t('caseStatus.digitsKeys')}>
        {KEYS.map((d) => (
          <button
            key={d}
            type="button"
            className="ref-pad__key ref-pad__key--digit case-digits__key"
            data-testid={`digit-key-${d}`}
            disabled={busy}
            onClick={() => onDigit(d)}
          >
            {d}
          </button>
        ))}
      </div>
      <div className="ref-pad__actions">
        <BigButton icon="back" disabled={!canDelete || busy} data-testid="digits-delete" onClick={onDelete}>
          {t('submissionStatus.delete')}
        </BigButton>
        <BigButton icon="close" disabled={!canDelete || busy} data-testid="digits-clear" onClick={onClear}>
          {t('submissionStatus.clear')}
        </BigButton>
        <BigButton variant="primary" icon="search" disabled={busy} data-testid="digits-lookup" onClick={onSubmit}>
          {t('submissionStatus.lookup')}
        </BigButton>
        <BigButton icon="edit" disabled={busy} data-testid="digits-change-reference" onClick={onChangeReference}>
          {t('caseStatus.changeReference')}
        </BigButton>
      </div>
    </div>
  );
}
