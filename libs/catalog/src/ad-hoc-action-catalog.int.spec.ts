import * as dsl from '@sirocco/dsl';
import type { SqliteEventStore } from '@sirocco/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdHocActionCatalog } from './ad-hoc-action-catalog.js';
import { AdHocActionRegistry } from './ad-hoc-action-registry.js';
import { openTemporarySqliteStore } from './testing/sqlite-store.js';

const TWO = `version: '2.0'
padded:
  description: pads
  tags: [t]
  base: std.echo
  base-input:
    output: <% $.prefix + $.word %>
  input:
    - word
    - prefix: ">> "
plain:
  base: std.noop
`;
const PADDED_V2 = `version: '2.0'\npadded:\n  base: std.echo output=2\n`;

describe('AdHocActionCatalog + AdHocActionRegistry (SQLite event store)', () => {
  let store: SqliteEventStore;
  let dispose: () => Promise<void>;
  let registry: AdHocActionRegistry;
  let catalog: AdHocActionCatalog;

  beforeEach(async () => {
    ({ store, dispose } = openTemporarySqliteStore());
    registry = new AdHocActionRegistry({ eventStore: store });
    await registry.start();
    catalog = new AdHocActionCatalog({
      eventStore: store,
      parser: dsl,
      idIndex: registry,
      isSystemAction: (name) => name.startsWith('std.'),
    });
  });

  afterEach(async () => {
    await registry.stop();
    await dispose();
  });

  it('creates each action in its own stream, keeping the whole document as definition', async () => {
    const saved = await catalog.create(TWO, { namespace: 'ns1' });
    expect(saved.actions.map((a) => a.name)).toEqual(['padded', 'plain']);
    expect(saved.actions.every((a) => a.definition === TWO)).toBe(true);
    expect(await store.streamRevision('action-ns1/padded')).toBe(0);
    await registry.waitForPosition(saved.position);
    expect(registry.get('padded', 'ns1')).toMatchObject({
      base: 'std.echo',
      baseInput: { output: '<% $.prefix + $.word %>' },
      input: [
        { name: 'word', hasDefault: false },
        { name: 'prefix', hasDefault: true, default: '>> ' },
      ],
    });
    expect(registry.find('padded', 'ns1')).toMatchObject({ scope: 'private', updatedAt: null });
  });

  it('resolves in the namespace first, then in the default one', async () => {
    await registry.waitForPosition((await catalog.create(TWO)).position);
    await registry.waitForPosition((await catalog.create(PADDED_V2, { namespace: 'ns1' })).position);
    expect(registry.get('padded', 'ns1')?.baseInput).toEqual({ output: 2 });
    expect(registry.get('plain', 'ns1')?.base).toBe('std.noop');
    expect(registry.get('padded', 'other')?.base).toBe('std.echo');
    expect(registry.get('nope', 'ns1')).toBeUndefined();
    expect(registry.find('plain', 'ns1')).toBeUndefined();
  });

  it('rejects a duplicate with CONFLICT and writes none of the document', async () => {
    await catalog.create(`version: '2.0'\nplain:\n  base: std.noop\n`);
    await expect(catalog.create(TWO)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: "Duplicate entry for Action ['name', 'namespace', 'project_id']: plain, , None",
    });
    expect(await store.streamRevision('action-/padded')).toBeUndefined();
  });

  it('rejects invalid DSL with line and column, and system action names', async () => {
    await expect(catalog.create(`version: '2.0'\nbaseless:\n  input: [x]\n`)).rejects.toMatchObject({
      code: 'DSL_INVALID',
      message: expect.stringMatching(/^Invalid DSL: line 2, column 1: .*base/),
    });
    await expect(catalog.create(`version: '2.0'\nstd.echo:\n  base: std.noop\n`)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Attempt to modify a system action: std.echo',
    });
    expect(await store.readAll()).toEqual([]);
  });

  it('updates existing actions (by name or id), keeping the id; unknown ones are NOT_FOUND', async () => {
    const created = await catalog.create(TWO);
    await registry.waitForPosition(created.position);
    const id = created.actions[0]!.actionId;
    const updated = await catalog.update(PADDED_V2, { scope: 'public' });
    expect(updated.actions[0]).toMatchObject({ actionId: id, scope: 'public', definition: PADDED_V2 });
    await registry.waitForPosition(updated.position);
    expect(registry.find('padded')).toMatchObject({ actionId: id, updatedAt: expect.any(String) });
    await expect(catalog.update(PADDED_V2, { identifier: id })).resolves.toBeDefined();
    await expect(catalog.update(PADDED_V2, { namespace: 'ns9' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Action definition not found [action_name=padded, namespace=ns9]',
    });
    await expect(catalog.update(TWO, { identifier: 'padded' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(catalog.update(PADDED_V2, { identifier: 'plain' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^Renaming an action is not supported/),
    });
  });

  it('deletes by name or id; the name can be used again', async () => {
    const created = await catalog.create(TWO, { namespace: 'ns1' });
    await registry.waitForPosition(created.position);
    const deleted = await catalog.delete(created.actions[1]!.actionId, 'whatever');
    await registry.waitForPosition(deleted.position);
    expect(registry.find('plain', 'ns1')).toBeUndefined();
    await catalog.delete('padded', 'ns1');
    await expect(catalog.delete('padded', 'ns1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(catalog.delete('std.echo')).rejects.toMatchObject({
      message: 'Action definition not found [action_name=std.echo, namespace=]',
    });
    const again = await catalog.create(TWO, { namespace: 'ns1' });
    expect(again.actions[0]!.actionId).not.toBe(created.actions[0]!.actionId);
  });

  it('a registry started later loads what exists', async () => {
    await catalog.create(TWO, { namespace: 'ns1' });
    await catalog.delete('plain', 'ns1');
    const late = new AdHocActionRegistry({ eventStore: store });
    await late.start();
    expect(late.list().map((r) => r.name)).toEqual(['padded']);
    await late.stop();
  });
});
