import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packCorpus, readCorpusDirectory } from './corpus-archive';

/**
 * `npm run content:vendor -- [DIR]`: packs the shared law corpus (default
 * ../shared/corpus/laws) into content/corpus/laws.jsonl.br. Run it when the
 * corpus snapshot changes; the output is committed.
 */
const dir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'laws'));
const out = join(import.meta.dirname, '..', 'corpus', 'laws.jsonl.br');
const started = Date.now();
const files = readCorpusDirectory(dir);
const packed = packCorpus(files);
writeFileSync(out, packed);
const rawBytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
process.stdout.write(
  `${files.length} files, ${(rawBytes / 1e6).toFixed(1)} MB → ${out} ${(packed.length / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
);
