import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../icons/Icon';
import '../components.css';

export interface NumberPadProps {
  /** Digits entered so far. */
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
  submitLabel: string;
  /** Longest number accepted (further digits are ignored). */
  maxLength?: number;
  /** A number that may start with 0 (a phone number's area code); an article number may not. */
  leadingZero?: boolean;
  /** The submit key's icon; default the jump arrow. */
  submitIcon?: IconName;
  /** What the keys enter, for a screen reader (the group is otherwise unnamed). */
  label?: string;
}

/** Large digit keys for entering a number by touch, with Delete and one submit key. */
export function NumberPad({
  value,
  onChange,
  onSubmit,
  submitLabel,
  maxLength = 4,
  leadingZero = false,
  submitIcon = 'jump',
  label,
}: NumberPadProps) {
  const { t } = useTranslation();
  const press = (digit: string): void => {
    if (value.length >= maxLength) return;
    // No leading zero unless asked for: "第0条" does not exist.
    if (value === '' && digit === '0' && !leadingZero) return;
    onChange(value + digit);
  };
  return (
    <div className="number-pad" role="group" aria-label={label}>
      {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
        <button key={d} type="button" className="number-pad__key" data-testid={`key-${d}`} onClick={() => press(d)}>
          {d}
        </button>
      ))}
      <button
        type="button"
        className="number-pad__key number-pad__key--action"
        data-testid="key-delete"
        disabled={value === ''}
        onClick={() => onChange(value.slice(0, -1))}
      >
        {t('reader.jumpDelete')}
      </button>
      <button type="button" className="number-pad__key" data-testid="key-0" onClick={() => press('0')}>
        0
      </button>
      <button
        type="button"
        className="number-pad__key number-pad__key--submit"
        data-testid="key-submit"
        disabled={value === ''}
        onClick={onSubmit}
      >
        <Icon name={submitIcon} className="number-pad__icon" />
        {submitLabel}
      </button>
    </div>
  );
}
