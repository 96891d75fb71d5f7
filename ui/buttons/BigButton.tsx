import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Icon, type IconName } from '../icons/Icon';
import '../components.css';

export interface BigButtonProps extends Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'type' | 'className' | 'children'
> {
  children: ReactNode;
  icon?: IconName;
  /** `primary`: the one main action of a screen. `secondary`: everything else. */
  variant?: 'primary' | 'secondary';
  /**
   * Set when what the button leads to cannot be used now. Like a Tile, it
   * still reacts to a tap (to explain why); the status words and icon say it,
   * the dashed grey look only repeats it.
   */
  unavailable?: { label: string; icon: IconName };
}

/** A button at least 64 px high with a large label, and an icon when it helps. */
export function BigButton({ children, icon, variant = 'secondary', unavailable, ...rest }: BigButtonProps) {
  return (
    <button
      type="button"
      className={`button button--large big-button${variant === 'primary' ? ' button--primary' : ''}`}
      data-available={unavailable ? 'false' : undefined}
      {...rest}
    >
      {icon && <Icon name={icon} className="button__icon" />}
      <span className="big-button__text">
        <span className="big-button__label">{children}</span>
        {unavailable && (
          <span className="big-button__status">
            <Icon name={unavailable.icon} className="big-button__status-icon" />
            {unavailable.label}
          </span>
        )}
      </span>
    </button>
  );
}
