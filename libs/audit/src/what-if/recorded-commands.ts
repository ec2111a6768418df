// The commands a recorded history implies. Some events are inputs (something
// outside the decider happened: a start request, an action result, a timer
// firing); the events after each input, up to the next one, are what the
// decider made of it.
import type { WorkflowSpec } from '@sirocco/dsl';
import type { ExecutionCommand, ExecutionEvent } from '@sirocco/workflow';
import type { IdMap } from './id-map.js';

export const INPUT_EVENT_TYPES: ReadonlySet<string> = new Set([
  'ExecutionStarted',
  'ActionExecutionCompleted',
  'TimerFired',
]);

/** A cancelled action's completion is decided (by a cancel), not reported by an executor. */
const isInput = (e: ExecutionEvent): boolean =>
  INPUT_EVENT_TYPES.has(e.type) && !(e.type === 'ActionExecutionCompleted' && e.data.state === 'CANCELLED');

/** Index of the next input event after `from`, or the history's length. */
export const nextInputIndex = (history: readonly ExecutionEvent[], from: number): number => {
  for (let i = from + 1; i < history.length; i++) if (isInput(history[i]!)) return i;
  return history.length;
};

export interface CommandOptions {
  readonly spec: WorkflowSpec;
  readonly definitionRevision: number;
  /** How a timer firing is told to the decider; default the FireTimer command. */
  readonly timerCommand?: (timerId: string) => ExecutionCommand;
}

export type RecordedCommand =
  { readonly ok: true; readonly command: ExecutionCommand } | { readonly ok: false; readonly reason: string };

/** The command that, given to the decider in the other version's run, stands for `input`. */
export function commandFor(input: ExecutionEvent, ids: IdMap, options: CommandOptions): RecordedCommand {
  switch (input.type) {
    case 'ExecutionStarted': {
      const d = input.data;
      return {
        ok: true,
        command: {
          type: 'StartExecution',
          executionId: d.executionId,
          workflowId: d.workflowId,
          workflowName: d.workflowName,
          workflowNamespace: d.workflowNamespace,
          spec: options.spec,
          definitionRevision: options.definitionRevision,
          input: d.input,
          params: d.params,
          description: d.description,
          rootExecutionId: d.rootExecutionId,
          ...(d.parentExecutionId ? { parentExecutionId: d.parentExecutionId } : {}),
          ...(d.parentTaskExecutionId ? { parentTaskExecutionId: d.parentTaskExecutionId } : {}),
        },
      };
    }
    case 'ActionExecutionCompleted': {
      const d = input.data;
      const actionExecutionId = ids.decidedIdOf(d.actionExecutionId);
      if (!actionExecutionId) {
        return {
          ok: false,
          reason: `the other version never scheduled action execution ${d.actionExecutionId}`,
        };
      }
      // A recorded CANCELLED result came from cancelling, not from an executor.
      if (d.state === 'CANCELLED')
        return { ok: false, reason: 'action cancellation cannot be re-driven yet' };
      return {
        ok: true,
        // Ad-hoc actions: feed back what the executor said, so the output transforms run once.
        command:
          d.rawOutput !== undefined
            ? { type: 'ReportActionResult', actionExecutionId, state: 'SUCCESS', output: d.rawOutput }
            : { type: 'ReportActionResult', actionExecutionId, state: d.state, output: d.output },
      };
    }
    case 'TimerFired': {
      const timerId = ids.decidedIdOf(input.data.timerId);
      if (!timerId)
        return { ok: false, reason: `the other version never scheduled timer ${input.data.timerId}` };
      return { ok: true, command: options.timerCommand?.(timerId) ?? { type: 'FireTimer', timerId } };
    }
    default:
      return { ok: false, reason: `${input.type} is not an input the what-if replay can re-drive` };
  }
}
