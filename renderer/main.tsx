import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { ApiError } from '../ui/api/contract-client';
import { createApiClient } from './app/service/api-client';
import { createErrorReporter, installGlobalErrorReporting } from './app/service/error-reporter';
import { eventsUrl, openEventStream } from './app/service/events';
import { readSecret } from './app/service/secret';
import { installKeyGuard } from './app/key-guard';
import { App, FatalFallback } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import type { ScreenName } from './app/navigation';
import { createI18n } from '../ui/i18n/i18n';
import { RestoringScreen } from './app/RestoringScreen';
import { ServiceConnection } from './app/service/connection';
import { NATIONAL_HOTLINE } from './app/service/health-view';
import '../ui/styles/tokens.css';
import '../ui/styles/base.css';
import '../ui/styles/buttons.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

const i18n = createI18n();
const syncDocument = (): void => {
  document.documentElement.lang = i18n.language;
  document.title = i18n.t('app.name');
};
syncDocument();
i18n.on('languageChanged', syncDocument);

// A long press on a touchscreen opens the browser's context menu; a kiosk has no use for it.
window.addEventListener('contextmenu', (e) => e.preventDefault());

// Keys a kiosk has no use for are the browser's shortcuts (new tab, DevTools,
// print, reload…): swallowed here in every shell, before any app code sees them.
installKeyGuard(window);

// From the fragment (tests, technicians), kept in memory only and left in the
// address so a reload still works; null when the kiosk shell handed the
// secret over as a cookie the page never sees (common/shell-handover.ts).
const secret = readSecret(window.location.hash);

// Someone who restarted the service opens the same page with the new boot's
// secret in the fragment; changing only the fragment does not reload, so start
// afresh here. (The shells reload the page themselves.)
window.addEventListener('hashchange', () => {
  const fromFragment = readSecret(window.location.hash);
  if (fromFragment !== null && fromFragment !== secret) window.location.reload();
});

const KEY_RETRY_MS = 10_000;

/**
 * A page on the shell's cookie that is refused has lost it (the browser
 * dropped it): loading the page again lets the shell set it again.
 */
function reloadIfKeyLost(error: unknown): never {
  if (secret === null && error instanceof ApiError && error.status === 401) window.location.reload();
  throw error;
}

/** Without a secret in the fragment, whether the shell's cookie lets the page in. */
const origin = window.location.origin;
const client = createApiClient({ baseUrl: origin, secret });

async function cookieLetsUsIn(): Promise<boolean> {
  try {
    await client.call('health');
    return true;
  } catch (error) {
    // Only a refusal says the key is missing; a service away is the app's own connection handling's to show and retry.
    return !(error instanceof ApiError && error.status === 401);
  }
}

if (secret === null && !(await cookieLetsUsIn())) {
  // Opened by hand or by a misconfigured shell: nothing can be fetched without the key.
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <RestoringScreen hotline={NATIONAL_HOTLINE} technicianHint />
      </I18nextProvider>
    </StrictMode>,
  );
  // A shell that hands the key over a moment late (or again) lets us in later.
  const retry = setInterval(() => {
    void cookieLetsUsIn().then((ok) => {
      if (!ok) return;
      clearInterval(retry);
      window.location.reload();
    });
  }, KEY_RETRY_MS);
} else {
  let screen: ScreenName = 'home';
  const trackScreen = (name: ScreenName): void => {
    screen = name;
  };
  const reporter = createErrorReporter({
    send: (entry) => client.call('clientLog', entry),
    currentScreen: () => screen,
  });
  installGlobalErrorReporting(window, reporter);

  // A page that (re)starts starts with nobody: whatever the service still holds
  // from before — a receipt waiting for paper, the references a reprint may
  // use, a card being waited for — belongs to someone who is gone. Before
  // anything else is asked of the service.
  void client.call('sessionEnd', { reason: 'start' }).catch(() => undefined);

  const connection = new ServiceConnection({
    // Health is answered locally in milliseconds; a short timeout notices a hung service sooner.
    fetchHealth: (signal) => client.call('health', undefined, { signal, timeoutMs: 2500 }).catch(reloadIfKeyLost),
    openEvents: (handlers) =>
      openEventStream({
        url: eventsUrl(origin),
        secret,
        ...handlers,
        onInvalidMessage: (data) => reporter.report(`invalid service event: ${String(data).slice(0, 200)}`, 'events'),
      }),
    reportError: (error) => {
      reporter.report(error, 'event listener');
      console.error(error);
    },
  });
  connection.start();
  // An administrator's reload (a fleet command): the service sends it only between sessions.
  connection.onEvent((event) => {
    if (event.type === 'reload') window.location.reload();
  });

  createRoot(container, {
    // Errors caught by an ErrorBoundary never reach window.onerror; report them here.
    onCaughtError: (error, info) => {
      reporter.report(
        error,
        `react${info.componentStack ? ` (${info.componentStack.trim().split('\n')[0]?.trim()})` : ''}`,
      );
      console.error(error);
    },
  }).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ErrorBoundary fallback={() => <FatalFallback />}>
          <App services={{ client, connection }} onScreenChange={trackScreen} />
        </ErrorBoundary>
      </I18nextProvider>
    </StrictMode>,
  );
}
