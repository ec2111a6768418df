// Streams and subjects Sirocco uses. One place, so apps and adapters agree.
import type { StreamConfig } from './message-bus.js';

export const SUBJECTS = {
  /** Work for executors: `sirocco.actions.<queue>`; queue = task `target` or `default`. */
  action: (queue: string): string => `sirocco.actions.${queue}`,
  actionsAll: 'sirocco.actions.>',
  /** Inputs for the engine about one execution: results, timer fires, commands. */
  engine: (executionId: string): string => `sirocco.engine.${executionId}`,
  engineAll: 'sirocco.engine.>',
  /** Timers for the scheduler to hold. */
  timer: 'sirocco.timers.schedule',
  timersAll: 'sirocco.timers.>',
  /** Marks that an action's result is recorded: a redelivered work item for it is not run again. */
  actionDone: (actionExecutionId: string): string => `sirocco.done.${actionExecutionId}`,
  actionDoneAll: 'sirocco.done.>',
} as const;

export const DEFAULT_ACTION_QUEUE = 'default';

export const STREAMS: Record<'actions' | 'engine' | 'timers' | 'actionsDone', StreamConfig> = {
  actions: {
    name: 'SIROCCO_ACTIONS',
    subjects: [SUBJECTS.actionsAll],
    retention: 'workqueue',
    duplicateWindowMs: 120_000,
  },
  engine: {
    name: 'SIROCCO_ENGINE',
    subjects: [SUBJECTS.engineAll],
    retention: 'workqueue',
    duplicateWindowMs: 120_000,
  },
  timers: {
    name: 'SIROCCO_TIMERS',
    subjects: [SUBJECTS.timersAll],
    retention: 'workqueue',
    duplicateWindowMs: 120_000,
  },
  /** Kept a day: longer than any work item waits for a redelivery. */
  actionsDone: {
    name: 'SIROCCO_ACTIONS_DONE',
    subjects: [SUBJECTS.actionDoneAll],
    retention: 'limits',
    duplicateWindowMs: 120_000,
    maxAgeMs: 24 * 3_600_000,
  },
};
