import * as dsl from '@sirocco/dsl';
import type { SqliteEventStore } from '@sirocco/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdHocActionCatalog } from './ad-hoc-action-catalog.js';
import { AdHocActionRegistry } from './ad-hoc-action-registry.js';
import { openTemporarySqliteStore } from './testing/sqlite-store.js';
import { WorkbookCatalog } from './workbook-catalog.js';
import { WorkflowCatalog } from './workflow-catalog.js';

const WB = `version: '2.0'
name: my_wb
tags: [wbtag]
actions:
  greet:
    base: std.echo output="hi <% $.who %>"
    input:
      - who
workflows:
  main:
    tasks:
      t1:
        action: greet who=x
  sub:
    tasks:
      s:
        action: std.noop
`;

describe('WorkbookCatalog (SQLite event store)', () => {
  let store: SqliteEventStore;
  let dispose: () => Promise<void>;
  let registry: AdHocActionRegistry;
  let workflows: WorkflowCatalog;
  let workbooks: WorkbookCatalog;

  beforeEach(async () => {
    ({ store, dispose } = openTemporarySqliteStore());
    registry = new AdHocActionRegistry({ eventStore: store });
    await registry.start();
    workflows = new WorkflowCatalog({
      eventStore: store,
      parser: dsl,
      idIndex: { findById: async () => undefined },
    });
    const actions = new AdHocActionCatalog({
      eventStore: store,
      parser: dsl,
      idIndex: registry,
      isSystemAction: () => false,
    });
    workbooks = new WorkbookCatalog({ eventStore: store, parser: dsl, workflows, actions });
  });

  afterEach(async () => {
    await registry.stop();
    await dispose();
  });

  it('registers the workbook, its actions and workflows as <workbook>.<name>', async () => {
    const saved = await workbooks.create(WB, { namespace: 'ns1' });
    expect(saved.workbook).toMatchObject({
      name: 'my_wb',
      namespace: 'ns1',
      tags: ['wbtag'],
      definition: WB,
    });
    expect(saved.actions.map((a) => a.name)).toEqual(['my_wb.greet']);
    expect(saved.actions[0]).toMatchObject({
      workbookName: 'my_wb',
      definition: 'greet:\n  base: std.echo output="hi <% $.who %>"\n  input:\n    - who\n',
    });
    expect(saved.workflows.map((w) => w.name)).toEqual(['my_wb.main', 'my_wb.sub']);
    expect(saved.workflows[1]!.definition).toBe('sub:\n  tasks:\n    s:\n      action: std.noop\n');
    await registry.waitForPosition(saved.actionsPosition);
    expect(registry.get('my_wb.greet', 'ns1')?.base).toBe('std.echo');
    const main = await workflows.get('my_wb.main', 'ns1');
    expect(main.spec.name).toBe('main'); // the spec keeps the short name, as Mistral's does
  });

  it('answers a duplicate with CONFLICT and an invalid document with DSL_INVALID', async () => {
    await workbooks.create(WB);
    await expect(workbooks.create(WB)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: "Duplicate entry for WorkbookDefinition ['name', 'namespace', 'project_id']: my_wb, , None",
    });
    const before = (await store.readAll()).length;
    await expect(workbooks.create(`version: '2.0'\nworkflows: {}\n`)).rejects.toMatchObject({
      code: 'DSL_INVALID',
      message: expect.stringMatching(/line \d+, column \d+/),
    });
    expect((await store.readAll()).length).toBe(before);
  });

  it('updates (existing only): items are replaced, unchanged ones and removed ones left alone', async () => {
    const created = await workbooks.create(WB);
    const changed = WB.replace('action: std.noop', 'action: std.echo output=1').replace(
      /\n {2}main:[\s\S]*?(?=\n {2}sub:)/,
      '',
    );
    const updated = await workbooks.update(changed, { scope: 'public' });
    expect(updated.workbook.workbookId).toBe(created.workbook.workbookId);
    expect(updated.workflows.map((w) => w.name)).toEqual(['my_wb.sub']);
    expect(updated.workflows[0]!.workflowId).toBe(created.workflows[1]!.workflowId);
    expect((await workflows.get('my_wb.main')).revision).toBe(0); // still there
    expect((await workflows.get('my_wb.sub')).revision).toBe(1);
    await expect(workbooks.update(WB.replace('my_wb', 'other'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Workbook not found [name=other, namespace=]',
    });
  });

  it('deletes the workbook only (its workflows and actions stay, as in Mistral)', async () => {
    await workbooks.create(WB, { namespace: 'ns1' });
    await workbooks.delete('my_wb', 'ns1');
    await expect(workbooks.delete('my_wb', 'ns1')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Workbook not found [workbook_name=my_wb, namespace=ns1]',
    });
    expect((await workflows.get('my_wb.main', 'ns1')).name).toBe('my_wb.main');
    await expect(workbooks.create(WB, { namespace: 'ns1' })).resolves.toBeDefined();
  });
});
