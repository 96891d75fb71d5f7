import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../icons/Icon';
import '../components.css';
import './answer.css';

/**
 * The presentational blocks of the kiosk's answer screen, shared with the
 * hub console's kiosk preview so an editor sees an answer as citizens will:
 * the plain answer in its framed passage, titled sections, numbered steps
 * with their time limits.
 */

/** A titled part of a reading screen (h2). */
export function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className="content-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="content-section__heading">
        {title}
      </h2>
      {hint && <p className="content-section__hint">{hint}</p>}
      {children}
    </section>
  );
}

/** The plain answer, in large type in a framed passage. */
export function AnswerText({ children }: { children: ReactNode }) {
  return <p className="accent-box accent-box--roomy accent-box--reading reading">{children}</p>;
}

/** A deadline beside a step: clock icon, the word "时限" and the limit — never colour alone. */
export function TimeLimit({ limit }: { limit: string }) {
  const { t } = useTranslation();
  return (
    <p className="time-limit">
      <Icon name="clock" className="time-limit__icon" />
      <strong className="time-limit__label">{t('answer.timeLimit')}</strong>
      <span className="reading">{limit}</span>
    </p>
  );
}

/** Numbered steps, each with its time limit marked (icon and words). */
export function StepList({
  steps,
}: {
  steps: readonly { title?: string; step: string; timeLimit?: string | null | undefined }[];
}) {
  return (
    <ol className="steps">
      {steps.map((s, i) => (
        <li key={i} className="steps__item">
          <span className="steps__number" aria-hidden="true">
            {i + 1}
          </span>
          <div className="steps__body">
            {s.title && <p className="steps__title">{s.title}</p>}
            <p className="steps__text reading">{s.step}</p>
            {s.timeLimit && <TimeLimit limit={s.timeLimit} />}
          </div>
        </li>
      ))}
    </ol>
  );
}
