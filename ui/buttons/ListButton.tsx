import type { ReactNode } from 'react';
import { Icon, type IconName } from '../icons/Icon';
import '../components.css';

export interface ListButtonProps {
  /** The main words, large. */
  children: ReactNode;
  /** A second, smaller line: a count, a law's full title, a version date. */
  detail?: ReactNode;
  icon?: IconName;
  onPress(): void;
  testId?: string;
}

/**
 * One full-width choice in a list (a situation, a question, a law): large
 * words on the left, an arrow on the right saying it leads somewhere.
 */
export function ListButton({ children, detail, icon, onPress, testId }: ListButtonProps) {
  return (
    <button
      type="button"
      className="button button--list button--raised list-button"
      data-testid={testId}
      onClick={onPress}
    >
      {icon && <Icon name={icon} className="button__icon" />}
      <span className="list-button__body">
        <span className="list-button__label">{children}</span>
        {detail && <span className="list-button__detail">{detail}</span>}
      </span>
      <Icon name="forward" className="button__icon" />
    </button>
  );
}
