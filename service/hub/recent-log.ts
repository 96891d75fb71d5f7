import type { DestinationStream } from 'pino';

/**
 * The service's latest log lines, as written (so already redacted by the
 * logger, server-kit/logger.ts), kept in memory up to `keepBytes` and passed
 * on to `next`: what a `collect-logs` command from the hub sends back.
 */
export class RecentLogLines implements DestinationStream {
  private readonly lines: string[] = [];
  private bytes = 0;

  constructor(
    private readonly keepBytes: number,
    private readonly next?: DestinationStream,
  ) {}

  write(line: string): void {
    this.lines.push(line);
    this.bytes += Buffer.byteLength(line, 'utf8');
    while (this.bytes > this.keepBytes && this.lines.length > 0)
      this.bytes -= Buffer.byteLength(this.lines.shift()!, 'utf8');
    this.next?.write(line);
  }

  /** The lines kept, oldest first, each ending in a newline as written. */
  text(): string {
    return this.lines.join('');
  }
}

/** The end of `text` that fits in `maxBytes`, cut at a line's start: the newest lines matter most. */
export function lastLines(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const tail = Buffer.from(text, 'utf8').subarray(-maxBytes).toString('utf8');
  const start = tail.indexOf('\n');
  return start === -1 ? '' : tail.slice(start + 1);
}
