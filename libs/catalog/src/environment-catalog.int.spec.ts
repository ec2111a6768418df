import type { SqliteEventStore } from '@sirocco/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnvironmentCatalog } from './environment-catalog.js';
import { openTemporarySqliteStore } from './testing/sqlite-store.js';

describe('EnvironmentCatalog (SQLite event store)', () => {
  let store: SqliteEventStore;
  let dispose: () => Promise<void>;
  let environments: EnvironmentCatalog;

  beforeEach(() => {
    ({ store, dispose } = openTemporarySqliteStore());
    environments = new EnvironmentCatalog({ eventStore: store });
  });

  afterEach(async () => {
    await dispose();
  });

  it('creates, resolves by name, merges updates and deletes', async () => {
    const created = await environments.create({ name: 'dev', variables: { a: 1 } });
    expect(created.environment).toMatchObject({ name: 'dev', description: null, scope: 'private' });
    expect(await environments.resolve('dev')).toEqual({ a: 1 });
    const updated = await environments.update({ name: 'dev', description: 'd' });
    expect(updated.environment).toMatchObject({
      environmentId: created.environment.environmentId,
      description: 'd',
      variables: { a: 1 },
    });
    await environments.update({ name: 'dev', variables: { b: true } });
    expect(await environments.resolve('dev')).toEqual({ b: true });
    await environments.delete('dev');
    expect(await environments.resolve('dev')).toBeUndefined();
    await expect(environments.create({ name: 'dev' })).resolves.toBeDefined();
  });

  it("answers with Mistral's errors, writing nothing", async () => {
    await environments.create({ name: 'dev' });
    await expect(environments.create({ name: 'dev' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: "Duplicate entry for Environment ['name', 'project_id']: dev, None",
    });
    await expect(environments.update({ name: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Environment not found [name=nope]',
    });
    await expect(environments.delete('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(environments.create({ name: undefined })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Name of the environment is not provided.',
    });
    await expect(environments.create({ name: 'x', scope: 'shared' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect((await store.readAll()).length).toBe(1);
  });
});
