import type { ReactNode } from 'react';
import { Icon, type IconName } from '../../ui/icons/Icon';
import './flows.css';

export interface ChoiceButtonProps {
  /** A picture of the answer; none where no picture says more than the words (yes or no, a template's own options). */
  icon?: IconName;
  children: ReactNode;
  /** Whether this is the answer given: said by aria-pressed and a tick, never by colour alone. */
  chosen: boolean;
  onPress(): void;
  testId?: string;
}

/**
 * Every flow's answer button (a dispute type, a time, a kind of matter, yes or
 * no): an icon when one helps, the words, and a tick once it is the answer
 * given. A flow lays several out in an `.option-grid`; a feature's stylesheet
 * may size them for its grid, never restyle what "chosen" looks like.
 */
export function ChoiceButton({ icon, children, chosen, onPress, testId }: ChoiceButtonProps) {
  return (
    <button
      type="button"
      className="button button--list button--raised option-button"
      aria-pressed={chosen}
      data-testid={testId}
      onClick={onPress}
    >
      {icon !== undefined && <Icon name={icon} className="button__icon" />}
      <span className="option-button__label">{children}</span>
      {chosen && <Icon name="ok" className="option-button__tick" />}
    </button>
  );
}
