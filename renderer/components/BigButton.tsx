import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Icon, type IconName } from './Icon';
import './components.css';

export interface BigButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'className' | 'children'> {
  children: ReactNode;
  icon?: IconName;
  /** `primary`: the one main action of a screen. `secondary`: everything else. */
  variant?: 'primary' | 'secondary';
}

/** A button at least 64 px high with a large label, and an icon when it helps. */
export function BigButton({ children, icon, variant = 'secondary', ...rest }: BigButtonProps) {
  return (
    <button type="button" className={`big-button big-button--${variant}`} {...rest}>
      {icon && <Icon name={icon} className="big-button__icon" />}
      <span className="big-button__label">{children}</span>
    </button>
  );
}
