// One LISTEN connection per store that turns NOTIFYs from appends (in any
// process) into wake-ups for subscriptions. If the connection drops, it
// reconnects with back-off; subscriptions meanwhile fall back to polling.
import pg from 'pg';
import type { Wakeup } from '../internal/wakeup.js';

export class NotificationListener {
  readonly #connectionString: string;
  readonly #channel: string;
  readonly #wakeup: Wakeup;
  #client: pg.Client | undefined;
  #starting: Promise<void> | undefined;
  #retryMs = 100;
  #retryTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(connectionString: string, channel: string, wakeup: Wakeup) {
    this.#connectionString = connectionString;
    this.#channel = channel;
    this.#wakeup = wakeup;
  }

  /** Starts listening once; later calls return the same attempt. Never rejects. */
  start(): Promise<void> {
    this.#starting ??= this.#connect();
    return this.#starting;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    await this.#starting;
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client({ connectionString: this.#connectionString });
    client.on('notification', () => this.#wakeup.notify());
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.#channel}"`);
      this.#client = client;
      this.#retryMs = 100;
      // Events committed while we were not listening: let subscribers look.
      this.#wakeup.notify();
    } catch {
      await client.end().catch(() => undefined);
      this.#scheduleRetry();
    }
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client || this.#closed) return;
    this.#client = undefined;
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#closed || this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#starting = this.#connect();
    }, this.#retryMs);
    this.#retryMs = Math.min(this.#retryMs * 2, 10_000);
  }
}
