// The scheduler role, composed over the ports: durable timers, cron
// triggers and event triggers. The apps (distributed scheduler process, standalone server) and
// the HA tests start it the same way; only the adapters differ.
import type { EventStore } from '@sirocco/eventstore';
import type { ExecutionService } from '@sirocco/engine';
import type { Clock, MessageBus } from '@sirocco/messaging';
import type { CatchUpPolicy } from './cron/catch-up-policy.js';
import { CronScheduler } from './cron/cron-scheduler.js';
import { CronTriggerIndex } from './cron/cron-trigger-index.js';
import { EventTriggerIndex } from './event-triggers/event-trigger-index.js';
import { EventTriggerListener } from './event-triggers/event-trigger-listener.js';
import { silentLogger, type SchedulerLogger } from './internal/log.js';
import { TimerService } from './timers/timer-service.js';
import type { TimerStore } from './timers/timer-store.js';

export interface SchedulerRolesOptions {
  readonly eventStore: EventStore;
  readonly bus: MessageBus;
  readonly timerStore: TimerStore;
  readonly executions: Pick<ExecutionService, 'start'>;
  readonly policy?: CatchUpPolicy;
  readonly clock?: Clock;
  readonly log?: SchedulerLogger;
  /** An index already followed by someone else (the standalone API shares one). */
  readonly cronIndex?: CronTriggerIndex;
  /** The bus event triggers listen on (NATS); absent: no event triggers run here. */
  readonly eventBus?: MessageBus;
  /** An event trigger index already followed by someone else. */
  readonly eventIndex?: EventTriggerIndex;
}

export interface SchedulerRoles {
  readonly timers: TimerService;
  readonly cronIndex: CronTriggerIndex;
  readonly cron: CronScheduler;
  readonly events: EventTriggerListener | undefined;
  ready(): boolean;
  stats(): Record<string, unknown>;
  /** Graceful; `abrupt` stops without flushing or waiting (tests: like a killed process). */
  stop(options?: { abrupt?: boolean }): Promise<void>;
}

export async function startSchedulerRoles(options: SchedulerRolesOptions): Promise<SchedulerRoles> {
  const log = options.log ?? silentLogger;
  const clock = options.clock ? { clock: options.clock } : {};
  const timers = new TimerService({
    eventStore: options.eventStore,
    bus: options.bus,
    timerStore: options.timerStore,
    log,
    ...clock,
  });
  const cronIndex = options.cronIndex ?? new CronTriggerIndex(options.eventStore, log);
  const cron = new CronScheduler({
    eventStore: options.eventStore,
    index: cronIndex,
    executions: options.executions,
    policy: options.policy ?? 'once',
    log,
    ...clock,
  });
  const eventIndex = options.eventBus
    ? (options.eventIndex ?? new EventTriggerIndex(options.eventStore, log))
    : undefined;
  const events =
    options.eventBus && eventIndex
      ? new EventTriggerListener({
          index: eventIndex,
          bus: options.eventBus,
          executions: options.executions,
          log,
        })
      : undefined;
  let ready = false;
  await timers.start();
  await cron.start();
  await events?.start();
  ready = true;
  return {
    timers,
    cronIndex,
    cron,
    events,
    ready: () => ready,
    stats: () => ({
      timers: timers.stats(),
      cron: cron.stats(),
      ...(events ? { events: events.stats() } : {}),
    }),
    async stop({ abrupt = false } = {}) {
      ready = false;
      await cron.stop({ abrupt });
      await events?.stop();
      if (!options.cronIndex) await cronIndex.stop();
      if (eventIndex && !options.eventIndex) await eventIndex.stop();
      await timers.stop({ flush: !abrupt });
    },
  };
}
