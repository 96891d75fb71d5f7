import { closeSync, existsSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Fetcher } from 'tuf-js';
// Not re-exported by the package, but its Updater tells a missing next root (404) from a failure by this class.
import { DownloadHTTPError } from 'tuf-js/dist/error.js';

/**
 * How tuf-js reaches the hub: every response is read only up to the length
 * the trusted metadata allows (an endless or oversized answer is cut off, not
 * buffered), and a release file is downloaded into a `.partial` file that a
 * later check continues with a Range request, so a kiosk on a poor line
 * does not start a large release again after every cut.
 *
 * The partial file is named by the URL's last part, which for a consistent
 * snapshot is `<sha256>.<target>`: a partial file only ever continues the
 * same bytes. tuf-js checks length and hash of the finished file itself.
 */

/** The response was longer than the metadata allows: refused, and nothing of it kept. */
export class TooLongError extends Error {
  constructor(
    readonly url: string,
    readonly maxLength: number,
  ) {
    super(`${url} sent more than the ${maxLength} bytes its metadata allows; the download was cut off`);
  }
}

/** The hub did not answer, or a name is not one to write. */
export class FetchFailedError extends Error {}

/** A file name the fetcher will write: a hash, a dot, a plain name — no path. */
const SAFE_FILE = /^[0-9a-f]{64}\.[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface RangeFetcherOptions {
  /** Where partial downloads are kept between checks (`<data>/tuf/downloads`). */
  dir: string;
  timeoutMs?: number;
  /** Told when a file is complete and goes to tuf-js's length and hash check. */
  onVerifying?: () => void;
}

export class RangeFetcher implements Fetcher {
  private readonly timeoutMs: number;

  constructor(private readonly opts: RangeFetcherOptions) {
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  }

  async downloadBytes(url: string, maxLength: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await this.read(url, {}, maxLength, (chunk) => chunks.push(chunk));
    return Buffer.concat(chunks);
  }

  async downloadFile<T>(url: string, maxLength: number, handler: (file: string) => Promise<T>): Promise<T> {
    const name = basename(new URL(url).pathname);
    if (!SAFE_FILE.test(name))
      throw new FetchFailedError(`refusing to download ${JSON.stringify(name)}: not a hashed file name`);
    const partial = join(this.opts.dir, `${name}.partial`);
    const have = existsSync(partial) ? statSync(partial).size : 0;
    // A partial file as long as the target (or longer) is finished or wrong: the handler's hash check says which.
    if (have < maxLength) {
      const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-` } : {};
      let fd: number | undefined;
      try {
        await this.read(
          url,
          headers,
          maxLength - have,
          (chunk) => {
            fd ??= openSync(partial, 'a', 0o600);
            writeSync(fd, chunk);
          },
          (status) => {
            // 200 to a Range request: the server sends the whole file, so start over.
            if (have > 0 && status === 200) {
              rmSync(partial, { force: true });
              return maxLength;
            }
            return maxLength - have;
          },
        );
      } catch (error) {
        // Too long: nothing of it is worth keeping. Cut off midway: kept for the next check to continue.
        if (error instanceof TooLongError) rmSync(partial, { force: true });
        throw error;
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    }
    this.opts.onVerifying?.();
    try {
      return await handler(partial);
    } finally {
      // Verified and copied, or failed its hash: either way this partial file is done with.
      rmSync(partial, { force: true });
    }
  }

  /** Streams the body to `onChunk`, refusing past `limit` bytes (which `onStatus` may change for the status answered). */
  private async read(
    url: string,
    headers: Record<string, string>,
    limit: number,
    onChunk: (chunk: Buffer) => void,
    onStatus?: (status: number) => number,
  ): Promise<void> {
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new FetchFailedError(`${url}: no answer within ${this.timeoutMs} ms`)),
      this.timeoutMs,
    );
    try {
      let response: Response;
      try {
        response = await fetch(url, { headers, signal: abort.signal, redirect: 'error' });
      } catch (error) {
        throw new FetchFailedError(`${url}: ${(error as Error).message}`, { cause: error });
      }
      if (response.status !== 200 && response.status !== 206)
        throw new DownloadHTTPError(`${url}: the hub answered HTTP ${response.status}`, response.status);
      const allowed = onStatus?.(response.status) ?? limit;
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > allowed) {
        await response.body?.cancel();
        throw new TooLongError(url, allowed);
      }
      if (response.body === null) return;
      let received = 0;
      const reader = response.body.getReader();
      for (;;) {
        let next: Awaited<ReturnType<typeof reader.read>>;
        try {
          next = await reader.read();
        } catch (error) {
          throw new FetchFailedError(`${url}: cut off after ${received} bytes: ${(error as Error).message}`, {
            cause: error,
          });
        }
        const { done, value } = next;
        if (done) return;
        received += value.byteLength;
        if (received > allowed) {
          await reader.cancel();
          throw new TooLongError(url, allowed);
        }
        onChunk(Buffer.from(value));
      }
    } finally {
      clearTimeout(timer);
    }
  }
}
