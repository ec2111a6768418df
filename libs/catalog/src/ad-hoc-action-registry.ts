// Every ad-hoc action in memory, for the engine's synchronous decisions and
// the API's reads. Loaded from the action streams at start and kept current
// by a subscription; writers wait for the position of their own event
// (`waitForPosition`) before answering, so a created action is usable at once.
import type { AdHocActionSpec } from '@sirocco/dsl';
import type { EventStore, RecordedEvent, Subscription } from '@sirocco/eventstore';
import { SiroccoError } from '@sirocco/workflow';
import {
  AD_HOC_ACTION_EVENT_TYPES,
  AD_HOC_ACTION_STREAM_PREFIX,
  type AdHocActionEvent,
  type AdHocActionSavedData,
} from './ad-hoc-action-events.js';
import type { AdHocActionIdIndex } from './ad-hoc-action-catalog.js';

/** A live action with the times Mistral shows (ISO 8601, from the events). */
export interface AdHocActionRecord extends AdHocActionSavedData {
  readonly createdAt: string;
  /** Null until the first update. */
  readonly updatedAt: string | null;
}

export interface AdHocActionRegistryOptions {
  readonly eventStore: EventStore;
  /** Delay before resubscribing after a failure; default 1000 ms. */
  readonly restartDelayMs?: number;
  readonly onError?: (error: unknown) => void;
}

interface Waiter {
  readonly position: number;
  readonly resolve: () => void;
}

const key = (namespace: string, name: string): string => `${namespace}/${name}`;

export class AdHocActionRegistry implements AdHocActionIdIndex {
  readonly #options: AdHocActionRegistryOptions;
  readonly #byKey = new Map<string, AdHocActionRecord>();
  readonly #keyById = new Map<string, string>();
  #position = 0;
  #subscription: Subscription | undefined;
  #waiters: Waiter[] = [];
  #stopped = true;
  #restartTimer: NodeJS.Timeout | undefined;

  constructor(options: AdHocActionRegistryOptions) {
    this.#options = options;
  }

  /** Loads every action; resolves once the registry holds all that existed at start. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#subscribe().caughtUp;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    const subscription = this.#subscription;
    this.#subscription = undefined;
    await subscription?.close();
  }

  /** Position of the last action event applied (0 before any). */
  get position(): number {
    return this.#position;
  }

  /** The spec the engine runs: `namespace` first, then the default namespace '' (as Mistral resolves). */
  get(name: string, namespace = ''): AdHocActionSpec | undefined {
    return (this.#byKey.get(key(namespace, name)) ?? this.#byKey.get(key('', name)))?.spec;
  }

  /** Exactly in `namespace` (the API's GET /v2/actions/{name}). */
  find(name: string, namespace = ''): AdHocActionRecord | undefined {
    return this.#byKey.get(key(namespace, name));
  }

  findById(actionId: string): AdHocActionRecord | undefined {
    const k = this.#keyById.get(actionId);
    return k === undefined ? undefined : this.#byKey.get(k);
  }

  list(): AdHocActionRecord[] {
    return [...this.#byKey.values()];
  }

  /**
   * Resolves once the event at `position` (an action event) is applied;
   * rejects with UNAVAILABLE after `timeoutMs`. Positions of other streams'
   * events are never seen here: wait only for positions of action events.
   */
  waitForPosition(position: number, timeoutMs = 5000): Promise<void> {
    if (this.#position >= position) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(
          new SiroccoError(
            'UNAVAILABLE',
            `Ad-hoc actions did not reach position ${position} within ${timeoutMs} ms (at ${this.#position})`,
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.#waiters.push(waiter);
    });
  }

  #subscribe(): Subscription {
    const subscription = this.#options.eventStore.subscribeToAll(
      { after: this.#position, streamPrefixes: [AD_HOC_ACTION_STREAM_PREFIX] },
      (event) => this.#apply(event),
      (error) => this.#failed(error),
    );
    this.#subscription = subscription;
    return subscription;
  }

  #apply(recorded: RecordedEvent): void {
    if (AD_HOC_ACTION_EVENT_TYPES.has(recorded.type)) {
      const event = { type: recorded.type, data: recorded.data } as AdHocActionEvent;
      const k = key(event.data.namespace, event.data.name);
      const previous = this.#byKey.get(k);
      if (previous) this.#keyById.delete(previous.actionId);
      if (event.type === 'AdHocActionDeleted') {
        this.#byKey.delete(k);
      } else {
        const sameAction = event.type === 'AdHocActionUpdated' && previous !== undefined;
        this.#byKey.set(k, {
          ...event.data,
          createdAt: sameAction ? previous.createdAt : event.data.at,
          updatedAt: sameAction ? event.data.at : null,
        });
        this.#keyById.set(event.data.actionId, k);
      }
    }
    this.#position = recorded.position;
    this.#release();
  }

  #release(): void {
    const ready = this.#waiters.filter((w) => w.position <= this.#position);
    if (ready.length === 0) return;
    this.#waiters = this.#waiters.filter((w) => w.position > this.#position);
    for (const w of ready) w.resolve();
  }

  // The handler cannot fail on its own; a failing store does: resume from where we are.
  #failed(error: unknown): void {
    (this.#options.onError ?? ((e) => console.error('[ad-hoc actions] subscription failed', e)))(error);
    if (this.#stopped) return;
    this.#subscription = undefined;
    this.#restartTimer = setTimeout(() => {
      if (!this.#stopped) this.#subscribe();
    }, this.#options.restartDelayMs ?? 1000);
  }
}
