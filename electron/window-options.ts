import type { BrowserWindowConstructorOptions } from 'electron';

/** Shown before the first paint and behind the fallback page: calm, never a white flash. */
export const KIOSK_BACKGROUND = '#f4f1ea';

/**
 * No `persist:` prefix: an in-memory session. Cookies, web storage, caches and
 * IndexedDB die with the process, so nothing a citizen typed can be read back
 * from disk, and a power cut leaves nothing to "restore".
 */
export const KIOSK_PARTITION = 'kiosk';

export interface KioskWindowInputs {
  backgroundColor?: string;
  partition?: string;
}

/**
 * There is deliberately no preload and therefore no IPC: the page talks only
 * to the local service over HTTP/WebSocket, exactly as it does in the plain
 * Chromium shell. Nothing in the page can reach Node or the main process, so
 * there is no bridge to validate or to get wrong.
 */
export function kioskWindowOptions(inputs: KioskWindowInputs = {}): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    show: true,
    backgroundColor: inputs.backgroundColor ?? KIOSK_BACKGROUND,
    webPreferences: {
      partition: inputs.partition ?? KIOSK_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      devTools: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      // alert/confirm/prompt would put a native box over the kiosk that a
      // touch user may not be able to dismiss.
      disableDialogs: true,
      // The window is never in the background; idle countdowns and the attract
      // loop must keep exact time even if the compositor reports it occluded.
      backgroundThrottling: false,
      // The attract loop starts without a touch.
      autoplayPolicy: 'no-user-gesture-required',
      zoomFactor: 1,
    },
  };
}
