// Schema of the PostgreSQL store, versioned like the SQLite one. Everything
// lives in one PostgreSQL schema, so several stores (or test runs) can share a
// database.
import type pg from 'pg';

export function tables(schema: string) {
  const q = `"${schema}"`;
  return {
    schema: q,
    events: `${q}.events`,
    checkpoints: `${q}.checkpoints`,
    schemaVersion: `${q}.schema_version`,
    appendEvents: `${q}.append_events`,
  };
}

const migrations = (t: ReturnType<typeof tables>): readonly { version: number; sql: string }[] => [
  {
    version: 1,
    sql: `
      CREATE TABLE ${t.events} (
        position    bigserial   PRIMARY KEY,
        event_id    text        NOT NULL UNIQUE,
        stream_id   text        NOT NULL,
        revision    bigint      NOT NULL,
        type        text        NOT NULL,
        -- json, not jsonb: jsonb reorders keys and rejects NUL escapes.
        data        json        NOT NULL,
        metadata    json        NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_id, revision)
      );
      CREATE TABLE ${t.checkpoints} (
        name       text        PRIMARY KEY,
        position   bigint      NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- The whole append in one round trip, so the store-wide append lock is
      -- held as briefly as possible. In READ COMMITTED each statement of a
      -- volatile function takes a fresh snapshot: the revision read after the
      -- lock sees every append that committed before it.
      CREATE FUNCTION ${t.appendEvents}(
        p_lock bigint, p_channel text, p_stream_id text, p_expected text,
        p_event_ids text[], p_types text[], p_data text[], p_metadata text[]
      ) RETURNS TABLE (next_revision bigint, last_position bigint)
      LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        v_current bigint;
        v_revision bigint;
        v_position bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock(p_lock);
        SELECT max(e.revision) INTO v_current FROM ${t.events} e WHERE e.stream_id = p_stream_id;
        IF NOT (p_expected = 'any'
                OR (p_expected = 'no_stream' AND v_current IS NULL)
                OR (p_expected = 'stream_exists' AND v_current IS NOT NULL)
                OR (p_expected ~ '^[0-9]+$' AND v_current IS NOT NULL AND v_current = p_expected::bigint)) THEN
          RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'SR001', DETAIL = coalesce(v_current::text, '');
        END IF;
        WITH inserted AS (
          INSERT INTO ${t.events} (event_id, stream_id, revision, type, data, metadata)
          SELECT n.event_id, p_stream_id, coalesce(v_current, -1) + n.ord, n.type, n.data::json, n.metadata::json
          FROM unnest(p_event_ids, p_types, p_data, p_metadata)
            WITH ORDINALITY AS n(event_id, type, data, metadata, ord)
          ORDER BY n.ord
          RETURNING position, revision
        )
        SELECT max(i.revision), max(i.position) INTO v_revision, v_position FROM inserted i;
        PERFORM pg_notify(p_channel, '');
        RETURN QUERY SELECT v_revision, v_position;
      END
      $fn$;
    `,
  },
];

export async function migrate(client: pg.ClientBase, schema: string, lockKey: number): Promise<void> {
  const t = tables(schema);
  const all = migrations(t);
  const latest = all[all.length - 1]!.version;
  await client.query('BEGIN');
  try {
    // Several processes may start at once: one migrates, the others wait.
    await client.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${t.schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${t.schemaVersion} (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${t.schemaVersion}`,
    );
    const current = rows[0]?.version ?? 0;
    if (current > latest)
      throw new Error(`Event store schema version ${current} is newer than this build supports (${latest})`);
    for (const migration of all) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${t.schemaVersion} (version) VALUES ($1)`, [migration.version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
