import { describe, expect, it } from 'vitest';
import { KIOSK_BACKGROUND, KIOSK_PARTITION, kioskWindowOptions } from './window-options';

describe('kioskWindowOptions', () => {
  const options = kioskWindowOptions();
  const web = options.webPreferences ?? {};

  it('is a frameless fullscreen kiosk window', () => {
    expect(options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      resizable: false,
      minimizable: false,
    });
    expect(options.backgroundColor).toBe(KIOSK_BACKGROUND);
  });

  it('isolates the page from Node and the main process', () => {
    expect(web).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has no preload, so no IPC bridge exists', () => {
    expect(web).not.toHaveProperty('preload');
    expect(web).not.toHaveProperty('additionalArguments');
  });

  it('closes the browser escape hatches', () => {
    expect(web).toMatchObject({ devTools: false, spellcheck: false, navigateOnDragDrop: false, disableDialogs: true });
    expect(web).not.toHaveProperty('enableBlinkFeatures');
  });

  it('uses an in-memory session so nothing a citizen typed is written to disk', () => {
    expect(web.partition).toBe(KIOSK_PARTITION);
    expect(KIOSK_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('accepts another background colour and partition', () => {
    const custom = kioskWindowOptions({ backgroundColor: '#000000', partition: 'test' });
    expect(custom.backgroundColor).toBe('#000000');
    expect(custom.webPreferences?.partition).toBe('test');
    expect(custom.webPreferences?.sandbox).toBe(true);
  });
});
