// Workflow definitions, event-sourced: one stream per definition
// (`workflow-<namespace>/<name>`), written with expected revisions so two
// writers never both win. Reads by name go to the stream (strongly
// consistent); reads by id go through the id index (see workflow-id-index.ts).
import { randomUUID } from 'node:crypto';
import type { WorkflowSpec } from '@sirocco/dsl';
import { WrongExpectedRevisionError, type EventStore, type ExpectedRevision } from '@sirocco/eventstore';
import {
  conflict,
  invalidInput,
  workflowDefinitionStreamId,
  type WorkflowDefinitionEvent,
  type WorkflowDefinitionSavedData,
} from '@sirocco/workflow';
import { duplicateWorkflow, invalidDsl, invalidScope, workflowNotFound } from './catalog-errors.js';
import { readDefinitionStream, type DefinitionStreamState } from './definition-stream.js';
import type { WorkflowDocumentParser } from './document-parser.js';
import type { WorkflowIdIndex } from './workflow-id-index.js';

export type WorkflowScope = 'private' | 'public';

export interface SaveWorkflowsOptions {
  /** '' (Mistral's default namespace) when absent. */
  readonly namespace?: string;
  /** 'private' when absent; anything but 'private'/'public' is INVALID_INPUT. */
  readonly scope?: string;
}

export interface UpdateWorkflowsOptions extends SaveWorkflowsOptions {
  /** Name or id of the one workflow to update (PUT /v2/workflows/{identifier}). */
  readonly identifier?: string;
}

export interface SavedWorkflows {
  readonly workflows: readonly WorkflowDefinitionSavedData[];
  /** Global position of the last event written: wait for the read models to reach it. */
  readonly position: number;
}

/** What the engine needs to start an execution of a workflow. */
export interface ResolvedWorkflow {
  readonly workflowId: string;
  readonly name: string;
  readonly namespace: string;
  readonly spec: WorkflowSpec;
  readonly definition: string;
  /** Revision of the definition stream the spec came from. */
  readonly revision: number;
}

export interface WorkflowCatalogOptions {
  readonly eventStore: EventStore;
  readonly parser: WorkflowDocumentParser;
  readonly idIndex: WorkflowIdIndex;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

interface Located {
  readonly streamId: string;
  readonly state: DefinitionStreamState;
}

export class WorkflowCatalog {
  readonly #store: EventStore;
  readonly #parser: WorkflowDocumentParser;
  readonly #idIndex: WorkflowIdIndex;
  readonly #now: () => Date;
  readonly #newId: () => string;

  constructor(options: WorkflowCatalogOptions) {
    this.#store = options.eventStore;
    this.#parser = options.parser;
    this.#idIndex = options.idIndex;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
  }

  /**
   * POST semantics: creates every workflow of the document. If one already
   * exists in the namespace it is CONFLICT and none is written.
   */
  async create(text: string, options: SaveWorkflowsOptions = {}): Promise<SavedWorkflows> {
    const namespace = options.namespace ?? '';
    const scope = checkScope(options.scope);
    const specs = this.#parse(text);
    const plans = await Promise.all(
      specs.map(async (spec) => {
        const streamId = workflowDefinitionStreamId(namespace, spec.name);
        const state = await readDefinitionStream(this.#store, streamId);
        if (state.current) throw duplicateWorkflow(spec.name, namespace);
        // A deleted definition's stream lives on: a new one continues it.
        const expected: ExpectedRevision = state.revision === undefined ? 'no_stream' : state.revision;
        return { spec, streamId, expected };
      }),
    );
    const at = this.#now().toISOString();
    const written: { data: WorkflowDefinitionSavedData; streamId: string; revision: number }[] = [];
    let position = 0;
    for (const plan of plans) {
      const data = this.#savedData(plan.spec, text, specs.length, namespace, scope, this.#newId(), at);
      try {
        const result = await this.#append(
          plan.streamId,
          { type: 'WorkflowDefinitionCreated', data },
          plan.expected,
        );
        written.push({ data, streamId: plan.streamId, revision: result.nextExpectedRevision });
        position = result.position;
      } catch (error) {
        // A concurrent writer won a stream after our check: undo ours so the document is all-or-nothing.
        await this.#compensate(written, at);
        if (error instanceof WrongExpectedRevisionError) throw duplicateWorkflow(plan.spec.name, namespace);
        throw error;
      }
    }
    return { workflows: written.map((w) => w.data), position };
  }

  /**
   * PUT semantics (as Mistral 15 does it): replaces existing workflows; if
   * one does not exist it is NOT_FOUND and none is written.
   */
  async update(text: string, options: UpdateWorkflowsOptions = {}): Promise<SavedWorkflows> {
    const namespace = options.namespace ?? '';
    const scope = checkScope(options.scope);
    const specs = this.#parse(text);
    if (options.identifier !== undefined && specs.length > 1) {
      throw invalidInput(
        `More than one workflows are not supported for update with identifier. [identifier: ${options.identifier}]`,
      );
    }
    const plans = await Promise.all(
      specs.map(async (spec) => {
        const identifier = options.identifier ?? spec.name;
        const located = await this.#locate(identifier, namespace);
        const current = located?.state.current;
        if (!located || !current || located.state.revision === undefined)
          throw workflowNotFound(identifier, namespace);
        if (current.name !== spec.name) {
          throw invalidInput(
            `Renaming a workflow is not supported [workflow=${current.name}, new name=${spec.name}]`,
          );
        }
        return { spec, current, streamId: located.streamId, revision: located.state.revision };
      }),
    );
    const at = this.#now().toISOString();
    const saved: WorkflowDefinitionSavedData[] = [];
    let position = 0;
    for (const plan of plans) {
      const data = this.#savedData(
        plan.spec,
        text,
        specs.length,
        plan.current.namespace,
        scope,
        plan.current.workflowId,
        at,
      );
      try {
        const result = await this.#append(
          plan.streamId,
          { type: 'WorkflowDefinitionUpdated', data },
          plan.revision,
        );
        position = result.position;
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) {
          throw conflict(
            `Workflow was changed concurrently [workflow_identifier=${plan.spec.name}, namespace=${namespace}]`,
          );
        }
        throw error;
      }
      saved.push(data);
    }
    return { workflows: saved, position };
  }

  /** Deletes by name or id; NOT_FOUND when absent. */
  async delete(
    identifier: string,
    namespace = '',
  ): Promise<{ readonly workflowId: string; readonly position: number }> {
    const located = await this.#locate(identifier, namespace);
    const current = located?.state.current;
    if (!located || !current || located.state.revision === undefined)
      throw workflowNotFound(identifier, namespace);
    const event: WorkflowDefinitionEvent = {
      type: 'WorkflowDefinitionDeleted',
      data: {
        workflowId: current.workflowId,
        name: current.name,
        namespace: current.namespace,
        at: this.#now().toISOString(),
      },
    };
    try {
      const result = await this.#append(located.streamId, event, located.state.revision);
      return { workflowId: current.workflowId, position: result.position };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) {
        throw conflict(
          `Workflow was changed concurrently [workflow_identifier=${identifier}, namespace=${namespace}]`,
        );
      }
      throw error;
    }
  }

  /**
   * A workbook's workflows, named `<workbook>.<workflow>` (the spec keeps the
   * short name, as Mistral's does): created or replaced, as Mistral's
   * create_or_update does; an unchanged one is left as it is.
   */
  async saveWorkbookWorkflows(
    items: readonly { readonly name: string; readonly spec: WorkflowSpec; readonly definition: string }[],
    options: { readonly namespace: string; readonly scope: WorkflowScope },
  ): Promise<SavedWorkflows> {
    const at = this.#now().toISOString();
    const workflows: WorkflowDefinitionSavedData[] = [];
    let position = 0;
    for (const item of items) {
      const streamId = workflowDefinitionStreamId(options.namespace, item.name);
      const state = await readDefinitionStream(this.#store, streamId);
      const current = state.current;
      if (current && current.definition === item.definition && current.scope === options.scope) {
        workflows.push(current);
        continue;
      }
      const data: WorkflowDefinitionSavedData = {
        workflowId: current?.workflowId ?? this.#newId(),
        name: item.name,
        namespace: options.namespace,
        definition: item.definition,
        spec: item.spec,
        scope: options.scope,
        tags: item.spec.tags,
        at,
      };
      const event: WorkflowDefinitionEvent = current
        ? { type: 'WorkflowDefinitionUpdated', data }
        : { type: 'WorkflowDefinitionCreated', data };
      const expected: ExpectedRevision = state.revision ?? 'no_stream';
      try {
        position = (await this.#append(streamId, event, expected)).position;
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) {
          throw conflict(
            `Workflow was changed concurrently [workflow_identifier=${item.name}, namespace=${options.namespace}]`,
          );
        }
        throw error;
      }
      workflows.push(data);
    }
    return { workflows, position };
  }

  /** By name in exactly `namespace`, or by id (any namespace), as Mistral's GET and execution start do. */
  async get(identifier: string, namespace = ''): Promise<ResolvedWorkflow> {
    const located = await this.#locate(identifier, namespace);
    if (!located?.state.current || located.state.revision === undefined)
      throw workflowNotFound(identifier, namespace);
    return resolved(located.state.current, located.state.revision);
  }

  /**
   * Subworkflows: Mistral looks in the caller's namespace first, then in
   * the default namespace ''.
   */
  async resolveSubworkflow(name: string, namespace = ''): Promise<ResolvedWorkflow> {
    for (const ns of namespace === '' ? [''] : [namespace, '']) {
      const state = await readDefinitionStream(this.#store, workflowDefinitionStreamId(ns, name));
      if (state.current && state.revision !== undefined) return resolved(state.current, state.revision);
    }
    throw workflowNotFound(name, namespace);
  }

  #parse(text: string): readonly WorkflowSpec[] {
    const parsed = this.#parser.parseWorkflowsDocument(text);
    if (!parsed.ok) throw invalidDsl(this.#parser.formatProblems(parsed.problems));
    return parsed.value.workflows;
  }

  // Mistral stores a one-workflow document verbatim and cuts the others out of a multi-workflow one.
  #savedData(
    spec: WorkflowSpec,
    text: string,
    workflowCount: number,
    namespace: string,
    scope: WorkflowScope,
    workflowId: string,
    at: string,
  ): WorkflowDefinitionSavedData {
    return {
      workflowId,
      name: spec.name,
      namespace,
      definition: workflowCount === 1 ? text : this.#parser.extractWorkflowDefinition(text, spec.name),
      spec,
      scope,
      tags: spec.tags,
      at,
    };
  }

  async #locate(identifier: string, namespace: string): Promise<Located | undefined> {
    if (UUID.test(identifier)) {
      const entry = await this.#idIndex.findById(identifier);
      if (entry) {
        const streamId = workflowDefinitionStreamId(entry.namespace, entry.name);
        const state = await readDefinitionStream(this.#store, streamId);
        if (state.current?.workflowId === identifier) return { streamId, state };
      }
    }
    const streamId = workflowDefinitionStreamId(namespace, identifier);
    const state = await readDefinitionStream(this.#store, streamId);
    return state.current ? { streamId, state } : undefined;
  }

  #append(streamId: string, event: WorkflowDefinitionEvent, expected: ExpectedRevision) {
    return this.#store.append(
      streamId,
      [{ eventId: this.#newId(), type: event.type, data: event.data }],
      expected,
    );
  }

  async #compensate(
    written: readonly { data: WorkflowDefinitionSavedData; streamId: string; revision: number }[],
    at: string,
  ) {
    for (const w of written) {
      const event: WorkflowDefinitionEvent = {
        type: 'WorkflowDefinitionDeleted',
        data: { workflowId: w.data.workflowId, name: w.data.name, namespace: w.data.namespace, at },
      };
      await this.#append(w.streamId, event, w.revision).catch(() => undefined);
    }
  }
}

function checkScope(scope: string | undefined): WorkflowScope {
  if (scope === undefined || scope === 'private') return 'private';
  if (scope === 'public') return 'public';
  throw invalidScope(scope);
}

const resolved = (d: WorkflowDefinitionSavedData, revision: number): ResolvedWorkflow => ({
  workflowId: d.workflowId,
  name: d.name,
  namespace: d.namespace,
  spec: d.spec,
  definition: d.definition,
  revision,
});
