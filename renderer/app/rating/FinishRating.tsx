import { useEffect, useId, useRef } from 'react';
import type { RatingSubject } from '../session/SessionUse';
import { RatingPanel } from './RatingPanel';
import './rating.css';

/**
 * The rating asked at 结束使用, over the whole screen. It never stands
 * between the citizen and leaving: "跳过，直接结束" is one tap, 提交 ends at
 * once too (the rating is sent on its way), and the idle countdown ends the
 * session over it like over any screen.
 */
export function FinishRating({ subject, onDone }: { subject: RatingSubject; onDone(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div
      className="finish-rating"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      data-testid="finish-rating"
    >
      <div className="finish-rating__panel" ref={ref} tabIndex={-1}>
        <RatingPanel subject={subject} mode="finish" onDone={onDone} headingLevel={1} headingId={titleId} />
      </div>
    </div>
  );
}
