import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served by the local service from dist/renderer; relative
// asset URLs keep it working from file:// fallbacks and any mount point.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
  },
});
