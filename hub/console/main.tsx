import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n, DEFAULT_LANGUAGE, isLanguageTag } from '../../ui/i18n/i18n';
import { createHubClient } from './data/hub-client';
import { ConsoleApp } from './app/ConsoleApp';
import './console.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

// The language last chosen in this browser; Chinese first.
const LANGUAGE_KEY = 'hub-console.language';
const stored = window.localStorage.getItem(LANGUAGE_KEY) ?? DEFAULT_LANGUAGE;
const i18n = createI18n(isLanguageTag(stored) ? stored : DEFAULT_LANGUAGE);
const syncDocument = (): void => {
  document.documentElement.lang = i18n.language;
  document.title = i18n.t('hubConsole.name');
  window.localStorage.setItem(LANGUAGE_KEY, i18n.language);
};
syncDocument();
i18n.on('languageChanged', syncDocument);

// When the person last asked the hub for something, shared by this browser's tabs (they share the session).
const ACTIVITY_KEY = 'hub-console.last-activity';
const activity = {
  read: () => Number(window.localStorage.getItem(ACTIVITY_KEY)) || 0,
  write: (at: number) => window.localStorage.setItem(ACTIVITY_KEY, String(at)),
};

// The hub's nonce for this answer of the page, which Ant Design's <style> elements must carry (the CSP's style-src).
const nonce = document.querySelector<HTMLMetaElement>('meta[name="style-nonce"]')?.content;

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ConsoleApp client={createHubClient(window.location.origin, undefined, activity)} styleNonce={nonce} />
    </I18nextProvider>
  </StrictMode>,
);
