import type { ReactNode } from 'react';
import { Icon } from '../icons/Icon';
import '../components.css';

export interface StatusNoticeProps {
  /** `warning`: something the citizen cannot do now. `info`: worth knowing, nothing is blocked. */
  tone: 'info' | 'warning';
  /** What it means for the citizen, e.g. "打印机暂不可用：可以查询，但暂时不能打印". */
  children: ReactNode;
  /** Why, in plain words, shown smaller below. */
  detail?: ReactNode;
}

/** A calm, static notice — not an alert: it never interrupts or steals focus. */
export function StatusNotice({ tone, children, detail }: StatusNoticeProps) {
  return (
    <div className={`notice notice--${tone}`}>
      <Icon name={tone === 'warning' ? 'warning' : 'info'} className="notice__icon" />
      <div className="notice__body">
        <p className="notice__text">{children}</p>
        {detail && <p className="notice__detail">{detail}</p>}
      </div>
    </div>
  );
}
