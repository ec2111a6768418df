// Runs cron triggers. Deadlines come from the trigger index into a heap with
// one OS timer for the earliest. A due slot is taken by appending
// CronTriggerFired with the stream's expected revision: of several
// scheduler instances, exactly one wins each slot, the others get a
// revision conflict and drop it.
//
// Executions are started from the log, not by the winner alone: every
// instance that sees CronTriggerFired live calls ExecutionService.start with
// the id derived from (trigger id, slot), so the start happens even if the
// winner dies right after its append, and the extra starts are no-ops in the
// core. On start, an instance also re-starts the last slot of each trigger
// taken within `recoveryWindowMs` (a crash while every instance was down).
import { WrongExpectedRevisionError, type EventStore } from '@sirocco/eventstore';
import type { ExecutionService } from '@sirocco/engine';
import { systemClock, type Clock } from '@sirocco/messaging';
import { isSiroccoError } from '@sirocco/workflow';
import { randomUUID } from 'node:crypto';
import { DeadlineAlarm } from '../internal/deadline-alarm.js';
import { KeyedMinHeap } from '../internal/keyed-min-heap.js';
import { silentLogger, type SchedulerLogger } from '../internal/log.js';
import { triggeredByDescription } from '../internal/triggered-by.js';
import type { CatchUpPolicy } from './catch-up-policy.js';
import { decideDueSlot } from './cron-decide.js';
import { cronTriggerStreamId, type CronTriggerFiredData } from './cron-events.js';
import type { CronTriggerChange, CronTriggerIndex } from './cron-trigger-index.js';

export interface CronSchedulerOptions {
  readonly eventStore: EventStore;
  readonly index: CronTriggerIndex;
  /** Only `start` is used. */
  readonly executions: Pick<ExecutionService, 'start'>;
  readonly clock?: Clock;
  readonly policy?: CatchUpPolicy;
  /** A slot later than this counts as missed; default 60 s. */
  readonly graceMs?: number;
  /** Re-start last slots taken this recently when starting; default 1 h. */
  readonly recoveryWindowMs?: number;
  /** Wait before looking at a slot again after a lost race or an error; default 1 s. */
  readonly retryMs?: number;
  readonly log?: SchedulerLogger;
}

export interface CronSchedulerStats {
  readonly scheduled: number;
  readonly slotsTaken: number;
  readonly lostRaces: number;
  readonly executionsStarted: number;
}

export class CronScheduler {
  readonly #o: CronSchedulerOptions & { clock: Clock; log: SchedulerLogger; policy: CatchUpPolicy };
  readonly #heap = new KeyedMinHeap<string>();
  readonly #alarm: DeadlineAlarm;
  #unsubscribe: (() => void) | undefined;
  #running = false;
  #busy: Promise<void> | undefined;
  readonly #starts = new Set<Promise<void>>();
  #stats = { slotsTaken: 0, lostRaces: 0, executionsStarted: 0 };

  constructor(options: CronSchedulerOptions) {
    this.#o = {
      ...options,
      clock: options.clock ?? systemClock,
      log: options.log ?? silentLogger,
      policy: options.policy ?? 'once',
    };
    this.#alarm = new DeadlineAlarm(this.#o.clock, () => void this.runDue());
  }

  stats(): CronSchedulerStats {
    return { scheduled: this.#heap.size, ...this.#stats };
  }

  async start(): Promise<void> {
    const { index } = this.#o;
    this.#unsubscribe = index.subscribe((change) => this.#onChange(change));
    await index.start();
    this.#running = true;
    for (const [name, state] of index.states()) {
      if (state.active) this.#heap.set(name, Date.parse(state.active.nextExecutionTime), name);
    }
    this.#recover();
    this.#rearm();
  }

  /** Stops taking slots; waits for starts in flight unless `abrupt` (tests: like a killed process). */
  async stop(options: { abrupt?: boolean } = {}): Promise<void> {
    this.#running = false;
    this.#alarm.disarm();
    this.#unsubscribe?.();
    if (options.abrupt) return;
    await this.#busy;
    await Promise.allSettled([...this.#starts]);
  }

  /** Takes every slot due now. The alarm calls it; tests may too. */
  runDue(): Promise<void> {
    if (!this.#running) return Promise.resolve();
    this.#busy ??= this.#takeDueSlots().finally(() => {
      this.#busy = undefined;
      this.#rearm();
    });
    return this.#busy;
  }

  async #takeDueSlots(): Promise<void> {
    const { clock, index, retryMs = 1_000 } = this.#o;
    const now = clock.now();
    for (let head = this.#heap.peek(); head && head.at <= now && this.#running; head = this.#heap.peek()) {
      // Look again later unless the index brings the trigger's next deadline first.
      this.#heap.set(head.key, now + retryMs, head.key);
      const state = index.state(head.key);
      if (!state?.active) {
        this.#heap.remove(head.key);
        continue;
      }
      await this.#takeSlot(head.key, now);
    }
  }

  async #takeSlot(name: string, now: number): Promise<void> {
    const { index, eventStore, policy, graceMs, log } = this.#o;
    const state = index.state(name);
    if (!state) return;
    let events;
    try {
      events = decideDueSlot(state, { now, policy, ...(graceMs === undefined ? {} : { graceMs }) });
    } catch (error) {
      log.error('cron trigger cannot compute its next run', { trigger: name, error: String(error) });
      return;
    }
    if (events.length === 0) return;
    try {
      await eventStore.append(
        cronTriggerStreamId(name),
        events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data })),
        state.revision,
      );
      this.#stats.slotsTaken++;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) {
        this.#stats.lostRaces++; // another instance took it, or the trigger changed
        return;
      }
      log.warn('taking a cron slot failed; retrying', { trigger: name, error: String(error) });
    }
  }

  #onChange(change: CronTriggerChange): void {
    const active = change.state.active;
    if (active) this.#heap.set(change.name, Date.parse(active.nextExecutionTime), change.name);
    else this.#heap.remove(change.name);
    if (change.live && this.#running && change.event.type === 'CronTriggerFired')
      this.#startExecution(change.event.data);
    this.#rearm();
  }

  #recover(): void {
    const { clock, index, recoveryWindowMs = 3_600_000 } = this.#o;
    const since = clock.now() - recoveryWindowMs;
    for (const [, state] of index.states()) {
      if (state.lastFire && Date.parse(state.lastFire.at) >= since) this.#startExecution(state.lastFire);
    }
  }

  #startExecution(fire: CronTriggerFiredData): void {
    const run = this.#startWithRetries(fire).finally(() => this.#starts.delete(run));
    this.#starts.add(run);
  }

  async #startWithRetries(fire: CronTriggerFiredData): Promise<void> {
    const { executions, log } = this.#o;
    for (let attempt = 1; ; attempt++) {
      try {
        const { position } = await executions.start({
          workflowId: fire.workflowId,
          namespace: fire.workflowNamespace,
          input: fire.workflowInput,
          params: fire.workflowParams,
          description: triggeredByDescription('cron_trigger', fire.triggerId, fire.triggerName),
          executionId: fire.executionId,
        });
        if (position >= 0) this.#stats.executionsStarted++;
        return;
      } catch (error) {
        // A definite answer (workflow gone, input no longer valid): log, as Mistral does, and move on.
        if (isSiroccoError(error) || attempt >= 5 || !this.#running) {
          log.error('cron trigger could not start its workflow', {
            trigger: fire.triggerName,
            scheduledFor: fire.scheduledFor,
            executionId: fire.executionId,
            error: String(error),
          });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }

  #rearm(): void {
    if (!this.#running || this.#busy) return;
    this.#alarm.arm(this.#heap.peek()?.at);
  }
}
