import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
export const SERVICE_BUNDLE = join(DIST, 'service', 'main.js');
export const ELECTRON_BUNDLE = join(DIST, 'electron', 'main.cjs');
export const RENDERER_DIR = join(DIST, 'renderer');
export const BUILD_STAMP = join(DIST, '.build-stamp');
export const HUB_CONSOLE_DIR = join(DIST, 'hub-console');
export const HUB_CONSOLE_STAMP = join(DIST, '.hub-console-stamp');
export const DEMO_CONFIG = join(ROOT, 'kiosk-config', 'demo.json');
export const CONTENT_DB = join(DIST, 'content', 'content.db');
export const CONTENT_STAMP = join(DIST, 'content', '.build-stamp');
