import type { ReactNode } from 'react';
import { Icon } from '../icons/Icon';
import './toggle-chip.css';

/**
 * A choice that is on or off (a reason, a situation, a relation): a large
 * rounded button; when on, it says so three ways — a tick, a thick border
 * and the fill — and `aria-pressed` tells assistive technology.
 */
export function ToggleChip({
  pressed,
  onPress,
  children,
  testId,
}: {
  pressed: boolean;
  onPress(): void;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <button type="button" className="toggle-chip" aria-pressed={pressed} data-testid={testId} onClick={onPress}>
      <span className="toggle-chip__box" aria-hidden="true">
        {pressed && <Icon name="ok" className="toggle-chip__tick" />}
      </span>
      <span className="toggle-chip__label">{children}</span>
    </button>
  );
}
