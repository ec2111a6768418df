// Workbook and environment events through the projection runner into the
// SQLite read models, then read back with Mistral's list parameters.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@sirocco/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectionRunner } from '../projection-runner.js';
import type { SqlReadModelStore } from '../sql/sql-read-model-store.js';
import { createSqliteReadModels } from './create-sqlite-read-models.js';

describe('workbook and environment read models (SQLite)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let readModels: SqlReadModelStore;
  let runner: ProjectionRunner;
  let n = 0;
  const append = (streamId: string, type: string, data: unknown) =>
    store.append(streamId, [{ eventId: `e-${++n}`, type, data }], 'any');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sirocco-rm-catalog-'));
    store = SqliteEventStore.open({ path: join(dir, 'events.db') });
    readModels = createSqliteReadModels(store.database());
    runner = new ProjectionRunner({ eventStore: store, readModels });
    await runner.start();
  });

  afterEach(async () => {
    await runner.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const workbook = (id: string, name: string, at: string) => ({
    workbookId: id,
    name,
    namespace: 'ns',
    definition: `name: ${name}`,
    tags: ['t'],
    scope: 'private',
    at,
  });

  it('creates, updates, lists and deletes workbooks', async () => {
    await append('workbook-ns/a', 'WorkbookCreated', workbook('id-a', 'a', '2026-01-01T00:00:00Z'));
    await append('workbook-ns/b', 'WorkbookCreated', workbook('id-b', 'b', '2026-01-01T00:00:00Z'));
    const last = await append('workbook-ns/a', 'WorkbookUpdated', {
      ...workbook('id-a', 'a', '2026-01-02T00:00:00Z'),
      scope: 'public',
    });
    await runner.waitForPosition(last.position);
    expect(await readModels.findWorkbookByName('ns', 'a')).toEqual({
      id: 'id-a',
      name: 'a',
      namespace: 'ns',
      definition: 'name: a',
      tags: ['t'],
      scope: 'public',
      projectId: '<default-project>',
      createdAt: '2026-01-01 00:00:00',
      updatedAt: '2026-01-02 00:00:00',
    });
    const page = await readModels.listWorkbooks({ limit: 1, sortKeys: ['name'], sortDirs: ['desc'] });
    expect(page.map((w) => w.name)).toEqual(['b']);
    const deleted = await append('workbook-ns/b', 'WorkbookDeleted', { workbookId: 'id-b', name: 'b' });
    await runner.waitForPosition(deleted.position);
    expect((await readModels.listWorkbooks({})).map((w) => w.name)).toEqual(['a']);
  });

  it('keeps environments with nullable description and variables', async () => {
    const env = {
      environmentId: 'env-1',
      name: 'dev',
      description: null,
      variables: null,
      scope: 'private',
      at: '2026-01-01T00:00:00Z',
    };
    await append('environment-dev', 'EnvironmentCreated', env);
    const last = await append('environment-dev', 'EnvironmentUpdated', {
      ...env,
      variables: { a: [1] },
      at: '2026-01-03T00:00:00Z',
    });
    await runner.waitForPosition(last.position);
    expect(await readModels.findEnvironmentByName('dev')).toMatchObject({
      description: null,
      variables: { a: [1] },
      updatedAt: '2026-01-03 00:00:00',
    });
    expect(
      await readModels.listEnvironments({ filters: [{ field: 'name', op: 'eq', value: 'nope' }] }),
    ).toEqual([]);
    await runner.rebuild();
    await runner.waitForPosition(last.position);
    expect((await readModels.listEnvironments({})).map((e) => e.name)).toEqual(['dev']);
  });
});
