// The durable timer service. It follows the execution streams, keeps the
// pending timers (scheduled, not yet fired or cancelled, execution still
// running) in a heap with one OS timer for the earliest, and when a timer is
// due publishes TimerDue to the engine. The engine records TimerFired with
// the execution stream's expected revision, so a timer fires once however
// often TimerDue arrives; the service sees TimerFired and drops the timer.
//
// Several instances may run against the same store (high availability).
// Each publishes the same TimerDue with msgId `timer-<timerId>`: the bus
// drops the copy inside its duplicate window, and the engine ignores a
// TimerDue for a timer it already fired. No leader election is needed.
//
// A timer whose firing is not recorded within `retryAfterMs` (the message
// was lost, or the engine was down) is published again.
import type { EventStore, RecordedEvent } from '@sirocco/eventstore';
import {
  STREAMS,
  SUBJECTS,
  systemClock,
  type Clock,
  type MessageBus,
  type TimerDue,
} from '@sirocco/messaging';
import { EXECUTION_STREAM_PREFIX } from '@sirocco/workflow';
import { DeadlineAlarm } from '../internal/deadline-alarm.js';
import { LogFollower } from '../internal/follower.js';
import { silentLogger, type SchedulerLogger } from '../internal/log.js';
import { PendingTimers } from './pending-timers.js';
import { timerChangesOf, type PendingTimer } from './timer-changes.js';
import type { TimerStore } from './timer-store.js';

export interface TimerServiceOptions {
  readonly eventStore: EventStore;
  readonly bus: MessageBus;
  readonly timerStore: TimerStore;
  readonly clock?: Clock;
  /** Checkpoint name in the timer store; instances may share it. Default 'timers'. */
  readonly name?: string;
  /** Publish again when no firing was recorded after this long; default 60 s. */
  readonly retryAfterMs?: number;
  /** Store the checkpoint after this many events without timer changes; default 500. */
  readonly checkpointEvery?: number;
  /** Most timers published per wake-up, so a backlog never blocks the event loop; default 500. */
  readonly maxPerWake?: number;
  readonly log?: SchedulerLogger;
}

export interface TimerServiceStats {
  readonly pending: number;
  /** Last log position handled. */
  readonly position: number;
  readonly published: number;
}

export const timerDueMsgId = (timerId: string): string => `timer-${timerId}`;

export class TimerService {
  readonly #o: Required<Omit<TimerServiceOptions, 'clock' | 'log'>> & { clock: Clock; log: SchedulerLogger };
  readonly #pending = new PendingTimers();
  readonly #alarm: DeadlineAlarm;
  readonly #follower: LogFollower;
  #position = 0;
  #storedPosition = 0;
  #published = 0;
  #firing: Promise<void> | undefined;
  #running = false;

  constructor(options: TimerServiceOptions) {
    this.#o = {
      name: 'timers',
      retryAfterMs: 60_000,
      checkpointEvery: 500,
      maxPerWake: 500,
      ...options,
      clock: options.clock ?? systemClock,
      log: options.log ?? silentLogger,
    };
    this.#alarm = new DeadlineAlarm(this.#o.clock, () => void this.fireDue());
    this.#follower = new LogFollower({
      store: this.#o.eventStore,
      streamPrefixes: [EXECUTION_STREAM_PREFIX],
      name: 'timer service',
      log: this.#o.log,
      resumeFrom: () => this.#storedPosition || undefined,
      handle: (event) => this.#handle(event),
    });
  }

  stats(): TimerServiceStats {
    return { pending: this.#pending.size, position: this.#position, published: this.#published };
  }

  /** Loads the stored timers, then follows the log from the stored checkpoint; resolves once caught up. */
  async start(): Promise<void> {
    const { timerStore, name, bus } = this.#o;
    await bus.ensureStream(STREAMS.engine);
    await timerStore.migrate();
    const stored = await timerStore.load(name);
    for (const timer of stored.timers) this.#pending.add(timer);
    this.#position = this.#storedPosition = stored.checkpoint ?? 0;
    this.#running = true;
    this.#rearm();
    await this.#follower.start();
    this.#o.log.info('timer service caught up', { pending: this.#pending.size, position: this.#position });
  }

  /**
   * Stops following and firing. With `flush` (default) the checkpoint is
   * stored first; `flush: false` behaves like a killed process (tests).
   */
  async stop(options: { flush?: boolean } = {}): Promise<void> {
    this.#running = false;
    this.#alarm.disarm();
    await this.#follower.stop();
    await this.#firing;
    if (options.flush !== false && this.#position > this.#storedPosition) {
      await this.#o.timerStore.apply(this.#o.name, [], this.#position);
      this.#storedPosition = this.#position;
    }
  }

  /** Publishes every timer due now. The alarm calls it; tests may too. */
  fireDue(): Promise<void> {
    if (!this.#running) return Promise.resolve();
    this.#firing ??= this.#publishDue().finally(() => {
      this.#firing = undefined;
      this.#rearm();
    });
    return this.#firing;
  }

  async #publishDue(): Promise<void> {
    const { clock, retryAfterMs, maxPerWake } = this.#o;
    const now = clock.now();
    const due = this.#pending.takeDue(now, now + retryAfterMs, maxPerWake);
    await Promise.all(due.map((timer) => this.#publish(timer)));
  }

  async #publish(timer: PendingTimer): Promise<void> {
    const message: TimerDue = { kind: 'TimerDue', executionId: timer.executionId, timerId: timer.timerId };
    try {
      await this.#o.bus.publish(SUBJECTS.engine(timer.executionId), message, {
        msgId: timerDueMsgId(timer.timerId),
      });
      this.#published++;
    } catch (error) {
      // Try again soon rather than after the full retry period.
      if (this.#pending.has(timer.timerId))
        this.#pending.postpone(timer.timerId, this.#o.clock.now() + 1_000);
      this.#o.log.warn('publishing TimerDue failed; retrying in 1 s', {
        timerId: timer.timerId,
        error: String(error),
      });
    }
  }

  async #handle(event: RecordedEvent): Promise<void> {
    const changes = timerChangesOf(event);
    this.#position = event.position;
    if (changes.length > 0) {
      await this.#o.timerStore.apply(this.#o.name, changes, event.position);
      this.#storedPosition = event.position;
      for (const change of changes) this.#pending.apply(change);
      this.#rearm();
    } else if (event.position - this.#storedPosition >= this.#o.checkpointEvery) {
      await this.#o.timerStore.apply(this.#o.name, [], event.position);
      this.#storedPosition = event.position;
    }
  }

  #rearm(): void {
    if (!this.#running || this.#firing) return;
    this.#alarm.arm(this.#pending.nextDeadline());
  }
}
