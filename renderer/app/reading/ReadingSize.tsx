import { type ReactNode, createContext, useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_TEXT_SIZE, canGrow, canShrink, clampTextSize } from './text-size';
import './reading.css';

interface ReadingSize {
  step: number;
  setStep(step: number): void;
}

const ReadingSizeContext = createContext<ReadingSize | null>(null);

/**
 * The citizen's chosen reading size, shared by the reading screens (an
 * article, the law reader) for the rest of the session. Mount it under the
 * session's key so the next citizen starts at the default again.
 */
export function ReadingSizeProvider({ children }: { children: ReactNode }) {
  const [step, setStepState] = useState(DEFAULT_TEXT_SIZE);
  const value = useMemo<ReadingSize>(() => ({ step, setStep: (s) => setStepState(clampTextSize(s)) }), [step]);
  return <ReadingSizeContext.Provider value={value}>{children}</ReadingSizeContext.Provider>;
}

export function useReadingSize(): ReadingSize {
  const value = useContext(ReadingSizeContext);
  if (!value) throw new Error('useReadingSize outside ReadingSizeProvider');
  return value;
}

/** The class that sets the reading text size on a container (`.reading-size-0` … `-3`). */
export function readingSizeClass(step: number): string {
  return `reading-size-${clampTextSize(step)}`;
}

/**
 * "A−" and "A+": two big buttons with words, greyed and disabled (the reason
 * as a tooltip) at either end. `onBeforeChange` runs just before the size
 * changes, e.g. to remember what the reader was looking at.
 */
export function TextSizeControl({ onBeforeChange }: { onBeforeChange?: () => void }) {
  const { t } = useTranslation();
  const { step, setStep: set } = useReadingSize();
  const setStep = (next: number): void => {
    onBeforeChange?.();
    set(next);
  };
  const shrink = canShrink(step);
  const grow = canGrow(step);
  return (
    <div className="text-size" role="group" aria-label={t('reading.textSize')}>
      <button
        type="button"
        className="button button--large text-size__button"
        data-testid="text-smaller"
        disabled={!shrink}
        title={shrink ? undefined : t('reading.smallest')}
        onClick={() => setStep(step - 1)}
      >
        <span className="text-size__glyph text-size__glyph--small" aria-hidden="true">
          A−
        </span>
        <span className="text-size__label">{t('reading.smaller')}</span>
      </button>
      <button
        type="button"
        className="button button--large text-size__button"
        data-testid="text-larger"
        disabled={!grow}
        title={grow ? undefined : t('reading.largest')}
        onClick={() => setStep(step + 1)}
      >
        <span className="text-size__glyph" aria-hidden="true">
          A+
        </span>
        <span className="text-size__label">{t('reading.larger')}</span>
      </button>
    </div>
  );
}
