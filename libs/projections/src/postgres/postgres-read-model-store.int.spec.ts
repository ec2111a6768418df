import { randomBytes } from 'node:crypto';
import { InMemoryEventStore } from '@sirocco/eventstore';
import pg from 'pg';
import { describeReadModelStoreContract } from '../testing/read-model-store-contract.js';
import { createPostgresReadModels } from './create-postgres-read-models.js';

// A throwaway database on the local server (trust auth), dropped afterwards.
// Set SIROCCO_PG_ADMIN_URL to use another server; the suite is skipped when
// none answers.
const adminUrl = process.env['SIROCCO_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function serverAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

if (await serverAnswers()) {
  describeReadModelStoreContract('PostgreSQL', async () => {
    const database = `sirocco_test_${randomBytes(6).toString('hex')}`;
    await admin(`CREATE DATABASE ${database}`);
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
    const store = new InMemoryEventStore();
    return {
      store,
      readModels: createPostgresReadModels(pool),
      async dispose() {
        await store.close();
        await pool.end();
        await admin(`DROP DATABASE IF EXISTS ${database}`);
      },
    };
  });
} else {
  const { it } = await import('vitest');
  it.skip('PostgreSQL read models (no server at SIROCCO_PG_ADMIN_URL)', () => undefined);
}
