// Workbooks, event-sourced (`workbook-<namespace>/<name>`). Saving one also
// saves its actions and workflows, named `<workbook>.<item>`, in their own
// streams, created or replaced as Mistral does. As in Mistral, deleting a
// workbook leaves its workflows and actions registered, and a PUT does not
// remove items the new text no longer has.
import { randomUUID } from 'node:crypto';
import type { DocumentSpec } from '@sirocco/dsl';
import type { EventStore, ExpectedRevision } from '@sirocco/eventstore';
import type { WorkflowDefinitionSavedData } from '@sirocco/workflow';
import type { AdHocActionCatalog } from './ad-hoc-action-catalog.js';
import type { AdHocActionSavedData } from './ad-hoc-action-events.js';
import { concurrentChange, duplicateWorkbook, invalidDsl, workbookNotFound } from './catalog-errors.js';
import type { WorkbookDocumentParser } from './document-parser.js';
import { appendOne, expectedForCreate, readEntityStream } from './entity-stream.js';
import { checkScope, type Scope } from './scope.js';
import {
  workbookStreamId,
  type WorkbookDeletedData,
  type WorkbookEvent,
  type WorkbookSavedData,
} from './workbook-events.js';
import { workbookTags } from './workbook-header.js';
import { workbookItemDefinition } from './workbook-item-definition.js';
import type { WorkflowCatalog } from './workflow-catalog.js';

export interface WorkbookCatalogOptions {
  readonly eventStore: EventStore;
  readonly parser: WorkbookDocumentParser;
  readonly workflows: Pick<WorkflowCatalog, 'saveWorkbookWorkflows'>;
  readonly actions: Pick<AdHocActionCatalog, 'saveWorkbookActions'>;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

export interface SavedWorkbook {
  readonly workbook: WorkbookSavedData;
  readonly workflows: readonly WorkflowDefinitionSavedData[];
  readonly actions: readonly AdHocActionSavedData[];
  /** Global position of the last event written. */
  readonly position: number;
  /** Position of the last action event written (for the ad-hoc action registry), 0 when none. */
  readonly actionsPosition: number;
}

const DELETED = 'WorkbookDeleted';

export class WorkbookCatalog {
  readonly #store: EventStore;
  readonly #options: WorkbookCatalogOptions;
  readonly #now: () => Date;
  readonly #newId: () => string;

  constructor(options: WorkbookCatalogOptions) {
    this.#store = options.eventStore;
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
  }

  /** POST: CONFLICT when the workbook exists in the namespace. */
  async create(text: string, options: { namespace?: string; scope?: string } = {}): Promise<SavedWorkbook> {
    const namespace = options.namespace ?? '';
    const scope = checkScope(options.scope);
    const doc = this.#parse(text);
    const streamId = workbookStreamId(namespace, doc.name);
    const state = await readEntityStream<WorkbookSavedData>(this.#store, streamId, DELETED);
    if (state.current) throw duplicateWorkbook(doc.name, namespace);
    const data = this.#data(this.#newId(), doc.name, text, namespace, scope);
    return this.#save(doc, data, { type: 'WorkbookCreated', data }, expectedForCreate(state), () =>
      duplicateWorkbook(doc.name, namespace),
    );
  }

  /** PUT: NOT_FOUND when the workbook does not exist (Mistral 15 does not create here). */
  async update(text: string, options: { namespace?: string; scope?: string } = {}): Promise<SavedWorkbook> {
    const namespace = options.namespace ?? '';
    const scope = checkScope(options.scope);
    const doc = this.#parse(text);
    const streamId = workbookStreamId(namespace, doc.name);
    const state = await readEntityStream<WorkbookSavedData>(this.#store, streamId, DELETED);
    if (!state.current || state.revision === undefined) throw workbookNotFound(doc.name, namespace);
    const data = this.#data(state.current.workbookId, doc.name, text, namespace, scope);
    return this.#save(doc, data, { type: 'WorkbookUpdated', data }, state.revision, () =>
      concurrentChange('Workbook', doc.name, namespace),
    );
  }

  async delete(
    name: string,
    namespace = '',
  ): Promise<{ readonly workbookId: string; readonly position: number }> {
    const streamId = workbookStreamId(namespace, name);
    const state = await readEntityStream<WorkbookSavedData>(this.#store, streamId, DELETED);
    if (!state.current || state.revision === undefined)
      throw workbookNotFound(name, namespace, 'workbook_name');
    const data: WorkbookDeletedData = {
      workbookId: state.current.workbookId,
      name,
      namespace,
      at: this.#now().toISOString(),
    };
    const r = await appendOne(
      this.#store,
      streamId,
      { eventId: this.#newId(), type: DELETED, data },
      state.revision,
      () => concurrentChange('Workbook', name, namespace),
    );
    return { workbookId: data.workbookId, position: r.position };
  }

  // Mistral's order: the workbook, then its actions, then its workflows.
  async #save(
    doc: DocumentSpec & { name: string },
    data: WorkbookSavedData,
    event: WorkbookEvent,
    expected: ExpectedRevision,
    onConflict: () => ReturnType<typeof duplicateWorkbook>,
  ): Promise<SavedWorkbook> {
    const streamId = workbookStreamId(data.namespace, data.name);
    const written = await appendOne(
      this.#store,
      streamId,
      { eventId: this.#newId(), ...event },
      expected,
      onConflict,
    );
    const scope = data.scope;
    const actions = await this.#options.actions.saveWorkbookActions(
      data.name,
      doc.actions.map((spec) => ({
        spec: { ...spec, name: `${data.name}.${spec.name}` },
        definition: workbookItemDefinition(data.definition, 'actions', spec.name),
      })),
      { namespace: data.namespace, scope },
    );
    const workflows = await this.#options.workflows.saveWorkbookWorkflows(
      doc.workflows.map((spec) => ({
        name: `${data.name}.${spec.name}`,
        spec,
        definition: workbookItemDefinition(data.definition, 'workflows', spec.name),
      })),
      { namespace: data.namespace, scope },
    );
    return {
      workbook: data,
      workflows: workflows.workflows,
      actions: actions.actions,
      position: Math.max(written.position, actions.position, workflows.position),
      actionsPosition: actions.position,
    };
  }

  #parse(text: string): DocumentSpec & { name: string } {
    const parsed = this.#options.parser.parseWorkbookDocument(text);
    if (!parsed.ok) throw invalidDsl(this.#options.parser.formatProblems(parsed.problems));
    const name = parsed.value.name;
    // The parser reports a missing name as a problem; this only narrows the type.
    if (name === undefined) throw invalidDsl("a workbook needs 'name:'");
    return { ...parsed.value, name };
  }

  #data(workbookId: string, name: string, text: string, namespace: string, scope: Scope): WorkbookSavedData {
    return {
      workbookId,
      name,
      namespace,
      definition: text,
      tags: workbookTags(text),
      scope,
      at: this.#now().toISOString(),
    };
  }
}
