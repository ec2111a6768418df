// Actions by name. The executor resolves work items here; the API lists
// them for GET /v2/actions; the engine validates input with them.
import type { Action } from './action.js';
import { standardActions, type StandardActionOptions } from './std/index.js';

export class ActionRegistry {
  private readonly actions = new Map<string, Action>();

  constructor(actions: Iterable<Action> = []) {
    for (const action of actions) this.register(action);
  }

  /** A registry holding Mistral's std.* actions. */
  static withStandardActions(options: StandardActionOptions = {}): ActionRegistry {
    return new ActionRegistry(standardActions(options));
  }

  /** Adds an action; a second one with the same name is an error, not a silent override. */
  register(action: Action): this {
    if (this.actions.has(action.name)) throw new Error(`Action already registered: ${action.name}`);
    this.actions.set(action.name, action);
    return this;
  }

  get(name: string): Action | undefined {
    return this.actions.get(name);
  }

  has(name: string): boolean {
    return this.actions.has(name);
  }

  /** Sorted by name, for stable listings. */
  list(): Action[] {
    return [...this.actions.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
