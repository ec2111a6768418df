// One `consume()` call on a durable pull consumer: pulls only as many messages
// as it has free slots (maxAckPending), runs the handler on each, and maps the
// port's settle calls onto JetStream acks. Delivery limits and backoff are
// applied here, on the client (see server-version.ts for why).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { BusMessage, ConsumerConfig, Headers, MessageHandler } from '../message-bus.js';
import { backoffDelay } from '../internal/backoff.js';

export interface SubscriberOptions<T> {
  readonly consumer: Consumer;
  readonly config: ConsumerConfig;
  readonly handler: MessageHandler<T>;
  readonly onExhausted: ((message: BusMessage<T>, lastError: unknown) => Promise<void>) | undefined;
  readonly termWithReason: boolean;
}

const DEFAULT_MAX_ACK_PENDING = 1000;
/** Which subscriber's handler the current code runs in, so `stop()` from inside it cannot deadlock. */
const insideHandler = new AsyncLocalStorage<object>();
const MSG_ID_HEADER = 'Nats-Msg-Id';

export class NatsSubscriber<T> {
  readonly #options: SubscriberOptions<T>;
  readonly #limit: number;
  readonly #running = new Set<Promise<void>>();
  /** Delivered and not settled: handed back on stop. */
  readonly #unsettled = new Set<JsMsg>();
  #batch: ConsumerMessages | undefined;
  #slotFreed: (() => void) | undefined;
  #stopped = false;
  readonly #loop: Promise<void>;

  constructor(options: SubscriberOptions<T>) {
    this.#options = options;
    this.#limit = options.config.maxAckPending ?? DEFAULT_MAX_ACK_PENDING;
    this.#loop = this.#pull();
  }

  stop(): Promise<void> {
    this.#stopped = true;
    if (insideHandler.getStore() === this) {
      // Called from its own handler: finish in the background once the handlers return.
      void insideHandler.exit(() => this.#finishStop());
      return Promise.resolve();
    }
    return this.#finishStop();
  }

  async #finishStop(): Promise<void> {
    this.#slotFreed?.();
    await this.#batch?.close();
    await this.#loop;
    await Promise.all([...this.#running]);
    // Hand back what the handlers left unsettled instead of waiting for ack_wait.
    for (const message of this.#unsettled) message.nak();
    this.#unsettled.clear();
  }

  async #pull(): Promise<void> {
    while (!this.#stopped) {
      const free = this.#limit - this.#unsettled.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => (this.#slotFreed = resolve));
        this.#slotFreed = undefined;
        continue;
      }
      try {
        this.#batch = await this.#options.consumer.fetch({ max_messages: free, expires: 1_000 });
        for await (const message of this.#batch) {
          if (this.#stopped) {
            message.nak();
            continue;
          }
          this.#dispatch(message);
        }
      } catch {
        // A failed pull (server restart, consumer being recreated): retry shortly.
        if (!this.#stopped) await new Promise((resolve) => setTimeout(resolve, 500));
      } finally {
        this.#batch = undefined;
      }
    }
  }

  #dispatch(raw: JsMsg): void {
    this.#unsettled.add(raw);
    const run = this.#handle(raw);
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  async #handle(raw: JsMsg): Promise<void> {
    const { config, handler } = this.#options;
    let data: T;
    try {
      data = JSON.parse(new TextDecoder().decode(raw.data)) as T;
    } catch (error) {
      // Not ours to retry: no delivery can make it valid JSON.
      this.#unsettled.delete(raw);
      this.#slotFreed?.();
      await this.#exhaust(raw, this.#poisonMessage(raw), error);
      return;
    }
    const count = raw.info.deliveryCount;
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      this.#unsettled.delete(raw);
      this.#slotFreed?.();
      return true;
    };
    const fail = (error: unknown, delayMs: number): void => {
      if (!settle()) return;
      if (count >= config.maxDeliver) void this.#exhaust(raw, message, error);
      else raw.nak(delayMs);
    };
    const message: BusMessage<T> = {
      subject: raw.subject,
      data,
      headers: readHeaders(raw),
      msgId: raw.headers?.get(MSG_ID_HEADER) || undefined,
      seq: raw.seq,
      publishedAt: Math.floor(raw.info.timestampNanos / 1e6),
      deliveryCount: count,
      ack: async () => {
        // Like JetStream itself, an ack after a nak still acks the message.
        settle();
        await raw.ackAck();
      },
      nak: (delayMs) => fail(new Error('nak'), delayMs ?? backoffDelay(config.backoffMs, count)),
      term: (reason) => {
        if (settle()) this.#term(raw, reason);
      },
      working: () => {
        if (!settled) raw.working();
      },
    };

    if (count > config.maxDeliver) {
      // The previous delivery was the last one and timed out.
      settle();
      await this.#exhaust(raw, message, new Error(`not acknowledged within ${config.ackWaitMs} ms`));
      return;
    }
    try {
      await insideHandler.run(this, () => handler(message));
    } catch (error) {
      fail(error, backoffDelay(config.backoffMs, count));
    }
  }

  /** A message whose payload is not JSON, as far as `onExhausted` needs to see it. */
  #poisonMessage(raw: JsMsg): BusMessage<T> {
    const noop = (): void => undefined;
    return {
      subject: raw.subject,
      data: new TextDecoder().decode(raw.data) as T,
      headers: readHeaders(raw),
      msgId: raw.headers?.get(MSG_ID_HEADER) || undefined,
      seq: raw.seq,
      publishedAt: Math.floor(raw.info.timestampNanos / 1e6),
      deliveryCount: raw.info.deliveryCount,
      ack: async () => undefined,
      nak: noop,
      term: noop,
      working: noop,
    };
  }

  async #exhaust(raw: JsMsg, message: BusMessage<T>, error: unknown): Promise<void> {
    const { onExhausted, config } = this.#options;
    try {
      await onExhausted?.(message, error);
      this.#term(raw, 'max deliveries reached');
    } catch {
      // Could not record the failure: get the message back later and try again.
      raw.nak(config.ackWaitMs);
    }
  }

  #term(raw: JsMsg, reason: string | undefined): void {
    if (this.#options.termWithReason && reason) raw.term(reason);
    else raw.term();
  }
}

function readHeaders(raw: JsMsg): Headers {
  const headers: Record<string, string> = {};
  if (!raw.headers) return headers;
  for (const key of raw.headers.keys()) {
    if (key !== MSG_ID_HEADER) headers[key] = raw.headers.get(key);
  }
  return headers;
}
