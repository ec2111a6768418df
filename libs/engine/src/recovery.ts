// After a crash, work may have been recorded but never sent (the process
// died between the append and the publish). On start, re-send the work of
// every active execution; executors and the core dedupe what was sent twice.
import type { EventStore } from '@sirocco/eventstore';
import { EXECUTION_STREAM_PREFIX } from '@sirocco/workflow';
import type { ExecutionCommandHandler } from './command-handler.js';

/** Execution ids whose stream has ExecutionStarted but no ExecutionCompleted, by a scan of the log. */
export const scanActiveExecutions = async (store: EventStore): Promise<string[]> => {
  const active = new Set<string>();
  let after: number | undefined;
  for (;;) {
    const batch = await store.readAll({
      ...(after !== undefined ? { after } : {}),
      maxCount: 5_000,
      streamPrefixes: [EXECUTION_STREAM_PREFIX],
    });
    if (batch.length === 0) break;
    for (const e of batch) {
      const id = e.streamId.slice(EXECUTION_STREAM_PREFIX.length);
      if (e.type === 'ExecutionStarted') active.add(id);
      else if (e.type === 'ExecutionCompleted') active.delete(id);
    }
    after = batch[batch.length - 1]?.position;
  }
  return [...active];
};

export const resendPendingWork = async (
  executionIds: readonly string[],
  handler: ExecutionCommandHandler,
): Promise<number> => {
  let sent = 0;
  for (const id of executionIds) sent += await handler.republishPending(id);
  return sent;
};
