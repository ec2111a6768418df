// The subscription loop shared by all adapters: read a bounded batch after the
// checkpoint, hand each event to the handler one at a time, and when the log
// is exhausted wait for a commit notification (or a poll timeout) instead of
// spinning. Only one batch is held in memory at a time.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventHandler, RecordedEvent, Subscription, SubscribeToAllOptions } from '../event-store.js';
import type { Wakeup } from './wakeup.js';

/** Which subscription's handler the current code runs in, so `close()` from inside it cannot deadlock. */
const insideHandler = new AsyncLocalStorage<Subscription>();

const READ_RETRY_DELAYS_MS = [100, 200, 400, 800, 1_600];

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

export interface Batch {
  readonly events: readonly RecordedEvent[];
  /**
   * Every matching event up to this position is in `events` (or was before).
   * Lets a filtered subscription skip past non-matching events for good.
   */
  readonly scannedTo: number;
}

export type ReadBatch = (
  after: number,
  limit: number,
  streamPrefixes: readonly string[] | undefined,
) => Promise<Batch>;

export interface PollPolicy {
  /** First wait when idle; doubled on every idle round up to `maxMs`. */
  readonly minMs: number;
  readonly maxMs: number;
}

export interface CatchUpDeps {
  readonly readBatch: ReadBatch;
  readonly wakeup: Wakeup;
  readonly batchSize: number;
  /** Undefined: rely on `wakeup` alone (every writer is in this process). */
  readonly poll?: PollPolicy | undefined;
}

export function startCatchUpSubscription(
  deps: CatchUpDeps,
  options: SubscribeToAllOptions,
  handler: EventHandler,
  onError: ((error: unknown) => void) | undefined,
  onStopped: (subscription: Subscription) => void,
): Subscription {
  const abort = new AbortController();
  let markCaughtUp!: () => void;
  let failCaughtUp!: (error: unknown) => void;
  const caughtUp = new Promise<void>((resolve, reject) => {
    markCaughtUp = resolve;
    failCaughtUp = reject;
  });
  // A caller that never awaits `caughtUp` must not get an unhandled rejection.
  caughtUp.catch(() => undefined);

  const run = async (): Promise<void> => {
    let after = options.after ?? 0;
    let idleWaitMs = deps.poll?.minMs;
    while (!abort.signal.aborted) {
      const seen = deps.wakeup.generation;
      const batch = await readWithRetries(() =>
        deps.readBatch(after, deps.batchSize, options.streamPrefixes),
      );
      if (batch === undefined) return; // closed while retrying
      for (const event of batch.events) {
        if (abort.signal.aborted) return;
        await insideHandler.run(subscription, () => handler(event));
        after = event.position;
      }
      if (batch.events.length < deps.batchSize) {
        after = Math.max(after, batch.scannedTo);
        markCaughtUp();
        if (batch.events.length > 0) {
          idleWaitMs = deps.poll?.minMs;
          continue;
        }
        await deps.wakeup.wait(seen, abort.signal, idleWaitMs);
        if (deps.poll !== undefined && idleWaitMs !== undefined)
          idleWaitMs = Math.min(idleWaitMs * 2, deps.poll.maxMs);
      }
    }
  };

  /** A read that fails (a dropped connection) is retried a few times before the subscription gives up. */
  const readWithRetries = async (read: () => Promise<Batch>): Promise<Batch | undefined> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await read();
      } catch (error) {
        if (attempt >= READ_RETRY_DELAYS_MS.length) throw error;
        await sleep(READ_RETRY_DELAYS_MS[attempt]!, abort.signal);
        if (abort.signal.aborted) return undefined;
      }
    }
  };

  const subscription: Subscription = {
    caughtUp,
    close: async () => {
      abort.abort();
      // From inside its own handler: the loop stops once the handler returns.
      if (insideHandler.getStore() === subscription) return;
      await running;
    },
  };

  const running = run()
    .then(markCaughtUp, (error: unknown) => {
      failCaughtUp(error);
      if (onError) onError(error);
      // Without an error callback, fail loudly like an unhandled rejection.
      else void Promise.reject(error instanceof Error ? error : new Error(String(error)));
    })
    .finally(() => onStopped(subscription));
  return subscription;
}
