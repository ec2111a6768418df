// A throwaway PostgreSQL database for integration tests: created on the local
// server (or the one in SIROCCO_TEST_PG_URL) and dropped afterwards. Tests that
// need it fail when no server is reachable, unless SIROCCO_SKIP_PG=1.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestPostgresDatabase {
  readonly name: string;
  readonly connectionString: string;
  /** Drops the database, disconnecting whoever is still connected. */
  drop(): Promise<void>;
}

/** True when SIROCCO_SKIP_PG=1: use with `describe.skipIf(postgresSkipped())`. */
export function postgresSkipped(): boolean {
  return process.env['SIROCCO_SKIP_PG'] === '1';
}

export async function createTestDatabase(): Promise<TestPostgresDatabase> {
  const adminUrl = process.env['SIROCCO_TEST_PG_URL'] ?? DEFAULT_ADMIN_URL;
  const name = `sirocco_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    connectionString: url.toString(),
    drop: () =>
      withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/**
 * Loads `pg` lazily so a broken load fails the PostgreSQL tests with a hint
 * instead of failing every file that imports the testing entry.
 */
export async function loadPg(): Promise<typeof pg> {
  try {
    return (await import('pg')).default;
  } catch (error) {
    throw new Error(
      `Cannot load 'pg' (${(error as Error).message}). Under vitest this happens when the workers get ` +
        "'--conditions import' (from ssr.resolve.conditions): pg's require('pg-pool') then gets the ESM build. " +
        "Keep 'import' and 'default' out of ssr.resolve.conditions in vitest.config.ts.",
      { cause: error },
    );
  }
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const { Client } = await loadPg();
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(
      `PostgreSQL is not reachable at ${redact(adminUrl)} (${(error as Error).message}). ` +
        'Start a server there (user postgres, trust auth), point SIROCCO_TEST_PG_URL at one, ' +
        'or set SIROCCO_SKIP_PG=1 to skip the PostgreSQL tests.',
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function redact(connectionString: string): string {
  const url = new URL(connectionString);
  if (url.password) url.password = '***';
  return url.toString();
}
