// Which executions may have work in flight, without scanning the whole log:
// the read model lists those RUNNING or PAUSED as of its checkpoint C, and
// only the log after C (what the projector has not applied yet) is read.
// active = listed ∪ started-after-C − completed-after-C.
import type { EventStore } from '@sirocco/eventstore';
import { EXECUTION_STREAM_PREFIX } from '@sirocco/workflow';
import type pg from 'pg';

export const activeExecutionsFromReadModel = async (
  pool: pg.Pool,
  store: EventStore,
  checkpointName = 'read-models',
): Promise<string[]> => {
  // The checkpoint first: rows read afterwards are at least that fresh.
  let after = 0;
  const active = new Set<string>();
  try {
    const cp = await pool.query<{ position: string }>('SELECT position FROM rm_checkpoints WHERE name = $1', [
      checkpointName,
    ]);
    after = cp.rows[0] ? Number(cp.rows[0].position) : 0;
    const listed = await pool.query<{ id: string }>(
      "SELECT id FROM rm_executions WHERE state IN ('RUNNING', 'PAUSED')",
    );
    for (const r of listed.rows) active.add(r.id);
  } catch (e) {
    // No read models yet (the projector never ran): the whole log it is.
    if ((e as { code?: string }).code !== '42P01') throw e;
    after = 0;
    active.clear();
  }
  for (;;) {
    const batch = await store.readAll({ after, maxCount: 5_000, streamPrefixes: [EXECUTION_STREAM_PREFIX] });
    if (batch.length === 0) break;
    for (const e of batch) {
      const id = e.streamId.slice(EXECUTION_STREAM_PREFIX.length);
      if (e.type === 'ExecutionStarted') active.add(id);
      else if (e.type === 'ExecutionCompleted') active.delete(id);
    }
    after = batch[batch.length - 1]?.position ?? after;
  }
  return [...active];
};
