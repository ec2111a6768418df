// Loads and saves execution state. Keeps folded states in memory so a
// decision costs the new events only, not a re-fold of the whole history:
// on each load it reads just the events appended since the cached revision
// (by this engine or any other), so the cache is never trusted blindly.
import type { EventStore, NewEvent } from '@sirocco/eventstore';
import {
  evolve,
  executionStreamId,
  initialExecutionFold,
  type ExecutionEvent,
  type ExecutionFold,
} from '@sirocco/workflow';

export interface LoadedExecution {
  readonly fold: ExecutionFold;
  /** Revision of the last folded event; -1 when the stream is empty. */
  readonly revision: number;
}

export class ExecutionRepository {
  private readonly cache = new Map<string, LoadedExecution>();

  constructor(
    private readonly store: EventStore,
    private readonly maxCached = 10_000,
  ) {}

  async load(executionId: string): Promise<LoadedExecution> {
    const cached = this.cache.get(executionId);
    let fold = cached?.fold ?? initialExecutionFold();
    let revision = cached?.revision ?? -1;
    const events = await this.store.readStream(executionStreamId(executionId), { fromRevision: revision + 1 });
    for (const e of events) {
      fold = evolve(fold, { type: e.type, data: e.data } as ExecutionEvent);
      revision = e.revision;
    }
    const loaded = { fold, revision };
    this.remember(executionId, loaded);
    return loaded;
  }

  /** Appends with the expected revision; throws WrongExpectedRevisionError on a concurrent write. */
  async append(
    executionId: string,
    fold: ExecutionFold,
    expectedRevision: number,
    events: readonly NewEvent[],
  ): Promise<{ revision: number; position: number }> {
    const result = await this.store.append(
      executionStreamId(executionId),
      events,
      expectedRevision < 0 ? 'no_stream' : expectedRevision,
    );
    this.remember(executionId, { fold, revision: result.nextExpectedRevision });
    return { revision: result.nextExpectedRevision, position: result.position };
  }

  /** Drops a cached state that may have been folded ahead of the store (failed append or rejected command). */
  forget(executionId: string): void {
    this.cache.delete(executionId);
  }

  private remember(executionId: string, loaded: LoadedExecution): void {
    this.cache.delete(executionId);
    this.cache.set(executionId, loaded);
    if (this.cache.size > this.maxCached) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}
