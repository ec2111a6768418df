// Pulls action work items for one queue, runs them, reports the outcome to
// the engine, and only then acks the work item. A crash before the report
// means a redelivery (the action runs again, visibly: deliveryCount > 1); a
// crash after it is harmless because the report's msgId dedupes it.
import { CancelledFailure, invokeAction, type ActionRegistry } from '@sirocco/actions';
import {
  DEFAULT_ACTION_QUEUE,
  STREAMS,
  SUBJECTS,
  type ActionWorkItem,
  type BusMessage,
  type ConsumerHandle,
  type MessageBus,
} from '@sirocco/messaging';
import { startHeartbeat } from './heartbeat.js';
import { consoleLogger, type ExecutorLogger } from './logger.js';
import { publishResult, resultMessage } from './report.js';
import { parseWorkItem } from './work-item.js';

export interface ExecutorOptions {
  readonly bus: MessageBus;
  readonly registry: ActionRegistry;
  /** Task `target`; the executor serves `sirocco.actions.<queue>`. */
  readonly queue?: string;
  /** Actions run at once (the consumer's max ack pending). Default 10. */
  readonly concurrency?: number;
  readonly logger?: ExecutorLogger;
  /** Redeliver a work item not acked (nor heartbeated) within this time. Default 30 s. */
  readonly ackWaitMs?: number;
  /** Default: a third of ackWaitMs. */
  readonly heartbeatMs?: number;
  /** Deliveries of one work item before it is failed for good. Default 5. */
  readonly maxDeliver?: number;
  readonly backoffMs?: readonly number[];
  /** On stop, how long running actions may finish before they are aborted and handed back. Default 10 s. */
  readonly shutdownGraceMs?: number;
  /** Publish attempts for one result before the work item is handed back. Default 3. */
  readonly publishAttempts?: number;
  readonly publishRetryDelayMs?: number;
}

export class Executor {
  readonly queue: string;
  readonly #options: ExecutorOptions;
  readonly #log: ExecutorLogger;
  readonly #inFlight = new Set<AbortController>();
  #handle: ConsumerHandle | undefined;
  #stopping: Promise<void> | undefined;

  constructor(options: ExecutorOptions) {
    this.queue = options.queue ?? DEFAULT_ACTION_QUEUE;
    if (!/^[A-Za-z0-9_-]+$/.test(this.queue)) {
      throw new Error(`Invalid executor queue '${this.queue}': use letters, digits, '-' and '_'`);
    }
    this.#options = options;
    this.#log = options.logger ?? consoleLogger;
  }

  /** Actions running right now. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  async start(): Promise<void> {
    if (this.#handle || this.#stopping) throw new Error('Executor already started');
    const { bus } = this.#options;
    await bus.ensureStream(STREAMS.actions);
    await bus.ensureStream(STREAMS.engine);
    await bus.ensureStream(STREAMS.actionsDone);
    const ackWaitMs = this.#options.ackWaitMs ?? 30_000;
    this.#handle = await bus.consume<unknown>(
      {
        stream: STREAMS.actions.name,
        durableName: `executor-${this.queue}`,
        filterSubject: SUBJECTS.action(this.queue),
        ackWaitMs,
        maxDeliver: this.#options.maxDeliver ?? 5,
        backoffMs: this.#options.backoffMs ?? [1_000, 5_000, 30_000],
        maxAckPending: this.#options.concurrency ?? 10,
      },
      (message) => this.#onMessage(message),
      (message, lastError) => this.#onExhausted(message, lastError),
    );
    this.#log.info('Executor started', { queue: this.queue });
  }

  /**
   * Stops pulling work. Running actions get `shutdownGraceMs` to finish and
   * report; after that they are aborted and their work items handed back.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    const handle = this.#handle;
    if (!handle) return;
    const grace = setTimeout(() => {
      for (const controller of this.#inFlight) controller.abort(new CancelledFailure('Executor stopping'));
    }, this.#options.shutdownGraceMs ?? 10_000);
    try {
      await handle.stop();
    } finally {
      clearTimeout(grace);
      this.#log.info('Executor stopped', { queue: this.queue });
    }
  }

  async #onMessage(message: BusMessage<unknown>): Promise<void> {
    // Hand back at once: another executor can take it now.
    if (this.#stopping) return message.nak(0);
    const parsed = parseWorkItem(message.data);
    if (!parsed.ok) {
      this.#log.error('Malformed action work item', { reason: parsed.reason, seq: message.seq });
      if (!parsed.ids) return message.term(parsed.reason);
      await this.#report(resultMessage(parsed.ids, 'ERROR', `Invalid action work item: ${parsed.reason}`));
      return message.ack();
    }
    await this.#run(parsed.item, message);
  }

  async #run(item: ActionWorkItem, message: BusMessage<unknown>): Promise<void> {
    const fields = {
      actionName: item.actionName,
      actionExecutionId: item.actionExecutionId,
      executionId: item.executionId,
    };
    if (message.deliveryCount > 1) {
      if (await this.#resultRecorded(item)) {
        // The executor before us reported it and died before acking: the engine has the result.
        this.#log.info('Action work item redelivered after its result was recorded: not run again', {
          ...fields,
          delivery: message.deliveryCount,
        });
        return message.ack();
      }
      this.#log.warn('Action work item redelivered: running the action again', {
        ...fields,
        delivery: message.deliveryCount,
      });
    }
    const controller = new AbortController();
    this.#inFlight.add(controller);
    const ackWaitMs = this.#options.ackWaitMs ?? 30_000;
    const stopHeartbeat = startHeartbeat(
      message,
      this.#options.heartbeatMs ?? Math.max(1, Math.floor(ackWaitMs / 3)),
    );
    try {
      const invocation = await invokeAction(this.#options.registry, {
        actionName: item.actionName,
        input: item.input ?? {},
        executionId: item.executionId,
        taskExecutionId: item.taskExecutionId,
        actionExecutionId: item.actionExecutionId,
        ...(item.timeoutSeconds !== undefined &&
          item.timeoutSeconds !== null && { timeoutSeconds: item.timeoutSeconds }),
        signal: controller.signal,
      });
      if (invocation.state === 'CANCELLED') {
        this.#log.info('Action aborted by shutdown; work item handed back', fields);
        return message.nak(0);
      }
      if (invocation.state === 'ERROR')
        this.#log.info('Action failed', { ...fields, error: invocation.output });
      // An async action that started fine reports later, through the API.
      if (!(invocation.async && invocation.state === 'SUCCESS')) {
        await this.#report(resultMessage(item, invocation.state, invocation.output, message.deliveryCount));
      }
      await message.ack();
    } catch (e) {
      // Only reporting or acking can fail here; hand the item back so the outcome is not lost.
      this.#log.error('Could not report action result or ack its work item; handed back', {
        ...fields,
        error: String(e),
      });
      message.nak();
    } finally {
      stopHeartbeat();
      this.#inFlight.delete(controller);
    }
  }

  /** Whether the engine marked this action's result as recorded (STREAMS.actionsDone); false when unsure. */
  async #resultRecorded(item: ActionWorkItem): Promise<boolean> {
    try {
      const marker = await this.#options.bus.lastBySubject(
        STREAMS.actionsDone.name,
        SUBJECTS.actionDone(item.actionExecutionId),
      );
      return marker !== undefined;
    } catch (error) {
      this.#log.warn('Could not look up whether a redelivered action is done; running it', {
        actionExecutionId: item.actionExecutionId,
        error: String(error),
      });
      return false;
    }
  }

  /** A work item that kept failing to complete: fail the action so the workflow does not hang. */
  async #onExhausted(message: BusMessage<unknown>, lastError: unknown): Promise<void> {
    const parsed = parseWorkItem(message.data);
    const ids = parsed.ok ? parsed.item : parsed.ids;
    const reason = lastError instanceof Error ? lastError.message : String(lastError);
    this.#log.error('Action work item exhausted its deliveries', {
      seq: message.seq,
      deliveries: message.deliveryCount,
      reason,
    });
    if (!ids) return;
    await this.#report(
      resultMessage(
        ids,
        'ERROR',
        `Action was not completed after ${message.deliveryCount} deliveries (last error: ${reason})`,
      ),
    );
  }

  #report(result: ReturnType<typeof resultMessage>): Promise<void> {
    return publishResult(
      this.#options.bus,
      result,
      this.#options.publishAttempts ?? 3,
      this.#options.publishRetryDelayMs ?? 200,
    );
  }
}
