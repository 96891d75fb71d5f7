import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RATING_SCORES,
  type RatingReason,
  type RatingScore,
  keepReasons,
  reasonsForScore,
} from '../../../common/rating/rating';
import { BigButton } from '../../../ui/buttons/BigButton';
import { Icon } from '../../../ui/icons/Icon';
import { StatusNotice } from '../../../ui/notices/StatusNotice';
import { useApi } from '../service/ServiceContext';
import { type RatingSubject, useSessionUse } from '../session/SessionUse';
import { ToggleChip } from '../../../ui/buttons/ToggleChip';
import '../../flow/flows.css';
import './rating.css';

export interface RatingPanelProps {
  subject: RatingSubject;
  /** The answer or template rated, when there is one (a code, never personal data). */
  subjectId?: string;
  /**
   * `inline`: a part of a screen (after a receipt); it thanks and stays.
   * `finish`: the last thing before the session ends; `onDone` is called at
   * once after 提交 or 跳过 — leaving never waits for the service.
   */
  mode: 'inline' | 'finish';
  onDone?(): void;
  headingLevel?: 1 | 2;
  /** The heading's id, for a dialog that is labelled by it. */
  headingId?: string;
}

/** A star; the stars up to the chosen score are filled. */
function Star({ filled }: { filled: boolean }) {
  return (
    <svg className="rating__star" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M12 2.8l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17.2l-5.7 3.1 1.2-6.4-4.7-4.4 6.4-.8z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth={1.8}
        strokeLinejoin="round"
      />
    </svg>
  );
}

/**
 * 服务评价: five big stars, each with its words (很不满意 … 很满意 — never
 * stars alone), then reason chips for that score, then 提交. Stored in the
 * outbox as kind 'rating' with no receipt and nothing about the citizen. A
 * double tap sends one rating: one request per choice (its idempotency key),
 * and the button ignores taps while it is on its way.
 */
export function RatingPanel({
  subject,
  subjectId,
  mode,
  onDone,
  headingLevel = 2,
  headingId: givenHeadingId,
}: RatingPanelProps) {
  const { t } = useTranslation();
  const api = useApi();
  const use = useSessionUse();
  const ownHeadingId = useId();
  const headingId = givenHeadingId ?? ownHeadingId;
  const [score, setScore] = useState<RatingScore | null>(null);
  const [reasons, setReasons] = useState<RatingReason[]>([]);
  const [state, setState] = useState<'choosing' | 'sending' | 'sent' | 'failed'>('choosing');
  // A new key whenever the choice changes: the same choice sent twice is one rating.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const sending = useRef(false);

  const choose = (s: RatingScore): void => {
    setScore(s);
    setReasons((r) => keepReasons(r, s));
    setKey(crypto.randomUUID());
  };
  const toggle = (r: RatingReason): void => {
    setReasons((list) => keepReasons(list.includes(r) ? list.filter((x) => x !== r) : [...list, r], score));
    setKey(crypto.randomUUID());
  };

  const submit = (): void => {
    if (score === null || sending.current) return;
    sending.current = true;
    const request = api.call('submit', {
      kind: 'rating',
      payload: {
        subject,
        score,
        ...(reasons.length > 0 ? { reasons } : {}),
        ...(subjectId !== undefined ? { subjectId } : {}),
      },
      idempotencyKey: key,
    });
    use.markRated();
    if (mode === 'finish') {
      // The request is on its way; the citizen is not kept waiting for it.
      request.catch(() => undefined);
      onDone?.();
      return;
    }
    setState('sending');
    request.then(
      () => setState('sent'),
      () => {
        sending.current = false;
        setState('failed');
      },
    );
  };

  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  if (state === 'sent') {
    return (
      <section className="rating rating--thanks" aria-labelledby={headingId} data-testid="rating">
        <Heading id={headingId} className="rating__title">
          {t('rating.title')}
        </Heading>
        <p className="rating__thanks" role="status">
          <Icon name="ok" className="rating__thanks-icon" />
          {t('rating.thanks')}
        </p>
      </section>
    );
  }
  const offered = reasonsForScore(score);
  return (
    <section className={`flow-card rating rating--${mode}`} aria-labelledby={headingId} data-testid="rating">
      <Heading id={headingId} className="rating__title">
        {t('rating.question')}
      </Heading>
      <div className="rating__scores" role="group" aria-label={t('rating.question')}>
        {RATING_SCORES.map((s) => (
          <button
            key={s}
            type="button"
            className="rating__score"
            aria-pressed={score === s}
            data-testid={`rating-score-${s}`}
            onClick={() => choose(s)}
          >
            <Star filled={score !== null && s <= score} />
            <span className="rating__number" aria-hidden="true">
              {s}
            </span>
            <span className="rating__word">{t(`rating.scores.${s}`)}</span>
            {score === s && <Icon name="ok" className="rating__chosen-icon" />}
          </button>
        ))}
      </div>
      {score !== null && (
        <div className="rating__reasons-block">
          <p className="rating__reasons-title">{t('rating.reasonsTitle')}</p>
          <div className="rating__reasons" role="group" aria-label={t('rating.reasonsTitle')}>
            {offered.map((r) => (
              <ToggleChip key={r} pressed={reasons.includes(r)} testId={`rating-reason-${r}`} onPress={() => toggle(r)}>
                {t(`rating.reasons.${r}`)}
              </ToggleChip>
            ))}
          </div>
        </div>
      )}
      <p className="rating__anonymous">{t('rating.anonymous')}</p>
      {state === 'failed' && <StatusNotice tone="info">{t('rating.failed')}</StatusNotice>}
      <div className="rating__actions">
        <BigButton
          variant="primary"
          icon="ok"
          disabled={score === null || state === 'sending'}
          data-testid="rating-submit"
          onClick={submit}
        >
          {mode === 'finish' ? t('rating.submitAndFinish') : t('rating.submit')}
        </BigButton>
        {mode === 'finish' && (
          <BigButton icon="forward" data-testid="rating-skip" onClick={() => onDone?.()}>
            {t('rating.skipAndFinish')}
          </BigButton>
        )}
      </div>
    </section>
  );
}
