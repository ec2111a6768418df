// The MessageBus on NATS JetStream (server >= 2.9, see server-version.ts).
// Streams are file-backed; consumers are durable pull consumers with explicit
// acks. Payloads are JSON; `msgId` travels as `Nats-Msg-Id`.
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, headers as natsHeaders, nanos, type NatsConnection } from '@nats-io/transport-node';
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
import { NatsSubscriber } from './nats-subscriber.js';
import { MIN_SERVER_VERSION, TERM_REASON_VERSION, versionAtLeast } from './server-version.js';

export interface NatsMessageBusOptions {
  /** e.g. `nats://127.0.0.1:4222`. */
  readonly servers: string | readonly string[];
  /** Connection name shown by the server (monitoring). */
  readonly name?: string;
}

const DEFAULT_DUPLICATE_WINDOW_MS = 120_000;

export class NatsMessageBus implements MessageBus {
  readonly #nc: NatsConnection;
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;
  readonly #termWithReason: boolean;
  readonly #subscribers = new Set<NatsSubscriber<unknown>>();
  readonly #encoder = new TextEncoder();
  #closed = false;

  private constructor(nc: NatsConnection, jsm: JetStreamManager, version: string) {
    this.#nc = nc;
    this.#jsm = jsm;
    this.#js = jetstream(nc);
    this.#termWithReason = versionAtLeast(version, TERM_REASON_VERSION);
  }

  static async connect(options: NatsMessageBusOptions): Promise<NatsMessageBus> {
    const nc = await connect({
      servers: typeof options.servers === 'string' ? options.servers : [...options.servers],
      ...(options.name === undefined ? {} : { name: options.name }),
    });
    try {
      const version = nc.info?.version ?? '0.0.0';
      if (!versionAtLeast(version, MIN_SERVER_VERSION)) {
        throw new Error(
          `nats-server ${version} is too old: Sirocco needs >= ${MIN_SERVER_VERSION} ` +
            '(the JetStream consumers API that @nats-io/jetstream v3 uses)',
        );
      }
      const jsm = await jetstreamManager(nc).catch((error: unknown) => {
        throw new Error(`JetStream is not enabled on nats-server ${version} (start it with -js)`, {
          cause: error,
        });
      });
      return new NatsMessageBus(nc, jsm, version);
    } catch (error) {
      await nc.close();
      throw error;
    }
  }

  async ensureStream(config: StreamConfig): Promise<void> {
    const wanted = {
      subjects: [...config.subjects],
      duplicate_window: nanos(config.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
      ...(config.maxAgeMs === undefined ? {} : { max_age: nanos(config.maxAgeMs) }),
    };
    const existing = await this.#jsm.streams.info(config.name).catch(notFoundAs(undefined));
    if (!existing) {
      await this.#jsm.streams.add({
        name: config.name,
        retention: config.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
        storage: StorageType.File,
        ...wanted,
      });
      return;
    }
    const retention = config.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits;
    if (existing.config.retention !== retention) {
      throw new Error(`stream '${config.name}': retention cannot change (${existing.config.retention})`);
    }
    await this.#jsm.streams.update(config.name, wanted);
  }

  async publish(subject: string, data: unknown, options: PublishOptions = {}): Promise<PublishAck> {
    const json = JSON.stringify(data);
    if (json === undefined) throw new TypeError(`publish to '${subject}': data must be JSON-serialisable`);
    let hdrs: ReturnType<typeof natsHeaders> | undefined;
    if (options.headers && Object.keys(options.headers).length > 0) {
      hdrs = natsHeaders();
      for (const [key, value] of Object.entries(options.headers)) hdrs.set(key, value);
    }
    const ack = await this.#js.publish(subject, this.#encoder.encode(json), {
      ...(options.msgId === undefined ? {} : { msgID: options.msgId }),
      ...(hdrs === undefined ? {} : { headers: hdrs }),
    });
    return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
  }

  async lastBySubject<T = unknown>(
    stream: string,
    subject: string,
  ): Promise<StoredBusMessage<T> | undefined> {
    // Not the stream's "direct get" (needs allow_direct): the API call works on every server >= 2.9.
    const message = await this.#jsm.streams
      .getMessage(stream, { last_by_subj: subject })
      .catch((error: unknown) => {
        if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.NoMessageFound)
          return null;
        throw error;
      });
    if (!message) return undefined;
    return {
      subject: message.subject,
      data: JSON.parse(new TextDecoder().decode(message.data)) as T,
      seq: message.seq,
      publishedAt: message.time.getTime(),
    };
  }

  async consume<T>(
    config: ConsumerConfig,
    handler: MessageHandler<T>,
    onExhausted?: (message: BusMessage<T>, lastError: unknown) => Promise<void>,
  ): Promise<ConsumerHandle> {
    if (this.#closed) throw new Error('NatsMessageBus is closed');
    const serverConfig = {
      ack_wait: nanos(config.ackWaitMs),
      // Delivery limits are counted by the client (server-version.ts).
      max_deliver: -1,
      max_ack_pending: Math.max(1000, config.maxAckPending ?? 0),
    };
    const existing = await this.#jsm.consumers
      .info(config.stream, config.durableName)
      .catch(notFoundAs(undefined));
    if (existing) {
      if ((existing.config.filter_subject || undefined) !== config.filterSubject) {
        throw new Error(`consumer '${config.durableName}': filter subject cannot change`);
      }
      await this.#jsm.consumers.update(config.stream, config.durableName, serverConfig);
    } else {
      await this.#jsm.consumers.add(config.stream, {
        durable_name: config.durableName,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ...(config.filterSubject === undefined ? {} : { filter_subject: config.filterSubject }),
        ...serverConfig,
      });
    }
    const consumer = await this.#js.consumers.get(config.stream, config.durableName);
    const subscriber = new NatsSubscriber<T>({
      consumer,
      config,
      handler,
      onExhausted,
      termWithReason: this.#termWithReason,
    });
    this.#subscribers.add(subscriber as NatsSubscriber<unknown>);
    let stopping: Promise<void> | undefined;
    return {
      stop: () =>
        (stopping ??= subscriber
          .stop()
          .finally(() => this.#subscribers.delete(subscriber as NatsSubscriber<unknown>))),
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscribers].map((subscriber) => subscriber.stop()));
    // Drain flushes pending acks before the connection goes away.
    await this.#nc.drain();
  }
}

function notFoundAs<T>(value: T): (error: unknown) => T {
  return (error) => {
    if (
      error instanceof JetStreamApiError &&
      (error.code === JetStreamApiCodes.StreamNotFound || error.code === JetStreamApiCodes.ConsumerNotFound)
    ) {
      return value;
    }
    throw error;
  };
}
