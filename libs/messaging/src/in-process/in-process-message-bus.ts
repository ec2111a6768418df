// JetStream semantics in memory, for the single-process (standalone) mode and
// for unit tests. Nothing here is durable: in standalone mode durability comes
// from the event store, and on restart the apps re-derive outstanding work
// (pending actions, timers) from it and publish it again, deduped by msgId.
import type {
  BusMessage,
  ConsumerConfig,
  ConsumerHandle,
  MessageBus,
  MessageHandler,
  PublishAck,
  PublishOptions,
  StoredBusMessage,
  StreamConfig,
} from '../message-bus.js';
import { subjectsOverlap } from '../internal/subjects.js';
import { systemClock, type Clock } from './clock.js';
import { InProcessConsumer } from './in-process-consumer.js';
import { InProcessStream } from './in-process-stream.js';

export interface InProcessMessageBusOptions {
  /** Default: real time. Tests may pass a `ManualClock`. */
  readonly clock?: Clock;
}

export class InProcessMessageBus implements MessageBus {
  readonly #clock: Clock;
  readonly #streams = new Map<string, InProcessStream>();
  /** Keyed by `stream/durable`; survives its subscribers like a JetStream durable. */
  readonly #consumers = new Map<string, InProcessConsumer>();
  #closed = false;

  constructor(options: InProcessMessageBusOptions = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  async ensureStream(config: StreamConfig): Promise<void> {
    this.#assertOpen();
    for (const other of this.#streams.values()) {
      if (other.config.name === config.name) continue;
      const clash = config.subjects.find((s) => other.config.subjects.some((o) => subjectsOverlap(s, o)));
      if (clash)
        throw new Error(`stream '${config.name}': subject '${clash}' overlaps stream '${other.config.name}'`);
    }
    const existing = this.#streams.get(config.name);
    if (existing) {
      if (existing.config.retention !== config.retention) {
        throw new Error(`stream '${config.name}': retention cannot change (${existing.config.retention})`);
      }
      existing.config = config;
    } else {
      this.#streams.set(config.name, new InProcessStream(config));
    }
  }

  async publish(subject: string, data: unknown, options: PublishOptions = {}): Promise<PublishAck> {
    this.#assertOpen();
    if (/[*>\s]/.test(subject) || subject.length === 0)
      throw new Error(`invalid publish subject '${subject}'`);
    const stream = [...this.#streams.values()].find((s) => s.captures(subject));
    if (!stream) throw new Error(`no stream captures subject '${subject}'`);
    const ack = stream.append(subject, data, options, this.#clock.now());
    if (!ack.duplicate) {
      for (const consumer of this.#consumers.values())
        if (consumer.config.stream === stream.config.name) consumer.pump();
    }
    return ack;
  }

  async lastBySubject<T = unknown>(
    streamName: string,
    subject: string,
  ): Promise<StoredBusMessage<T> | undefined> {
    this.#assertOpen();
    const stream = this.#streams.get(streamName);
    if (!stream) throw new Error(`stream '${streamName}' not found`);
    stream.dropExpired(this.#clock.now());
    const stored = stream.lastBySubject(subject);
    return (
      stored && {
        subject: stored.subject,
        data: JSON.parse(stored.json) as T,
        seq: stored.seq,
        publishedAt: stored.publishedAt,
      }
    );
  }

  async consume<T>(
    config: ConsumerConfig,
    handler: MessageHandler<T>,
    onExhausted?: (message: BusMessage<T>, lastError: unknown) => Promise<void>,
  ): Promise<ConsumerHandle> {
    this.#assertOpen();
    const stream = this.#streams.get(config.stream);
    if (!stream) throw new Error(`stream '${config.stream}' not found`);
    if (config.maxDeliver < 1 || config.ackWaitMs <= 0)
      throw new Error('maxDeliver must be >= 1 and ackWaitMs > 0');
    const consumer = this.#consumerFor(stream, config);
    const unsubscribe = consumer.subscribe(handler, onExhausted, config.maxAckPending);
    let stopping: Promise<void> | undefined;
    return { stop: () => (stopping ??= unsubscribe()) };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#consumers.values()].map((consumer) => consumer.stopAll()));
    for (const consumer of this.#consumers.values()) consumer.dispose();
  }

  /** Messages currently stored in a stream (workqueue streams drop acked ones). For tests and metrics. */
  streamSize(name: string): number {
    return this.#streams.get(name)?.size ?? 0;
  }

  #consumerFor(stream: InProcessStream, config: ConsumerConfig): InProcessConsumer {
    const key = `${config.stream}/${config.durableName}`;
    const existing = this.#consumers.get(key);
    if (existing) {
      if (existing.config.filterSubject !== config.filterSubject) {
        throw new Error(`consumer '${config.durableName}': filter subject cannot change`);
      }
      existing.config = config;
      return existing;
    }
    if (stream.config.retention === 'workqueue') {
      // JetStream: each message of a workqueue stream belongs to one consumer.
      for (const other of this.#consumers.values()) {
        if (
          other.config.stream === config.stream &&
          subjectsOverlap(other.config.filterSubject ?? '>', config.filterSubject ?? '>')
        ) {
          throw new Error(
            `workqueue stream '${config.stream}': consumer '${config.durableName}' overlaps '${other.config.durableName}'`,
          );
        }
      }
    }
    const consumer = new InProcessConsumer(stream, config, this.#clock);
    this.#consumers.set(key, consumer);
    return consumer;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('InProcessMessageBus is closed');
  }
}
