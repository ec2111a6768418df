// Environments, event-sourced (`environment-<name>`), and the resolver the
// engine uses when `params.env` names one. Reads go to the stream, so a
// just-written environment is seen at once.
import { randomUUID } from 'node:crypto';
import type { EventStore } from '@sirocco/eventstore';
import { invalidInput } from '@sirocco/workflow';
import { concurrentChange, duplicateEnvironment, environmentNotFound } from './catalog-errors.js';
import { appendOne, expectedForCreate, readEntityStream } from './entity-stream.js';
import {
  environmentStreamId,
  type EnvironmentDeletedData,
  type EnvironmentEvent,
  type EnvironmentSavedData,
} from './environment-events.js';
import { checkScope } from './scope.js';

/** Fields of a POST or PUT; absent ones are left as they are by a PUT. */
export interface EnvironmentInput {
  readonly name: string | undefined;
  readonly description?: string | null;
  readonly variables?: Readonly<Record<string, unknown>> | null;
  readonly scope?: string;
}

export interface SavedEnvironment {
  readonly environment: EnvironmentSavedData;
  readonly position: number;
}

/** `params.env` given as a name: the environment's variables, undefined when there is none. */
export interface EnvironmentResolver {
  resolve(name: string): Promise<Record<string, unknown> | undefined>;
}

export interface EnvironmentCatalogOptions {
  readonly eventStore: EventStore;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

const DELETED = 'EnvironmentDeleted';

export class EnvironmentCatalog implements EnvironmentResolver {
  readonly #store: EventStore;
  readonly #now: () => Date;
  readonly #newId: () => string;

  constructor(options: EnvironmentCatalogOptions) {
    this.#store = options.eventStore;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
  }

  async create(input: EnvironmentInput): Promise<SavedEnvironment> {
    const name = requireName(input.name);
    const scope = checkScope(input.scope);
    const state = await this.#read(name);
    if (state.current) throw duplicateEnvironment(name);
    const data: EnvironmentSavedData = {
      environmentId: this.#newId(),
      name,
      description: input.description ?? null,
      variables: input.variables ?? null,
      scope,
      at: this.#now().toISOString(),
    };
    return this.#write({ type: 'EnvironmentCreated', data }, expectedForCreate(state), () =>
      duplicateEnvironment(name),
    );
  }

  /** Merges the given fields into the environment; NOT_FOUND when there is none. */
  async update(input: EnvironmentInput): Promise<SavedEnvironment> {
    const name = requireName(input.name);
    const state = await this.#read(name);
    const current = state.current;
    if (!current || state.revision === undefined) throw environmentNotFound(name);
    const data: EnvironmentSavedData = {
      ...current,
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.variables !== undefined ? { variables: input.variables } : {}),
      ...(input.scope !== undefined ? { scope: checkScope(input.scope) } : {}),
      at: this.#now().toISOString(),
    };
    return this.#write({ type: 'EnvironmentUpdated', data }, state.revision, () =>
      concurrentChange('Environment', name, ''),
    );
  }

  async delete(name: string): Promise<{ readonly environmentId: string; readonly position: number }> {
    const state = await this.#read(name);
    if (!state.current || state.revision === undefined) throw environmentNotFound(name);
    const data: EnvironmentDeletedData = {
      environmentId: state.current.environmentId,
      name,
      at: this.#now().toISOString(),
    };
    const r = await appendOne(
      this.#store,
      environmentStreamId(name),
      { eventId: this.#newId(), type: DELETED, data },
      state.revision,
      () => concurrentChange('Environment', name, ''),
    );
    return { environmentId: data.environmentId, position: r.position };
  }

  async get(name: string): Promise<EnvironmentSavedData | undefined> {
    return (await this.#read(name)).current;
  }

  async resolve(name: string): Promise<Record<string, unknown> | undefined> {
    const env = await this.get(name);
    return env ? { ...(env.variables ?? {}) } : undefined;
  }

  #read(name: string) {
    return readEntityStream<EnvironmentSavedData>(this.#store, environmentStreamId(name), DELETED);
  }

  async #write(
    event: EnvironmentEvent & { data: EnvironmentSavedData },
    expected: Parameters<typeof appendOne>[3],
    onConflict: Parameters<typeof appendOne>[4],
  ): Promise<SavedEnvironment> {
    const r = await appendOne(
      this.#store,
      environmentStreamId(event.data.name),
      { eventId: this.#newId(), ...event },
      expected,
      onConflict,
    );
    return { environment: event.data, position: r.position };
  }
}

function requireName(name: string | undefined): string {
  if (name === undefined || name === '') throw invalidInput('Name of the environment is not provided.');
  return name;
}
