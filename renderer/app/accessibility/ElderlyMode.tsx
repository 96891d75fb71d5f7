import { type ReactNode, createContext, useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../ui/icons/Icon';
import { useSessionEnd } from '../session/SessionContext';
import { LONG_PRESS_MS, buttonSpeech, pickScreenText, speechLang } from './read-aloud';
import './accessibility.css';

interface ElderlyMode {
  on: boolean;
  toggle(): void;
}

const ElderlyModeContext = createContext<ElderlyMode>({ on: false, toggle: () => undefined });

/** Text-to-speech, when this browser has it (Electron and Chromium do; a kiosk without voices hides the button). */
function synthesis(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function'
    ? window.speechSynthesis
    : null;
}

function speak(text: string, uiLanguage: string): void {
  const tts = synthesis();
  if (!tts || !text) return;
  tts.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = speechLang(uiLanguage);
  tts.speak(utterance);
}

/**
 * 长辈模式 for this session only: sets `data-mode="elderly"` on the root (the
 * tokens do the rest) and clears it when the session ends or the app remounts.
 * Also turns a long press on any button into "read this button aloud".
 */
export function ElderlyModeProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [on, setOn] = useState(false);
  useSessionEnd(() => {
    setOn(false);
    synthesis()?.cancel();
  });

  useEffect(() => {
    const root = document.documentElement;
    if (on) root.dataset['mode'] = 'elderly';
    else delete root.dataset['mode'];
    return () => {
      delete root.dataset['mode'];
    };
  }, [on]);

  const language = i18n.language;
  useEffect(() => installLongPressToSpeak(language), [language]);

  const value = useMemo(() => ({ on, toggle: () => setOn((v) => !v) }), [on]);
  return <ElderlyModeContext.Provider value={value}>{children}</ElderlyModeContext.Provider>;
}

/** Installs the long-press listeners on the document; returns their removal. */
function installLongPressToSpeak(language: string): (() => void) | undefined {
  if (!synthesis()) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let start: { x: number; y: number } | null = null;
  let swallowClick = false;
  const cancel = (): void => {
    clearTimeout(timer);
    timer = undefined;
    start = null;
  };
  const onDown = (e: PointerEvent): void => {
    cancel();
    swallowClick = false;
    const button = e.target instanceof Element ? e.target.closest('button') : null;
    if (!button) return;
    start = { x: e.clientX, y: e.clientY };
    timer = setTimeout(() => {
      timer = undefined;
      swallowClick = true;
      speak(buttonSpeech(button.getAttribute('aria-label'), button.textContent), language);
    }, LONG_PRESS_MS);
  };
  const onMove = (e: PointerEvent): void => {
    // A finger that slides (a scroll) is not a press.
    if (start && Math.hypot(e.clientX - start.x, e.clientY - start.y) > 24) cancel();
  };
  const onClick = (e: MouseEvent): void => {
    if (!swallowClick) return;
    swallowClick = false;
    e.preventDefault();
    e.stopPropagation();
  };
  const onUp = (): void => clearTimeout(timer);
  const opts = { capture: true } as const;
  document.addEventListener('pointerdown', onDown, opts);
  document.addEventListener('pointermove', onMove, opts);
  document.addEventListener('pointerup', onUp, opts);
  document.addEventListener('pointercancel', cancel, opts);
  document.addEventListener('click', onClick, opts);
  return () => {
    cancel();
    document.removeEventListener('pointerdown', onDown, opts);
    document.removeEventListener('pointermove', onMove, opts);
    document.removeEventListener('pointerup', onUp, opts);
    document.removeEventListener('pointercancel', cancel, opts);
    document.removeEventListener('click', onClick, opts);
  };
}

export function useElderlyMode(): ElderlyMode {
  return useContext(ElderlyModeContext);
}

/** Speaker with sound waves, for 朗读. */
function SpeakerIcon() {
  return (
    <svg
      className="icon button__icon"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M4 9h4l5-4v14l-5-4H4z" />
      <path d="M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12" />
    </svg>
  );
}

/** 长辈模式 on/off, one tap from every screen (it lives in the bottom bar). Its state is in words too: aria-pressed and "已开启". */
export function ElderlyToggle() {
  const { t } = useTranslation();
  const { on, toggle } = useElderlyMode();
  return (
    <button
      type="button"
      className="button a11y-button"
      data-testid="elderly-toggle"
      aria-pressed={on}
      onClick={toggle}
    >
      <Icon name="elder" className="button__icon" />
      <span>{t('accessibility.elderly')}</span>
      {on && <span className="a11y-button__state">{t('accessibility.on')}</span>}
    </button>
  );
}

/** 朗读: speaks the current screen's heading and first paragraph. Not rendered where the browser cannot speak. */
export function ReadAloudButton() {
  const { t, i18n } = useTranslation();
  if (!synthesis()) return null;
  const read = (): void => {
    const main = document.querySelector('.app main') ?? document.querySelector('main');
    if (!main) return;
    const heading = main.querySelector('h1')?.textContent;
    const paragraphs = [...main.querySelectorAll('p')].map((p) => p.textContent);
    speak(pickScreenText({ heading, paragraphs }), i18n.language);
  };
  return (
    <button type="button" className="button a11y-button" data-testid="read-aloud" onClick={read}>
      <SpeakerIcon />
      <span>{t('accessibility.readAloud')}</span>
    </button>
  );
}
