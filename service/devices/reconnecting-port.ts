import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';

/**
 * A serial port that comes back by itself. Kiosk devices get unplugged,
 * power-cycled and replugged; the service must never need a restart for it.
 * While the port is closed it retries with a short backoff (a replugged USB
 * adapter is usually back within a second), so a device is ready again
 * within about two seconds of reappearing.
 */
export type PortState = 'connecting' | 'open' | 'disconnected';

export interface ReconnectingPortOptions {
  path: string;
  baudRate: number;
  /** Delays between reopen attempts, in ms; the last one repeats. */
  backoffMs?: readonly number[];
}

export declare interface ReconnectingPort {
  on(event: 'open', listener: (port: SerialPort) => void): this;
  on(event: 'state', listener: (state: PortState, detail: string | undefined) => void): this;
}

export class ReconnectingPort extends EventEmitter {
  private current: SerialPort | undefined;
  private timer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private stopped = false;
  private lastDetail: string | undefined;
  state: PortState = 'connecting';

  constructor(private readonly opts: ReconnectingPortOptions) {
    super();
  }

  get port(): SerialPort | undefined {
    return this.state === 'open' ? this.current : undefined;
  }

  get detail(): string | undefined {
    return this.lastDetail;
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  private setState(state: PortState, detail?: string): void {
    this.lastDetail = detail;
    if (state === this.state && state !== 'open') return;
    this.state = state;
    this.emit('state', state, detail);
  }

  private open(): void {
    if (this.stopped) return;
    const port = new SerialPort({ path: this.opts.path, baudRate: this.opts.baudRate, autoOpen: false });
    port.on('error', () => undefined); // reported through open/close below; an unhandled 'error' would crash the service
    port.open((error) => {
      if (this.stopped) {
        if (error === null) port.close();
        return;
      }
      if (error !== null) {
        this.setState('disconnected', error.message);
        this.retry();
        return;
      }
      this.attempt = 0;
      this.current = port;
      port.once('close', () => {
        if (this.current !== port) return;
        this.current = undefined;
        if (this.stopped) return;
        this.setState('disconnected', `${this.opts.path} closed (unplugged?)`);
        this.retry();
      });
      this.setState('open');
      this.emit('open', port);
    });
  }

  private retry(): void {
    const delays = this.opts.backoffMs ?? [200, 400, 800, 1000];
    const delay = delays[Math.min(this.attempt, delays.length - 1)] ?? 1000;
    this.attempt++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.open(), delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const port = this.current;
    this.current = undefined;
    if (port?.isOpen === true) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
