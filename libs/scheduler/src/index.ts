// @sirocco/scheduler: durable timers, cron triggers and event triggers, safe
// to run in several instances at once (see timer-service.ts,
// cron-scheduler.ts and event-trigger-listener.ts).
export {
  TimerService,
  timerDueMsgId,
  type TimerServiceOptions,
  type TimerServiceStats,
} from './timers/timer-service.js';
export { timerChangesOf, type PendingTimer, type TimerChange } from './timers/timer-changes.js';
export { InMemoryTimerStore, type StoredTimers, type TimerStore } from './timers/timer-store.js';
export { SqlTimerStore } from './timers/sql-timer-store.js';
export { PendingTimers } from './timers/pending-timers.js';
export * from './cron/cron-events.js';
export {
  emptyCronTriggerState,
  evolveCronTrigger,
  type ActiveCronTrigger,
  type CronTriggerState,
} from './cron/cron-state.js';
export {
  cronSchedule,
  isValidTimeZone,
  InvalidCronPattern,
  InvalidTimeZone,
  type CronSchedule,
} from './cron/cron-schedule.js';
export { decideDueSlot, type FireContext } from './cron/cron-decide.js';
export { CATCH_UP_POLICIES, parseCatchUpPolicy, type CatchUpPolicy } from './cron/catch-up-policy.js';
export { cronExecutionId, derivedUuid } from './cron/derived-id.js';
export {
  CronTriggerIndex,
  type CronTriggerChange,
  type CronTriggerListener,
} from './cron/cron-trigger-index.js';
export { CronScheduler, type CronSchedulerOptions, type CronSchedulerStats } from './cron/cron-scheduler.js';
export {
  CronTriggerService,
  parseFirstExecutionTime,
  type CreateCronTriggerRequest,
  type CronTriggerServiceOptions,
} from './cron/cron-trigger-service.js';
export * from './event-triggers/event-trigger-events.js';
export {
  emptyEventTriggerState,
  evolveEventTrigger,
  type ActiveEventTrigger,
  type EventTriggerState,
} from './event-triggers/event-trigger-state.js';
export { EventTriggerIndex, type EventTriggerChange } from './event-triggers/event-trigger-index.js';
export {
  EventTriggerService,
  type CreateEventTriggerRequest,
  type UpdateEventTriggerRequest,
  type EventTriggerServiceOptions,
} from './event-triggers/event-trigger-service.js';
export {
  EventTriggerListener,
  type EventTriggerListenerOptions,
  type EventTriggerListenerStats,
} from './event-triggers/event-trigger-listener.js';
export {
  checkEventSource,
  eventSourceStream,
  eventSourceSubjects,
  type EventSource,
} from './event-triggers/event-source.js';
export {
  eventExecutionId,
  eventParams,
  notificationOf,
  startRequestFor,
  triggersFor,
  type TriggerNotification,
} from './event-triggers/trigger-notification.js';
export type { SchedulerLogger, LogFields } from './internal/log.js';
export { startSchedulerRoles, type SchedulerRoles, type SchedulerRolesOptions } from './scheduler-roles.js';
