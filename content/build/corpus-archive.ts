import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/**
 * The law corpus travels inside the repository as one brotli-compressed JSON
 * Lines file — `{"path": "社会法/劳动法(2018-12-29).md", "text": "…"}` per line —
 * so a fresh clone builds without the shared folder, and 60+ MB of Markdown
 * stays well inside the repository's data budget. Brotli is in Node's zlib,
 * so reading it needs no extra package.
 */
export interface CorpusFile {
  path: string;
  text: string;
}

function listMarkdown(dir: string, root: string, out: string[]): void {
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) listMarkdown(full, root, out);
    else if (entry.endsWith('.md') && entry !== '_index.md') out.push(relative(root, full).split(sep).join('/'));
  }
}

export function readCorpusDirectory(root: string): CorpusFile[] {
  const paths: string[] = [];
  listMarkdown(root, root, paths);
  return paths.map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

export function packCorpus(files: readonly CorpusFile[]): Buffer {
  const jsonl = files.map((f) => JSON.stringify(f)).join('\n') + '\n';
  const input = Buffer.from(jsonl, 'utf8');
  return brotliCompressSync(input, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: input.length,
    },
  });
}

export class CorpusArchiveError extends Error {}

/** Reads the archive; a truncated or corrupted file is an error naming it, never a partial corpus. */
export function unpackCorpus(archivePath: string): Map<string, string> {
  let jsonl: string;
  try {
    jsonl = brotliDecompressSync(readFileSync(archivePath)).toString('utf8');
  } catch (error) {
    throw new CorpusArchiveError(
      `${archivePath}: cannot decompress (${(error as Error).message}); the file is damaged or incomplete`,
    );
  }
  const files = new Map<string, string>();
  const lines = jsonl.split('\n');
  lines.forEach((line, i) => {
    if (line === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new CorpusArchiveError(`${archivePath}: entry ${i + 1} is not valid JSON`);
    }
    const { path, text } = parsed as Partial<CorpusFile>;
    if (typeof path !== 'string' || typeof text !== 'string')
      throw new CorpusArchiveError(`${archivePath}: entry ${i + 1} lacks path or text`);
    files.set(path, text);
  });
  return files;
}
