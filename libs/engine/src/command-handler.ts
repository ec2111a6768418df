// The command loop (after Emmett's handleCommand): load the state, decide,
// append with the expected revision, and on a concurrent write start over
// from the fresh state. Then publish what the new events call for.
import { WrongExpectedRevisionError, type NewEvent } from '@sirocco/eventstore';
import type { MessageBus } from '@sirocco/messaging';
import { decide, type DecideContext, type ExecutionCommand, type ExecutionEvent } from '@sirocco/workflow';
import type { ExecutionRepository } from './execution-repository.js';
import { doneMarkersOf, effectsOf, pendingEffects, publishAll } from './effects.js';
import { KeyedMutex } from './keyed-mutex.js';
import type { ActionResolver, Clock, IdGenerator } from './ports.js';

export interface HandleResult {
  readonly events: readonly ExecutionEvent[];
  /** Global position of the last event appended; undefined when nothing was appended. */
  readonly position: number | undefined;
}

export interface CommandHandlerOptions {
  readonly repository: ExecutionRepository;
  readonly bus: MessageBus;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly resolveAction: ActionResolver;
  /** Attempts on concurrent-write conflicts before giving up. */
  readonly maxAttempts?: number;
  /**
   * Mark recorded action results on STREAMS.actionsDone (default true), so
   * executors skip redeliveries of finished work. The standalone server turns
   * it off: its executor shares the process, and an in-memory stream would
   * hold a day of markers in memory.
   */
  readonly markDoneActions?: boolean;
}

export class ExecutionCommandHandler {
  private readonly mutex = new KeyedMutex();

  constructor(private readonly options: CommandHandlerOptions) {}

  /**
   * Publishes what the execution still owes others: work a crash may have
   * left unsent, its children's starts, its result to its parent. Returns
   * how many messages were sent. Runs under the execution's lock like every
   * command: loading folds new events into the cached state in place, which
   * must never interleave with a decision on that same state.
   */
  republishPending(executionId: string): Promise<number> {
    return this.mutex.run(executionId, async () => {
      const messages = pendingEffects((await this.options.repository.load(executionId)).fold);
      await publishAll(this.options.bus, messages);
      return messages.length;
    });
  }

  /**
   * Decides and appends one command. Commands for the same execution are
   * serialised within this process; across processes the expected revision
   * catches concurrent writers and the loop decides again on fresh state.
   */
  handle(
    executionId: string,
    command: ExecutionCommand,
    metadata: { correlationId?: string; causationId?: string } = {},
  ): Promise<HandleResult> {
    return this.mutex.run(executionId, () => this.handleNow(executionId, command, metadata));
  }

  private async handleNow(
    executionId: string,
    command: ExecutionCommand,
    metadata: { correlationId?: string; causationId?: string },
  ): Promise<HandleResult> {
    const { repository, bus, clock, newId, resolveAction } = this.options;
    const maxAttempts = this.options.maxAttempts ?? 50;
    for (let attempt = 1; ; attempt++) {
      const { fold, revision } = await repository.load(executionId);
      const ctx: DecideContext = { now: clock.now().toISOString(), newId, resolveAction };
      let events: ExecutionEvent[];
      try {
        events = decide(fold, command, ctx);
      } catch (e) {
        repository.forget(executionId);
        throw e;
      }
      if (events.length === 0) return { events, position: undefined };
      const toAppend: NewEvent[] = events.map((e) => ({
        eventId: newId(),
        type: e.type,
        data: e.data,
        metadata: {
          correlationId: metadata.correlationId ?? executionId,
          ...(metadata.causationId ? { causationId: metadata.causationId } : {}),
        },
      }));
      try {
        const { position } = await repository.append(executionId, fold, revision, toAppend);
        await publishAll(bus, effectsOf(executionId, fold, events));
        // Not awaited: a marker only spares a rare redelivery a second run (see doneMarkersOf).
        if (this.options.markDoneActions !== false)
          void publishAll(bus, doneMarkersOf(fold, events)).catch(() => undefined);
        return { events, position };
      } catch (e) {
        repository.forget(executionId);
        if (e instanceof WrongExpectedRevisionError && attempt < maxAttempts) {
          // Another engine wrote first: back off a little (growing, jittered) so both make progress.
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(attempt, 10) * 5));
          continue;
        }
        throw e;
      }
    }
  }
}
