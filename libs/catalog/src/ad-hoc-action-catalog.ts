// Ad-hoc action definitions, event-sourced: one stream per action
// (`action-<namespace>/<name>`), written with expected revisions. Like
// Mistral, every action of a POSTed document keeps the whole document as its
// `definition`, and a document is all-or-nothing.
import { randomUUID } from 'node:crypto';
import type { AdHocActionSpec } from '@sirocco/dsl';
import type { EventStore, ExpectedRevision } from '@sirocco/eventstore';
import { invalidInput } from '@sirocco/workflow';
import {
  adHocActionStreamId,
  type AdHocActionDeletedData,
  type AdHocActionEvent,
  type AdHocActionSavedData,
} from './ad-hoc-action-events.js';
import {
  actionDefinitionNotFound,
  concurrentChange,
  duplicateAction,
  invalidDsl,
  systemActionChange,
} from './catalog-errors.js';
import type { ActionsDocumentParser } from './document-parser.js';
import { appendOne, expectedForCreate, readEntityStream, type EntityStreamState } from './entity-stream.js';
import { checkScope, type Scope } from './scope.js';

/** Action ids → streams (the AdHocActionRegistry is one). */
export interface AdHocActionIdIndex {
  findById(
    actionId: string,
  ):
    | { readonly namespace: string; readonly name: string }
    | undefined
    | Promise<{ readonly namespace: string; readonly name: string } | undefined>;
}

export interface AdHocActionCatalogOptions {
  readonly eventStore: EventStore;
  readonly parser: ActionsDocumentParser;
  readonly idIndex: AdHocActionIdIndex;
  /** True for names of system actions (std.*): those are not definitions and cannot be written. */
  readonly isSystemAction: (name: string) => boolean;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

export interface SaveActionsOptions {
  readonly namespace?: string;
  readonly scope?: string;
}

export interface SavedActions {
  readonly actions: readonly AdHocActionSavedData[];
  /** Global position of the last event written (0 when nothing was written). */
  readonly position: number;
}

/** One action of a workbook, already parsed and named `<workbook>.<action>`. */
export interface WorkbookActionItem {
  readonly spec: AdHocActionSpec;
  readonly definition: string;
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const DELETED = 'AdHocActionDeleted';

type State = EntityStreamState<AdHocActionSavedData>;

export class AdHocActionCatalog {
  readonly #store: EventStore;
  readonly #parser: ActionsDocumentParser;
  readonly #idIndex: AdHocActionIdIndex;
  readonly #isSystem: (name: string) => boolean;
  readonly #now: () => Date;
  readonly #newId: () => string;

  constructor(options: AdHocActionCatalogOptions) {
    this.#store = options.eventStore;
    this.#parser = options.parser;
    this.#idIndex = options.idIndex;
    this.#isSystem = options.isSystemAction;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
  }

  /** POST: creates every action of the document; CONFLICT (none written) if one exists. */
  async create(text: string, options: SaveActionsOptions = {}): Promise<SavedActions> {
    const namespace = options.namespace ?? '';
    const scope = checkScope(options.scope);
    const specs = this.#parse(text);
    const plans = await Promise.all(
      specs.map(async (spec) => {
        const streamId = adHocActionStreamId(namespace, spec.name);
        const state = await this.#read(streamId);
        if (state.current) throw duplicateAction(spec.name, namespace);
        return { spec, streamId, expected: expectedForCreate(state) };
      }),
    );
    const at = this.#now().toISOString();
    const written: { data: AdHocActionSavedData; streamId: string; revision: number }[] = [];
    let position = 0;
    for (const plan of plans) {
      const data = saved(this.#newId(), plan.spec, text, namespace, scope, at);
      try {
        const r = await this.#append(plan.streamId, { type: 'AdHocActionCreated', data }, plan.expected, () =>
          duplicateAction(plan.spec.name, namespace),
        );
        written.push({ data, streamId: plan.streamId, revision: r.nextExpectedRevision });
        position = r.position;
      } catch (error) {
        // A concurrent writer won a stream after our check: undo ours, all-or-nothing.
        await this.#compensate(written, at);
        throw error;
      }
    }
    return { actions: written.map((w) => w.data), position };
  }

  /** PUT: replaces existing actions (Mistral 15 does not create here); NOT_FOUND (none written) otherwise. */
  async update(
    text: string,
    options: SaveActionsOptions & { readonly identifier?: string } = {},
  ): Promise<SavedActions> {
    const namespace = options.namespace ?? '';
    const scope = checkScope(options.scope);
    const specs = this.#parse(text);
    if (options.identifier !== undefined && specs.length > 1) {
      throw invalidInput(
        `More than one actions are not supported for update with identifier. [identifier: ${options.identifier}]`,
      );
    }
    const plans = await Promise.all(
      specs.map(async (spec) => {
        const identifier = options.identifier ?? spec.name;
        const located = await this.#locate(identifier, namespace);
        if (!located) throw actionDefinitionNotFound(identifier, namespace);
        if (located.current.name !== spec.name) {
          throw invalidInput(
            `Renaming an action is not supported [action=${located.current.name}, new name=${spec.name}]`,
          );
        }
        return { spec, ...located };
      }),
    );
    const at = this.#now().toISOString();
    const actions: AdHocActionSavedData[] = [];
    let position = 0;
    for (const plan of plans) {
      const data = saved(plan.current.actionId, plan.spec, text, plan.current.namespace, scope, at);
      const r = await this.#append(plan.streamId, { type: 'AdHocActionUpdated', data }, plan.revision, () =>
        concurrentChange('Action', plan.spec.name, plan.current.namespace),
      );
      actions.push(data);
      position = r.position;
    }
    return { actions, position };
  }

  /** DELETE by name (in `namespace`) or id. */
  async delete(
    identifier: string,
    namespace = '',
  ): Promise<{ readonly actionId: string; readonly position: number }> {
    const located = await this.#locate(identifier, namespace);
    if (!located) throw actionDefinitionNotFound(identifier, namespace);
    const { current } = located;
    const data: AdHocActionDeletedData = {
      actionId: current.actionId,
      name: current.name,
      namespace: current.namespace,
      at: this.#now().toISOString(),
    };
    const r = await this.#append(located.streamId, { type: DELETED, data }, located.revision, () =>
      concurrentChange('Action', current.name, current.namespace),
    );
    return { actionId: current.actionId, position: r.position };
  }

  /**
   * A workbook's actions: created or replaced (Mistral's create_or_update),
   * an unchanged one is left as it is.
   */
  async saveWorkbookActions(
    workbookName: string,
    items: readonly WorkbookActionItem[],
    options: { readonly namespace: string; readonly scope: Scope },
  ): Promise<SavedActions> {
    const at = this.#now().toISOString();
    const actions: AdHocActionSavedData[] = [];
    let position = 0;
    for (const item of items) {
      const { namespace, scope } = options;
      const streamId = adHocActionStreamId(namespace, item.spec.name);
      const state = await this.#read(streamId);
      const current = state.current;
      const data: AdHocActionSavedData = {
        ...saved(current?.actionId ?? this.#newId(), item.spec, item.definition, namespace, scope, at),
        workbookName,
      };
      if (current && current.definition === data.definition && current.scope === scope) {
        actions.push(current);
        continue;
      }
      const event: AdHocActionEvent = current
        ? { type: 'AdHocActionUpdated', data }
        : { type: 'AdHocActionCreated', data };
      const expected = current ? (state.revision as number) : expectedForCreate(state);
      const r = await this.#append(streamId, event, expected, () =>
        concurrentChange('Action', item.spec.name, namespace),
      );
      actions.push(data);
      position = r.position;
    }
    return { actions, position };
  }

  #parse(text: string): readonly AdHocActionSpec[] {
    const parsed = this.#parser.parseActionsDocument(text);
    if (!parsed.ok) throw invalidDsl(this.#parser.formatProblems(parsed.problems));
    const system = parsed.value.actions.find((a) => this.#isSystem(a.name));
    if (system) throw systemActionChange(system.name);
    return parsed.value.actions;
  }

  #read(streamId: string): Promise<State> {
    return readEntityStream<AdHocActionSavedData>(this.#store, streamId, DELETED);
  }

  async #locate(
    identifier: string,
    namespace: string,
  ): Promise<{ streamId: string; current: AdHocActionSavedData; revision: number } | undefined> {
    const candidates: string[] = [];
    if (UUID.test(identifier)) {
      const entry = await this.#idIndex.findById(identifier);
      if (entry) candidates.push(adHocActionStreamId(entry.namespace, entry.name));
    }
    candidates.push(adHocActionStreamId(namespace, identifier));
    for (const streamId of candidates) {
      const state = await this.#read(streamId);
      const current = state.current;
      const byId = streamId !== candidates[candidates.length - 1];
      if (current && state.revision !== undefined && (!byId || current.actionId === identifier))
        return { streamId, current, revision: state.revision };
    }
    return undefined;
  }

  #append(
    streamId: string,
    event: AdHocActionEvent,
    expected: ExpectedRevision,
    onConflict: Parameters<typeof appendOne>[4],
  ) {
    return appendOne(this.#store, streamId, { eventId: this.#newId(), ...event }, expected, onConflict);
  }

  async #compensate(
    written: readonly { data: AdHocActionSavedData; streamId: string; revision: number }[],
    at: string,
  ): Promise<void> {
    for (const w of written) {
      const data: AdHocActionDeletedData = {
        actionId: w.data.actionId,
        name: w.data.name,
        namespace: w.data.namespace,
        at,
      };
      await this.#append(w.streamId, { type: DELETED, data }, w.revision, () =>
        concurrentChange('Action', w.data.name, w.data.namespace),
      ).catch(() => undefined);
    }
  }
}

const saved = (
  actionId: string,
  spec: AdHocActionSpec,
  definition: string,
  namespace: string,
  scope: Scope,
  at: string,
): AdHocActionSavedData => ({ actionId, name: spec.name, namespace, definition, spec, scope, at });
