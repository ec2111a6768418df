// A catch-up subscription to $all with the port's semantics: handler runs
// sequentially, a throwing handler stops delivery and goes to onError,
// `caughtUp` resolves once the events that existed at start are delivered
// (computed from the head at start, so it works on every server version),
// and close() waits for a running handler.
import { START, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { EventHandler, SubscribeToAllOptions, Subscription } from '@sirocco/eventstore';
import { fromNumber, type KurrentRecorded } from './mapping.js';
import type { KurrentDbEventStore } from './kurrentdb-event-store.js';

export const followAll = (
  store: KurrentDbEventStore,
  client: KurrentDBClient,
  options: SubscribeToAllOptions,
  handler: EventHandler,
  onError: ((error: unknown) => void) | undefined,
  onClosed: () => void,
): Subscription => {
  let closed = false;
  let resolveCaughtUp!: () => void;
  let rejectCaughtUp!: (e: unknown) => void;
  let isCaughtUp = false;
  let handling = false;
  const caughtUp = new Promise<void>((resolve, reject) => {
    resolveCaughtUp = () => {
      isCaughtUp = true;
      resolve();
    };
    rejectCaughtUp = reject;
  });
  caughtUp.catch(() => undefined);
  // fromPosition is exclusive for subscriptions; a checkpoint resumes after itself.
  const stream = client.subscribeToAll({
    fromPosition: options.after === undefined ? START : fromNumber(options.after),
    filter: store.filter(options.streamPrefixes),
  });

  const running = (async () => {
    const head = await store.headPosition(options.streamPrefixes);
    let last = options.after ?? 0;
    if (head === undefined || head <= last) resolveCaughtUp();
    for await (const resolved of stream) {
      if (closed) break;
      if (!resolved.event) continue;
      const event = store.recorded(resolved.event as KurrentRecorded);
      if (event.position <= last) continue;
      handling = true;
      try {
        await handler(event);
      } finally {
        handling = false;
      }
      last = event.position;
      if (!isCaughtUp && head !== undefined && last >= head) resolveCaughtUp();
    }
  })().catch((error: unknown) => {
    if (closed) return;
    closed = true;
    if (!isCaughtUp) rejectCaughtUp(error);
    void stream.unsubscribe().catch(() => undefined);
    if (onError) onError(error);
    else throw error;
  });

  return {
    caughtUp,
    async close() {
      if (!closed) {
        closed = true;
        resolveCaughtUp();
        await stream.unsubscribe().catch(() => undefined);
      }
      onClosed();
      // From inside the handler: delivery stops when it returns; waiting here would deadlock.
      if (!handling) await running.catch(() => undefined);
    },
  };
};
