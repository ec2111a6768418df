// The fold of one cron trigger stream: the live incarnation (if any) and the
// last slot taken, which a scheduler may still have to start.
import type { CronTriggerDefinition, CronTriggerEvent, CronTriggerFiredData } from './cron-events.js';

export interface ActiveCronTrigger extends CronTriggerDefinition {
  readonly nextExecutionTime: string;
  readonly remainingExecutions: number | null;
  readonly createdAt: string;
  /** Null until the first run or skip, as Mistral's `updated_at`. */
  readonly updatedAt: string | null;
}

export interface CronTriggerState {
  /** Revision of the last event folded; -1 for an empty stream. */
  readonly revision: number;
  /** Global position of the last event folded. */
  readonly position: number;
  readonly active: ActiveCronTrigger | undefined;
  readonly lastFire: CronTriggerFiredData | undefined;
}

export const emptyCronTriggerState: CronTriggerState = {
  revision: -1,
  position: 0,
  active: undefined,
  lastFire: undefined,
};

export function evolveCronTrigger(
  state: CronTriggerState,
  event: CronTriggerEvent,
  revision: number,
  position: number,
): CronTriggerState {
  const next = { ...state, revision, position };
  switch (event.type) {
    case 'CronTriggerCreated': {
      const { at, nextExecutionTime, remainingExecutions, ...definition } = event.data;
      return {
        ...next,
        active: { ...definition, nextExecutionTime, remainingExecutions, createdAt: at, updatedAt: null },
      };
    }
    case 'CronTriggerFired': {
      const d = event.data;
      const active =
        state.active && state.active.triggerId === d.triggerId && d.nextExecutionTime !== null
          ? {
              ...state.active,
              nextExecutionTime: d.nextExecutionTime,
              remainingExecutions: d.remainingExecutions,
              updatedAt: d.at,
            }
          : state.active;
      return { ...next, active, lastFire: d };
    }
    case 'CronTriggerSkipped': {
      const d = event.data;
      const active =
        state.active && state.active.triggerId === d.triggerId && d.nextExecutionTime !== null
          ? { ...state.active, nextExecutionTime: d.nextExecutionTime, updatedAt: d.at }
          : state.active;
      return { ...next, active };
    }
    case 'CronTriggerDeleted':
      return { ...next, active: state.active?.triggerId === event.data.triggerId ? undefined : state.active };
  }
}
