import { join } from 'node:path';
import { build } from 'vite';
import { ROOT } from '../harness';

const LOOPBACK = join(import.meta.dirname, 'loopback-call-media.ts');

/**
 * Builds a copy of the kiosk's renderer into `outDir` whose call screen gets
 * its media session from loopback-call-media.ts instead of
 * renderer/video-call/call-media.ts — everything else is the renderer as
 * shipped. The service serves it with `--renderer-dir`.
 */
export async function buildRendererWithLoopbackCalls(outDir: string): Promise<void> {
  // As shipped: under the test runner NODE_ENV says "test", which Vite would honour with a development build of React.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await buildIt(outDir);
  } finally {
    process.env['NODE_ENV'] = nodeEnv;
  }
}

async function buildIt(outDir: string): Promise<void> {
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
    plugins: [
      {
        name: 'loopback-call-media',
        enforce: 'pre',
        resolveId(source, importer) {
          if (source === './call-media' && importer?.includes(join('renderer', 'video-call')) === true) return LOOPBACK;
          return null;
        },
      },
    ],
  });
}
