// Consumes the event sources of every event trigger and starts workflows.
// One durable consumer per (exchange, topic), shared by all scheduler
// instances: JetStream gives each message to one of them, and redelivers it
// if that one dies before acking. A message is acked only after every
// execution it starts is recorded; the execution ids are derived from the
// message, so a redelivery starts nothing twice. Sources stay consumed after
// their last trigger is deleted, so their work-queue streams keep draining.
import type { ExecutionService } from '@sirocco/engine';
import { ExpressionError } from '@sirocco/expressions';
import type { BusMessage, ConsumerHandle, MessageBus } from '@sirocco/messaging';
import { isSiroccoError } from '@sirocco/workflow';
import { silentLogger, type SchedulerLogger } from '../internal/log.js';
import { eventSourceConsumer, eventSourceStream, type EventSource } from './event-source.js';
import type { EventTriggerIndex } from './event-trigger-index.js';
import {
  CREATED_BEFORE_SLACK_MS,
  notificationOf,
  startRequestFor,
  triggersFor,
} from './trigger-notification.js';

export interface EventTriggerListenerOptions {
  readonly index: EventTriggerIndex;
  readonly bus: MessageBus;
  readonly executions: Pick<ExecutionService, 'start'>;
  readonly log?: SchedulerLogger;
  /** Wait before trying a source again whose stream or consumer could not be set up; default 5 s. */
  readonly retryMs?: number;
}

export interface EventTriggerListenerStats {
  readonly sources: number;
  readonly messages: number;
  readonly executionsStarted: number;
  readonly skipped: number;
}

export class EventTriggerListener {
  readonly #o: EventTriggerListenerOptions & { log: SchedulerLogger };
  readonly #consumers = new Map<string, Promise<ConsumerHandle | undefined>>();
  readonly #retries = new Set<NodeJS.Timeout>();
  #unsubscribe: (() => void) | undefined;
  /** Wall time at which the last completed catch-up started; one in flight is shared. */
  #caughtUpAt = 0;
  #catchingUp: Promise<void> | undefined;
  #running = false;
  #stats = { messages: 0, executionsStarted: 0, skipped: 0 };

  constructor(options: EventTriggerListenerOptions) {
    this.#o = { ...options, log: options.log ?? silentLogger };
  }

  stats(): EventTriggerListenerStats {
    return { sources: this.#consumers.size, ...this.#stats };
  }

  async start(): Promise<void> {
    const { index } = this.#o;
    this.#running = true;
    this.#unsubscribe = index.subscribe(({ state, live }) => {
      if (live && state.exchange !== undefined && state.topic !== undefined)
        void this.#listen({ exchange: state.exchange, topic: state.topic }); // failures retry inside
    });
    await index.start();
    await Promise.all(index.sources().map((source) => this.#listen(source)));
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#unsubscribe?.();
    for (const t of this.#retries) clearTimeout(t);
    this.#retries.clear();
    const handles = await Promise.all(this.#consumers.values());
    this.#consumers.clear();
    await Promise.allSettled(handles.map((h) => h?.stop() ?? Promise.resolve()));
  }

  /** Starts consuming a source unless already consuming it; resolves once it is (or has failed and will retry). */
  #listen(source: EventSource): Promise<ConsumerHandle | undefined> {
    const key = `${source.exchange}.${source.topic}`;
    const existing = this.#consumers.get(key);
    if (existing || !this.#running) return existing ?? Promise.resolve(undefined);
    const started = this.#consume(source).catch((error: unknown) => {
      this.#o.log.error('cannot consume an event trigger source; retrying', {
        exchange: source.exchange,
        topic: source.topic,
        error: String(error),
      });
      this.#consumers.delete(key);
      const timer = setTimeout(() => {
        this.#retries.delete(timer);
        void this.#listen(source);
      }, this.#o.retryMs ?? 5_000);
      this.#retries.add(timer);
      return undefined;
    });
    this.#consumers.set(key, started);
    return started;
  }

  async #consume(source: EventSource): Promise<ConsumerHandle> {
    const { bus, log } = this.#o;
    const stream = eventSourceStream(source);
    await bus.ensureStream(stream);
    return bus.consume(
      eventSourceConsumer(source),
      (message) => this.#handle(source, stream.name, message),
      (message, lastError) => {
        log.error('an event could not start its triggers and was dropped', {
          subject: message.subject,
          seq: message.seq,
          deliveries: message.deliveryCount,
          error: String(lastError),
        });
        return Promise.resolve();
      },
    );
  }

  /**
   * Resolves once the index holds every trigger event written before
   * `publishedAt` (plus the clock-skew allowance). Catch-ups are shared and
   * skipped when a recent one already covers the time, so a flood of
   * unmatched messages costs about one store read per second.
   */
  async #caughtUpSince(publishedAt: number): Promise<void> {
    for (let round = 0; round < 2 && this.#caughtUpAt <= publishedAt + CREATED_BEFORE_SLACK_MS; round++) {
      this.#catchingUp ??= (async () => {
        const startedAt = Date.now();
        await this.#o.index.catchUp();
        this.#caughtUpAt = startedAt;
      })().finally(() => {
        this.#catchingUp = undefined;
      });
      await this.#catchingUp;
    }
  }

  async #handle(source: EventSource, stream: string, message: BusMessage<unknown>): Promise<void> {
    const { index, executions, log } = this.#o;
    this.#stats.messages++;
    const sourceMessage = { ...message, stream };
    const notification = notificationOf(source, sourceMessage);
    let triggers = triggersFor(source, notification, message.publishedAt, index.active());
    if (triggers.length === 0) {
      // A trigger created just before the message may not have reached this index: the log
      // follower polls other processes' writes. Look at the store itself before deciding none.
      await this.#caughtUpSince(message.publishedAt);
      triggers = triggersFor(source, notification, message.publishedAt, index.active());
    }
    for (const trigger of triggers) {
      let request;
      try {
        request = startRequestFor(trigger, notification, sourceMessage);
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        this.#stats.skipped++;
        log.error('event trigger input could not be evaluated; no execution started', {
          trigger: trigger.triggerId,
          subject: message.subject,
          seq: message.seq,
          error: error.message,
        });
        continue;
      }
      try {
        const { position } = await executions.start(request);
        if (position >= 0) this.#stats.executionsStarted++;
      } catch (error) {
        // A definite answer (workflow gone, input no longer valid): log, as Mistral does, and move on.
        // Anything else (store down) throws: the message is redelivered and retried.
        if (!isSiroccoError(error)) throw error;
        this.#stats.skipped++;
        log.error('event trigger could not start its workflow', {
          trigger: trigger.triggerId,
          executionId: request.executionId,
          subject: message.subject,
          error: error.message,
        });
      }
    }
    await message.ack();
  }
}
