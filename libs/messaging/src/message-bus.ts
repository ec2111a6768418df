// The messaging port, shaped after NATS JetStream so the NATS adapter is a
// thin mapping: messages are published to subjects, kept in durable streams,
// and pulled by durable consumers that ack, nak (redeliver later) or term.
// Delivery is at-least-once: every handler must be idempotent.

export type Headers = Readonly<Record<string, string>>;

export interface PublishOptions {
  /** Dedupe id (JetStream `Nats-Msg-Id`): a second publish with the same id is dropped. Derive it from event ids. */
  readonly msgId?: string;
  readonly headers?: Headers;
}

export interface PublishAck {
  readonly stream: string;
  readonly seq: number;
  /** True when the bus already had a message with this msgId. */
  readonly duplicate: boolean;
}

export interface BusMessage<T = unknown> {
  readonly subject: string;
  readonly data: T;
  readonly headers: Headers;
  readonly msgId: string | undefined;
  readonly seq: number;
  /** When the stream stored the message (ms since the epoch). */
  readonly publishedAt: number;
  /** 1 on first delivery. */
  readonly deliveryCount: number;
  /** Done: the message will not be delivered again. Call only once its consequence is durable. */
  ack(): Promise<void>;
  /** Not done: deliver again, after `delayMs` when given. */
  nak(delayMs?: number): void;
  /** Never deliver again (poison message); the handler records why first. */
  term(reason?: string): void;
  /** Still working: extends the ack deadline. */
  working(): void;
}

export interface StreamConfig {
  readonly name: string;
  readonly subjects: readonly string[];
  /** 'workqueue': a message is removed once acked. 'limits': kept until limits. */
  readonly retention: 'workqueue' | 'limits';
  /** Window for msgId dedupe, in ms. */
  readonly duplicateWindowMs?: number;
  /** Messages older than this are dropped (JetStream `max_age`); unlimited when absent. */
  readonly maxAgeMs?: number;
}

/** A stored message read directly, not through a consumer. */
export interface StoredBusMessage<T = unknown> {
  readonly subject: string;
  readonly data: T;
  readonly seq: number;
  readonly publishedAt: number;
}

export interface ConsumerConfig {
  readonly stream: string;
  /** Durable name: consumers with the same name share the work. */
  readonly durableName: string;
  readonly filterSubject?: string;
  /** Redeliver when not acked within this time. */
  readonly ackWaitMs: number;
  /** After this many deliveries the message is handed to `onExhausted` and dropped. */
  readonly maxDeliver: number;
  /** Redelivery delays by attempt (the last one repeats). */
  readonly backoffMs?: readonly number[];
  /** Messages in flight at once for this subscriber. */
  readonly maxAckPending?: number;
}

export type MessageHandler<T = unknown> = (message: BusMessage<T>) => Promise<void>;

export interface ConsumerHandle {
  /** Stops pulling; resolves when in-flight handlers finished (or were handed back). */
  stop(): Promise<void>;
}

export interface MessageBus {
  ensureStream(config: StreamConfig): Promise<void>;
  publish(subject: string, data: unknown, options?: PublishOptions): Promise<PublishAck>;
  /**
   * The newest message a stream holds on exactly this subject, or undefined
   * (JetStream direct get `last_by_subj`). Lets a handler ask "is this already
   * done?" without a consumer.
   */
  lastBySubject<T = unknown>(stream: string, subject: string): Promise<StoredBusMessage<T> | undefined>;
  consume<T>(
    config: ConsumerConfig,
    handler: MessageHandler<T>,
    /** Called with a message that reached maxDeliver; the caller records the failure. */
    onExhausted?: (message: BusMessage<T>, lastError: unknown) => Promise<void>,
  ): Promise<ConsumerHandle>;
  close(): Promise<void>;
}
