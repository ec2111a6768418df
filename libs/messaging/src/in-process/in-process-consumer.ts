// A durable consumer over one in-memory stream, with JetStream's delivery
// rules: explicit ack, redelivery after the ack wait, nak with a delay, term,
// a delivery limit, and at most `maxAckPending` unsettled messages per
// subscriber. Subscribers sharing the durable get each message once between
// them (round robin among those with free capacity).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { BusMessage, ConsumerConfig, MessageHandler } from '../message-bus.js';
import { backoffDelay } from '../internal/backoff.js';
import type { Clock } from './clock.js';
import type { InProcessStream } from './in-process-stream.js';
import { subjectMatches } from '../internal/subjects.js';

/** Which subscriber's handler the current code runs in, so `stop()` from inside it cannot deadlock. */
const insideHandler = new AsyncLocalStorage<object>();

/** JetStream's default max_ack_pending. */
const DEFAULT_MAX_ACK_PENDING = 1000;

type ExhaustedHandler = (message: BusMessage<unknown>, lastError: unknown) => Promise<void>;

interface Subscriber {
  readonly handler: MessageHandler<unknown>;
  readonly onExhausted: ExhaustedHandler | undefined;
  readonly maxAckPending: number;
  unsettled: number;
  stopped: boolean;
  readonly running: Set<Promise<void>>;
}

interface Delivery {
  readonly token: object;
  readonly subscriber: Subscriber;
  readonly count: number;
  cancelTimer: () => void;
}

export class InProcessConsumer {
  config: ConsumerConfig;
  readonly #stream: InProcessStream;
  readonly #clock: Clock;
  /** Last stream sequence offered for a first delivery. */
  #cursor = 0;
  /** Delivery counts of messages not finally settled. */
  readonly #counts = new Map<number, number>();
  readonly #pending = new Map<number, Delivery>();
  /** Messages waiting for redelivery, ready at `at`. */
  readonly #redeliveries = new Map<number, number>();
  readonly #subscribers: Subscriber[] = [];
  readonly #timers = new Set<() => void>();
  #nextSubscriber = 0;
  #pumping = false;

  constructor(stream: InProcessStream, config: ConsumerConfig, clock: Clock) {
    this.#stream = stream;
    this.config = config;
    this.#clock = clock;
  }

  subscribe<T>(
    handler: MessageHandler<T>,
    onExhausted: ((message: BusMessage<T>, lastError: unknown) => Promise<void>) | undefined,
    maxAckPending: number | undefined,
  ): () => Promise<void> {
    const subscriber: Subscriber = {
      handler: handler as MessageHandler<unknown>,
      onExhausted: onExhausted as ExhaustedHandler | undefined,
      maxAckPending: maxAckPending ?? DEFAULT_MAX_ACK_PENDING,
      unsettled: 0,
      stopped: false,
      running: new Set(),
    };
    this.#subscribers.push(subscriber);
    this.pump();
    return () => this.#unsubscribe(subscriber);
  }

  /** Delivers whatever can be delivered now. Called after anything that may free or add work. */
  pump(): void {
    if (this.#pumping) return; // a handler settling synchronously re-enters here
    this.#pumping = true;
    try {
      for (;;) {
        const subscriber = this.#freeSubscriber();
        if (!subscriber) return;
        const seq = this.#nextSeq();
        if (seq === undefined) return;
        this.#deliver(subscriber, seq);
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** Stops timers; used when the bus closes. */
  dispose(): void {
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
    for (const delivery of this.#pending.values()) delivery.cancelTimer();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.#subscribers].map((subscriber) => this.#unsubscribe(subscriber)));
  }

  #freeSubscriber(): Subscriber | undefined {
    const n = this.#subscribers.length;
    for (let i = 0; i < n; i++) {
      const subscriber = this.#subscribers[(this.#nextSubscriber + i) % n]!;
      if (!subscriber.stopped && subscriber.unsettled < subscriber.maxAckPending) {
        this.#nextSubscriber = (this.#nextSubscriber + i + 1) % n;
        return subscriber;
      }
    }
    return undefined;
  }

  #nextSeq(): number | undefined {
    const now = this.#clock.now();
    for (const [seq, at] of this.#redeliveries) {
      if (at <= now) {
        this.#redeliveries.delete(seq);
        return seq;
      }
    }
    while (this.#cursor < this.#stream.lastSeq) {
      const seq = ++this.#cursor;
      const message = this.#stream.get(seq);
      if (
        message &&
        (this.config.filterSubject === undefined ||
          subjectMatches(this.config.filterSubject, message.subject))
      ) {
        return seq;
      }
    }
    return undefined;
  }

  #deliver(subscriber: Subscriber, seq: number): void {
    const stored = this.#stream.get(seq);
    if (!stored) {
      this.#counts.delete(seq);
      return;
    }
    const count = (this.#counts.get(seq) ?? 0) + 1;
    this.#counts.set(seq, count);
    const token = {};
    const delivery: Delivery = { token, subscriber, count, cancelTimer: () => undefined };
    delivery.cancelTimer = this.#clock.schedule(this.config.ackWaitMs, () =>
      this.#onAckWaitExpired(seq, token),
    );
    this.#pending.set(seq, delivery);
    subscriber.unsettled++;

    const current = (): Delivery | undefined => {
      const pending = this.#pending.get(seq);
      return pending?.token === token ? pending : undefined;
    };
    const message: BusMessage<unknown> = {
      subject: stored.subject,
      data: JSON.parse(stored.json) as unknown,
      headers: { ...stored.headers },
      msgId: stored.msgId,
      seq,
      publishedAt: stored.publishedAt,
      deliveryCount: count,
      ack: async () => {
        // Like JetStream, an ack from a stale delivery still acks the message.
        if (this.#counts.has(seq)) this.#finish(seq);
      },
      nak: (delayMs) => {
        if (current())
          this.#fail(seq, message, delayMs ?? backoffDelay(this.config.backoffMs, count), new Error('nak'));
      },
      term: () => {
        if (current()) this.#finish(seq);
      },
      working: () => {
        const pending = current();
        if (!pending) return;
        pending.cancelTimer();
        pending.cancelTimer = this.#clock.schedule(this.config.ackWaitMs, () =>
          this.#onAckWaitExpired(seq, token),
        );
      },
    };

    const run = (async () => {
      try {
        await insideHandler.run(subscriber, () => subscriber.handler(message));
      } catch (error) {
        if (current()) this.#fail(seq, message, backoffDelay(this.config.backoffMs, count), error);
      }
    })();
    subscriber.running.add(run);
    void run.finally(() => subscriber.running.delete(run));
  }

  #onAckWaitExpired(seq: number, token: object): void {
    const pending = this.#pending.get(seq);
    if (pending?.token !== token) return;
    this.#fail(seq, undefined, 0, new Error(`not acknowledged within ${this.config.ackWaitMs} ms`));
  }

  /** A delivery failed: redeliver after `delayMs`, or hand over to onExhausted after the last attempt. */
  #fail(seq: number, message: BusMessage<unknown> | undefined, delayMs: number, error: unknown): void {
    const delivery = this.#release(seq);
    if (!delivery) return;
    if (delivery.count >= this.config.maxDeliver) {
      this.#exhaust(seq, delivery.subscriber, message, error);
    } else {
      this.#redeliverAfter(seq, delayMs);
    }
    this.pump();
  }

  #exhaust(
    seq: number,
    subscriber: Subscriber,
    message: BusMessage<unknown> | undefined,
    error: unknown,
  ): void {
    const onExhausted = subscriber.onExhausted;
    const stored = this.#stream.get(seq);
    if (!onExhausted || !stored) {
      this.#finish(seq);
      return;
    }
    const report: BusMessage<unknown> = message ?? {
      subject: stored.subject,
      data: JSON.parse(stored.json) as unknown,
      headers: { ...stored.headers },
      msgId: stored.msgId,
      seq,
      publishedAt: stored.publishedAt,
      deliveryCount: this.#counts.get(seq) ?? 0,
      ack: async () => undefined,
      nak: () => undefined,
      term: () => undefined,
      working: () => undefined,
    };
    void onExhausted(report, error).then(
      () => this.#finish(seq),
      // Could not record the failure: try again later rather than lose it.
      () => this.#later(this.config.ackWaitMs, () => this.#exhaust(seq, subscriber, message, error)),
    );
  }

  #redeliverAfter(seq: number, delayMs: number): void {
    this.#redeliveries.set(seq, this.#clock.now() + delayMs);
    if (delayMs <= 0) return;
    this.#later(delayMs, () => {
      // Timers may fire a little before the wall clock says so: due is due.
      if (this.#redeliveries.has(seq)) this.#redeliveries.set(seq, -Infinity);
      this.pump();
    });
  }

  #later(ms: number, fn: () => void): void {
    const cancel = this.#clock.schedule(ms, () => {
      this.#timers.delete(cancel);
      fn();
    });
    this.#timers.add(cancel);
  }

  /** Finally settled (ack, term, exhausted): never delivered again. */
  #finish(seq: number): void {
    this.#release(seq);
    this.#redeliveries.delete(seq);
    this.#counts.delete(seq);
    if (this.#stream.config.retention === 'workqueue') this.#stream.remove(seq);
    this.pump();
  }

  #release(seq: number): Delivery | undefined {
    const delivery = this.#pending.get(seq);
    if (!delivery) return undefined;
    this.#pending.delete(seq);
    delivery.cancelTimer();
    delivery.subscriber.unsettled--;
    return delivery;
  }

  async #unsubscribe(subscriber: Subscriber): Promise<void> {
    if (insideHandler.getStore() === subscriber) {
      // Called from its own handler: finish in the background once the handlers return.
      subscriber.stopped = true;
      void insideHandler.exit(() => this.#unsubscribe(subscriber));
      return;
    }
    if (this.#subscribers.includes(subscriber)) {
      subscriber.stopped = true;
      await Promise.all([...subscriber.running]);
      // Hand back what it left unsettled instead of waiting for the ack wait.
      for (const [seq, delivery] of [...this.#pending]) {
        if (delivery.subscriber === subscriber) this.#fail(seq, undefined, 0, new Error('consumer stopped'));
      }
      const index = this.#subscribers.indexOf(subscriber);
      if (index >= 0) this.#subscribers.splice(index, 1);
      this.#nextSubscriber = 0;
    }
    this.pump();
  }
}
