// Which transitions fire when a task completes (Mistral's _find_next_tasks):
// on-error for ERROR, on-success for SUCCESS, then on-complete for both, each
// clause in document order, conditions evaluated over the task's outbound
// context.
import type { EngineCommandName, OnClauseSpec } from '@sirocco/dsl';
import type { TransitionEvent } from '../events.js';
import type { ExecutionFold, TaskExecution } from '../execution/execution-state.js';
import { outboundContext } from '../execution/data-flow.js';
import { expressionScope } from '../execution/expression-scope.js';
import { asRecord, tryEvaluateCondition, tryEvaluateData, type Evaluated } from '../execution/evaluate.js';

export type NextCommand =
  | { readonly kind: 'task'; readonly task: string; readonly event: TransitionEvent }
  | {
      readonly kind: 'engine';
      readonly command: EngineCommandName;
      readonly params: Record<string, unknown>;
      readonly event: TransitionEvent;
    };

const clausesFor = (task: TaskExecution): [OnClauseSpec | undefined, TransitionEvent][] => {
  const spec = task.spec;
  const out: [OnClauseSpec | undefined, TransitionEvent][] = [];
  if (task.state === 'ERROR') out.push([spec.onError, 'on-error']);
  if (task.state === 'SUCCESS') out.push([spec.onSuccess, 'on-success']);
  if (task.state === 'SUCCESS' || task.state === 'ERROR') out.push([spec.onComplete, 'on-complete']);
  return out;
};

export const findNextCommands = (
  fold: ExecutionFold,
  task: TaskExecution,
  newId?: () => string,
): Evaluated<NextCommand[]> => {
  const scope = expressionScope(fold, { task, inContext: outboundContext(task) }, newId);
  const result: NextCommand[] = [];
  for (const [clause, event] of clausesFor(task)) {
    for (const t of clause?.next ?? []) {
      const cond = tryEvaluateCondition(t.condition, scope);
      if (!cond.ok) return cond;
      if (!cond.value) continue;
      if (t.kind === 'task') {
        result.push({ kind: 'task', task: t.task, event });
      } else {
        const params = tryEvaluateData(t.params, scope);
        if (!params.ok) return params;
        result.push({ kind: 'engine', command: t.command, params: asRecord(params.value), event });
      }
    }
  }
  return { ok: true, value: result };
};

/**
 * Mistral's command ordering: noops dropped; a fail/succeed that comes first
 * wins alone; otherwise tasks before it run first; a pause keeps everything.
 */
export const arrangeCommands = (commands: readonly NextCommand[]): NextCommand[] => {
  const cmds = commands.filter((c) => !(c.kind === 'engine' && c.command === 'noop'));
  const stateIdx = cmds.findIndex((c) => c.kind === 'engine');
  if (stateIdx < 0) return cmds;
  const stateCmd = cmds[stateIdx];
  if (stateCmd?.kind !== 'engine') return cmds;
  if (stateIdx === 0 && stateCmd.command !== 'pause') return [stateCmd];
  const head = cmds.slice(0, stateIdx);
  return stateCmd.command === 'pause' ? [...head, stateCmd, ...cmds.slice(stateIdx + 1)] : [...head, stateCmd];
};
