import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlidesResponse } from '../../../common/api/content';
import { useApi } from '../service/ServiceContext';
import './session.css';

export const SLIDE_MS = 8000;
/** After the waking finger lifts, how long to wait for its click before lifting the shield anyway (a swipe has none). */
const SHIELD_AFTER_UP_MS = 700;

type Slide = SlidesResponse['slides'][number];

export interface AttractLoopProps {
  /** True while no one is using the kiosk. */
  showing: boolean;
  /** The first touch; starts a session. */
  onWake(): void;
  /** Shown on the fallback slide when the content has none. */
  terminalName: string;
}

function citeLine(slide: Slide): string {
  return slide.cites.map((c) => `${c.lawShort} ${c.article}`).join('；');
}

/**
 * Law-education slides from the content release while the kiosk waits, with
 * "轻触屏幕开始". The touch that wakes it is swallowed: the overlay stays
 * (transparent) until that touch's click has landed on it, so the button
 * beneath the finger is not pressed.
 */
export function AttractLoop({ showing, onWake, terminalName }: AttractLoopProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [slides, setSlides] = useState<Slide[]>([]);
  const [index, setIndex] = useState(0);
  const [shielding, setShielding] = useState(false);
  const releaseTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // The slides are public content: fetched each time the loop starts, so a new release shows.
  useEffect(() => {
    if (!showing) return;
    const controller = new AbortController();
    api.call('slides', undefined, { signal: controller.signal }).then(
      (data) => {
        setSlides(data.slides);
        setIndex(0);
      },
      () => undefined, // keep what we had; the fallback slide needs no service
    );
    return () => controller.abort();
  }, [api, showing]);

  useEffect(() => {
    if (!showing || slides.length < 2) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % slides.length), SLIDE_MS);
    return () => clearInterval(timer);
  }, [showing, slides.length]);

  const release = useCallback(() => {
    if (releaseTimer.current !== null) clearTimeout(releaseTimer.current);
    releaseTimer.current = null;
    setShielding(false);
  }, []);
  useEffect(
    () => () => {
      if (releaseTimer.current !== null) clearTimeout(releaseTimer.current);
    },
    [],
  );

  if (!showing && !shielding) return null;

  const slide = slides.length > 0 ? slides[index % slides.length] : undefined;
  const onPointerDown = (): void => {
    if (!showing) return;
    setShielding(true);
    onWake();
  };
  const onPointerUp = (): void => {
    if (releaseTimer.current !== null) clearTimeout(releaseTimer.current);
    releaseTimer.current = setTimeout(release, SHIELD_AFTER_UP_MS);
  };

  return (
    <div
      className={showing ? 'attract' : 'attract attract--waking'}
      data-testid={showing ? 'attract' : 'attract-waking'}
      onPointerDown={onPointerDown}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        release();
      }}
    >
      {showing && (
        <>
          <p className="attract__terminal">{terminalName}</p>
          <section className="attract__slide" key={slide?.id ?? 'welcome'} aria-live="off" data-testid="attract-slide">
            <p className="attract__kicker">{t('attract.kicker')}</p>
            <h1 className="attract__title">{slide?.title ?? t('attract.welcomeTitle')}</h1>
            <p className="attract__body">{slide?.body ?? t('attract.welcomeBody')}</p>
            {slide && slide.cites.length > 0 && (
              <p className="attract__cites">{t('attract.cites', { cites: citeLine(slide) })}</p>
            )}
          </section>
          {slides.length > 1 && (
            <ol className="attract__dots" aria-hidden="true">
              {slides.map((s, i) => (
                <li
                  key={s.id}
                  className={i === index % slides.length ? 'attract__dot attract__dot--on' : 'attract__dot'}
                />
              ))}
            </ol>
          )}
          <p className="attract__prompt" data-testid="attract-prompt">
            <span className="attract__prompt-ring" aria-hidden="true" />
            {t('attract.prompt')}
          </p>
        </>
      )}
    </div>
  );
}
