// A task's life in a direct workflow: created (RUNNING, or WAITING for a
// join), its action scheduled, completed with publish, then its transitions
// decide what runs next. The two halves call each other (a task that fails
// before its action runs completes at once), so they share this file.
import type { TaskSpec } from '@sirocco/dsl';
import type { Decision } from './decision.js';
import type { TaskExecution } from './execution-state.js';
import { latestTaskExecution } from './execution-state.js';
import { expressionScope } from './expression-scope.js';
import { asRecord, pythonStr, tryEvaluateCondition, tryEvaluateData } from './evaluate.js';
import { checkAndComplete, failExecution, pauseExecution, succeedExecution } from './finish-execution.js';
import { validateInput } from './validate-input.js';
import { publishSpecFor } from './publish-spec.js';
import { arrangeCommands, findNextCommands, type NextCommand } from '../direct/transitions.js';
import { joinLogicalState } from '../direct/join.js';
import { isTerminalState } from '../states.js';

export interface TaskOutcome {
  readonly state: 'SUCCESS' | 'ERROR';
  /** Error text for ERROR outcomes. */
  readonly stateInfo?: string;
}

/** Runs the task named by a transition (Mistral's RunTask / RunExistingTask command). */
export const runTask = (d: Decision, name: string, triggeredBy: readonly string[]): void => {
  const spec = d.info.index.tasks.get(name);
  if (!spec) {
    failExecution(d, `Task '${name}' not found.`);
    return;
  }
  if (spec.join !== undefined) {
    runJoinTask(d, spec);
    return;
  }
  const id = d.ctx.newId();
  d.emit({
    type: 'TaskExecutionStarted',
    data: { taskExecutionId: id, taskName: name, state: 'RUNNING', triggeredBy, at: d.now },
  });
  startTaskWork(d, taskById(d, id));
};

const taskById = (d: Decision, id: string): TaskExecution => {
  const t = d.fold.tasks.get(id);
  if (!t) throw new Error(`Task execution ${id} vanished`);
  return t;
};

/** A join runs once: an existing waiting execution is re-evaluated instead of creating another. */
const runJoinTask = (d: Decision, spec: TaskSpec): void => {
  const existing = latestTaskExecution(d.fold, spec.name);
  const waiting = existing && existing.state === 'WAITING' ? existing : undefined;
  const logical = joinLogicalState(d.fold, spec);
  if (waiting) {
    applyJoinState(d, waiting, logical);
    return;
  }
  const id = d.ctx.newId();
  d.emit({
    type: 'TaskExecutionStarted',
    data: {
      taskExecutionId: id,
      taskName: spec.name,
      state: logical.state === 'RUNNING' ? 'RUNNING' : 'WAITING',
      triggeredBy: logical.state === 'RUNNING' ? logical.triggeredBy : [],
      ...(logical.state === 'WAITING' ? { stateInfo: logical.stateInfo } : {}),
      at: d.now,
    },
  });
  const task = taskById(d, id);
  if (logical.state === 'RUNNING') startTaskWork(d, task);
  else if (logical.state === 'ERROR') completeTask(d, task, { state: 'ERROR', stateInfo: logical.stateInfo });
};

const applyJoinState = (d: Decision, task: TaskExecution, logical: ReturnType<typeof joinLogicalState>): void => {
  if (logical.state === 'WAITING') return;
  if (logical.state === 'ERROR') {
    completeTask(d, task, { state: 'ERROR', stateInfo: logical.stateInfo });
    return;
  }
  d.emit({
    type: 'TaskExecutionStateChanged',
    data: { taskExecutionId: task.id, state: 'RUNNING', triggeredBy: logical.triggeredBy, at: d.now },
  });
  startTaskWork(d, task);
};

/** Joins left waiting are re-checked after each completion: a branch that went elsewhere may make them impossible. */
export const refreshWaitingJoins = (d: Decision): void => {
  for (const task of [...d.fold.tasks.values()]) {
    if (d.isFinished) return;
    if (task.state !== 'WAITING' || task.spec.join === undefined) continue;
    applyJoinState(d, task, joinLogicalState(d.fold, task.spec));
  }
};

/** Evaluates the task's input and schedules its action. */
export const startTaskWork = (d: Decision, task: TaskExecution): void => {
  const spec = task.spec;
  if (spec.type === 'workflow') {
    completeTask(d, task, { state: 'ERROR', stateInfo: 'Subworkflow tasks are not supported yet.' });
    return;
  }
  const scope = expressionScope(d.fold, { task });
  const input = tryEvaluateData(spec.input, scope);
  if (!input.ok) {
    completeTask(d, task, { state: 'ERROR', stateInfo: input.error });
    return;
  }
  const actionName = spec.action ?? 'std.noop';
  const action = d.ctx.resolveAction(actionName, d.info.workflowNamespace);
  if (!action) {
    completeTask(d, task, {
      state: 'ERROR',
      stateInfo: `Failed to find action [action_name=${actionName}, namespace=${d.info.workflowNamespace}]`,
    });
    return;
  }
  const actionInput = asRecord(input.value);
  const invalid = action.acceptsAnyInput ? undefined : validateInput(action.input, actionInput, actionName, 'action');
  if (invalid) {
    completeTask(d, task, { state: 'ERROR', stateInfo: invalid });
    return;
  }
  let target: string | undefined;
  if (spec.target !== undefined) {
    const t = tryEvaluateData(spec.target, scope);
    if (!t.ok) {
      completeTask(d, task, { state: 'ERROR', stateInfo: t.error });
      return;
    }
    target = t.value === null || t.value === undefined ? undefined : String(t.value);
  }
  d.emit({
    type: 'ActionExecutionScheduled',
    data: {
      actionExecutionId: d.ctx.newId(),
      taskExecutionId: task.id,
      actionName,
      input: actionInput,
      attempt: 1,
      ...(target !== undefined ? { target } : {}),
      at: d.now,
    },
  });
};

/** Publishes, decides transitions, records the completion, then acts on the transitions. */
export const completeTask = (d: Decision, task: TaskExecution, outcome: TaskOutcome): void => {
  let state = outcome.state;
  let stateInfo = outcome.stateInfo;
  const spec = task.spec;
  const scope = () => expressionScope(d.fold, { task });

  if (state === 'SUCCESS' && spec.policies.failOn !== undefined) {
    // The condition sees the task as succeeded, with its result.
    task.state = 'SUCCESS';
    const failOn = tryEvaluateCondition(spec.policies.failOn, scope());
    task.state = 'RUNNING';
    if (!failOn.ok) [state, stateInfo] = ['ERROR', failOn.error];
    else if (failOn.value) [state, stateInfo] = ['ERROR', 'Failed by fail-on policy'];
  }

  // Publish is evaluated with the task already in its final state (task().state).
  task.state = state;
  let published: Record<string, unknown> = {};
  let publishedGlobal: Record<string, unknown> | undefined;
  const publishSpec = publishSpecFor(spec, state);
  const pub = tryEvaluateData(publishSpec.branch, scope());
  if (pub.ok) published = asRecord(pub.value);
  else [state, stateInfo, published] = ['ERROR', pub.error, {}];
  if (pub.ok && Object.keys(publishSpec.global).length > 0) {
    const g = tryEvaluateData(publishSpec.global, scope());
    if (g.ok) publishedGlobal = asRecord(g.value);
    else [state, stateInfo, published] = ['ERROR', g.error, {}];
  }
  task.state = state;
  task.published = published;

  const next = findNextCommands(d.fold, task);
  task.state = 'RUNNING';
  task.published = {};
  const commands: NextCommand[] = next.ok ? next.value : [];
  const nextTasks = commands.flatMap((c) => (c.kind === 'task' ? [[c.task, c.event] as const] : []));
  d.emit({
    type: 'TaskExecutionCompleted',
    data: {
      taskExecutionId: task.id,
      state,
      ...(stateInfo !== undefined ? { stateInfo } : {}),
      published,
      ...(publishedGlobal ? { publishedGlobal } : {}),
      nextTasks,
      errorHandled: state === 'ERROR' && commands.some((c) => c.event === 'on-error'),
      ...(spec.keepResult === false ? { resultDiscarded: true } : {}),
      at: d.now,
    },
  });
  if (!next.ok) {
    failExecution(d, `Failed to evaluate transitions of task '${task.name}': ${next.error}`);
    return;
  }
  if (d.isFinished) return;
  for (const cmd of arrangeCommands(commands)) {
    if (d.isFinished) return;
    if (d.fold.state === 'PAUSED') break; // Later commands wait for resume (backlog: issue 7).
    if (cmd.kind === 'task') {
      runTask(d, cmd.task, [task.id]);
      continue;
    }
    const msg = cmd.params['msg'];
    const text = msg === undefined || msg === null ? undefined : typeof msg === 'string' ? msg : pythonStr(msg);
    if (cmd.command === 'fail') failExecution(d, text);
    else if (cmd.command === 'succeed') succeedExecution(d, text);
    else if (cmd.command === 'pause') pauseExecution(d, text);
  }
  refreshWaitingJoins(d);
  checkAndComplete(d);
};

/** An action finished: complete its task (retries and with-items come with the policies issue). */
export const onActionCompleted = (d: Decision, task: TaskExecution, state: 'SUCCESS' | 'ERROR', output: unknown): void => {
  if (isTerminalState(task.state)) return;
  completeTask(d, task, {
    state,
    ...(state === 'ERROR' ? { stateInfo: typeof output === 'string' ? output : pythonStr(output) } : {}),
  });
};
