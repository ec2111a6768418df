// Only one projector may apply events (applying is not idempotent), so the
// instances elect one with a PostgreSQL session advisory lock: the holder
// projects, the others wait on the lock as hot standbys. A holder that dies
// loses its connection, hence its lock, and a standby takes over from the
// stored checkpoint.
import type pg from 'pg';

// Any fixed number shared by all projectors of one database.
const LOCK_KEY = 7230117;

export interface ProjectorLock {
  release(): Promise<void>;
}

/** Waits for the lock (until `signal` aborts); undefined when aborted. */
export const acquireProjectorLock = async (
  pool: pg.Pool,
  signal: AbortSignal,
): Promise<ProjectorLock | undefined> => {
  const client = await pool.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
        LOCK_KEY,
      ]);
      if (rows[0]?.ok) break;
      if (signal.aborted) {
        client.release();
        return undefined;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (e) {
    client.release(e as Error);
    throw e;
  }
  return {
    async release() {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
      client.release();
    },
  };
};

/** For `rebuild`: the lock now, or undefined when a running projector holds it. */
export const tryProjectorLock = async (pool: pg.Pool): Promise<ProjectorLock | undefined> => {
  const aborted = new AbortController();
  aborted.abort();
  return acquireProjectorLock(pool, aborted.signal);
};
