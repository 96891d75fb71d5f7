import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The hub's web console, served by the hub from dist/hub-console at its
// origin's root. Ant Design runs in its zero-runtime mode (its styles come
// from antd/dist/antd.css as a file): the hub's CSP allows styles from its
// own origin only, and no <style> elements made at run time.
export default defineConfig({
  root: 'hub/console',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/hub-console',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // One bundle for a desk on the office network; Ant Design alone is past Vite's default warning size.
    chunkSizeWarningLimit: 4096,
  },
});
