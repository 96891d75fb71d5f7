/**
 * One device's connection, kept alive: open the driver; when the port goes
 * away (unplugged, power-cycled), say so and open it again with a short
 * backoff, so a replugged device is back within about two seconds without a
 * service restart.
 */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface DeviceDriverHandle {
  close(): Promise<void>;
}

export interface DeviceConnectionOptions<T extends DeviceDriverHandle> {
  open(): Promise<T>;
  /** Registers `listener` to be called once when the driver's port closes by itself. */
  onLost(driver: T, listener: (reason: string) => void): void;
  onState(state: ConnectionState, detail: string | undefined): void;
  backoffMs?: readonly number[];
}

export class DeviceConnection<T extends DeviceDriverHandle> {
  private driver: T | undefined;
  private timer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private stopped = true;
  state: ConnectionState = 'connecting';
  detail: string | undefined;

  constructor(private readonly opts: DeviceConnectionOptions<T>) {}

  get current(): T | undefined {
    return this.state === 'connected' ? this.driver : undefined;
  }

  start(): void {
    this.stopped = false;
    void this.open();
  }

  private set(state: ConnectionState, detail: string | undefined): void {
    if (state === this.state && detail === this.detail) return;
    this.state = state;
    this.detail = detail;
    this.opts.onState(state, detail);
  }

  private async open(): Promise<void> {
    if (this.stopped) return;
    let driver: T;
    try {
      driver = await this.opts.open();
    } catch (error) {
      this.set('disconnected', (error as Error).message);
      this.retry();
      return;
    }
    if (this.stopped) {
      await driver.close().catch(() => undefined);
      return;
    }
    this.attempt = 0;
    this.driver = driver;
    this.opts.onLost(driver, (reason) => {
      if (this.driver !== driver) return;
      this.driver = undefined;
      if (this.stopped) return;
      this.set('disconnected', reason);
      this.retry();
    });
    this.set('connected', undefined);
  }

  /** The driver reported the port unusable (e.g. a write failed): drop it and reconnect. */
  lost(reason: string): void {
    const driver = this.driver;
    if (driver === undefined || this.stopped) return;
    this.driver = undefined;
    void driver.close().catch(() => undefined);
    this.set('disconnected', reason);
    this.retry();
  }

  private retry(): void {
    const delays = this.opts.backoffMs ?? [200, 400, 800, 1000];
    const delay = delays[Math.min(this.attempt, delays.length - 1)] ?? 1000;
    this.attempt++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.open(), delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const driver = this.driver;
    this.driver = undefined;
    await driver?.close().catch(() => undefined);
  }
}
