import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@sirocco/eventstore';
import type { WorkflowDefinitionSavedData } from '@sirocco/workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { standInParser } from './testing/stand-in-parser.js';
import type { WorkflowIdIndex } from './workflow-id-index.js';
import { WorkflowCatalog } from './workflow-catalog.js';

// The real index is the workflows read model (tested through the REST API);
// here a scan of the definition events stands in for it.
const scanningIdIndex = (store: EventStore): WorkflowIdIndex => ({
  async findById(workflowId) {
    const events = await store.readAll({ streamPrefixes: ['workflow-'] });
    const hit = events
      .reverse()
      .find((e) => (e.data as WorkflowDefinitionSavedData).workflowId === workflowId);
    return (
      hit && {
        namespace: (hit.data as WorkflowDefinitionSavedData).namespace,
        name: (hit.data as WorkflowDefinitionSavedData).name,
      }
    );
  },
});

const TWO_WORKFLOWS = `version: '2.0'
wf_a:
  input:
    - name
  tasks:
    t1:
      action: std.noop
wf_b:
  tasks:
    t1:
      action: std.noop
`;
const ONE_WORKFLOW = `version: '2.0'\nwf_a:\n  tasks:\n    t2:\n      action: std.echo output=1\n`;

describe('WorkflowCatalog (SQLite event store)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let catalog: WorkflowCatalog;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sirocco-catalog-'));
    store = SqliteEventStore.open({ path: join(dir, 'events.db') });
    catalog = new WorkflowCatalog({
      eventStore: store,
      parser: standInParser,
      idIndex: scanningIdIndex(store),
    });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates every workflow of a document, each in its own stream', async () => {
    const saved = await catalog.create(TWO_WORKFLOWS, { namespace: 'ns1' });
    expect(saved.workflows.map((w) => w.name)).toEqual(['wf_a', 'wf_b']);
    expect(await store.streamRevision('workflow-ns1/wf_a')).toBe(0);
    expect(await store.streamRevision('workflow-ns1/wf_b')).toBe(0);
    // A multi-workflow document is cut per workflow; a single one is kept verbatim.
    expect(saved.workflows[1]!.definition).toContain('wf_b');
    expect(saved.workflows[1]!.definition).not.toContain('wf_a');
  });

  it('rejects a duplicate with CONFLICT and writes none of the document', async () => {
    await catalog.create(`version: '2.0'\nwf_b:\n  tasks:\n    t:\n      action: std.noop\n`, {
      namespace: 'ns1',
    });
    await expect(catalog.create(TWO_WORKFLOWS, { namespace: 'ns1' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await store.streamRevision('workflow-ns1/wf_a')).toBeUndefined();
    // Another namespace is another name space.
    await expect(catalog.create(TWO_WORKFLOWS, { namespace: 'ns2' })).resolves.toBeDefined();
  });

  it('rejects invalid DSL with DSL_INVALID and a line and column', async () => {
    await expect(catalog.create("version: '2.0'\nwf: [unclosed\n")).rejects.toMatchObject({
      code: 'DSL_INVALID',
      message: expect.stringMatching(/line \d+, column \d+/),
    });
  });

  it('updates an existing workflow keeping its id, and refuses unknown ones', async () => {
    const [created] = (await catalog.create(TWO_WORKFLOWS)).workflows;
    const updated = await catalog.update(ONE_WORKFLOW);
    expect(updated.workflows[0]!.workflowId).toBe(created!.workflowId);
    expect(updated.workflows[0]!.definition).toBe(ONE_WORKFLOW);
    const got = await catalog.get('wf_a');
    expect(got.revision).toBe(1);
    expect(got.spec.tasks.map((t) => t.name)).toEqual(['t2']);
    await expect(catalog.update(ONE_WORKFLOW, { namespace: 'other' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('finds a workflow by id through the id index, and deletes it', async () => {
    const saved = await catalog.create(TWO_WORKFLOWS, { namespace: 'ns1' });
    const id = saved.workflows[0]!.workflowId;
    expect((await catalog.get(id, 'any-namespace')).name).toBe('wf_a');
    await catalog.delete(id, 'ns1');
    await expect(catalog.get('wf_a', 'ns1')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Workflow not found [workflow_identifier=wf_a, namespace=ns1]',
    });
    // The name can be used again after a deletion: the stream continues.
    const again = await catalog.create(ONE_WORKFLOW, { namespace: 'ns1' });
    expect(again.workflows[0]!.workflowId).not.toBe(id);
  });

  it('resolves subworkflows in the caller namespace first, then the default one', async () => {
    await catalog.create(TWO_WORKFLOWS);
    await catalog.create(ONE_WORKFLOW, { namespace: 'ns1' });
    expect((await catalog.resolveSubworkflow('wf_a', 'ns1')).namespace).toBe('ns1');
    expect((await catalog.resolveSubworkflow('wf_b', 'ns1')).namespace).toBe('');
    await expect(catalog.get('wf_b', 'ns1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects an unknown scope', async () => {
    await expect(catalog.create(TWO_WORKFLOWS, { scope: 'shared' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
