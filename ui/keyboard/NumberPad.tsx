import { useTranslation } from 'react-i18next';
import { Icon } from '../icons/Icon';
import '../components.css';

export interface NumberPadProps {
  /** Digits entered so far. */
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
  submitLabel: string;
  /** Longest number accepted (further digits are ignored). */
  maxLength?: number;
}

/** Large digit keys for entering a number by touch, with Delete and one submit key. */
export function NumberPad({ value, onChange, onSubmit, submitLabel, maxLength = 4 }: NumberPadProps) {
  const { t } = useTranslation();
  const press = (digit: string): void => {
    if (value.length >= maxLength) return;
    // No leading zero: "第0条" does not exist.
    if (value === '' && digit === '0') return;
    onChange(value + digit);
  };
  return (
    <div className="number-pad" role="group">
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
        <Icon name="jump" className="number-pad__icon" />
        {submitLabel}
      </button>
    </div>
  );
}
