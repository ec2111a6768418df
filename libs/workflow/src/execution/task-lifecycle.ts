// A task's life: created (RUNNING, or WAITING for a join), the policies that
// run before it starts (pause-before, timeout, wait-before), its work (one
// action, or one per with-items item), the policies that run after
// (wait-after, fail-on, retry), then publish and the transitions that decide
// what runs next. The steps call each other (a task that fails before its
// action runs completes at once), so they share this file.
import type { TaskSpec } from '@sirocco/dsl';
import type { Decision } from './decision.js';
import type { ActionExecution, TaskExecution } from './execution-state.js';
import { latestTaskExecution } from './execution-state.js';
import { outboundContext } from './data-flow.js';
import { expressionScope } from './expression-scope.js';
import { asRecord, pythonStr, tryEvaluateCondition, tryEvaluateData } from './evaluate.js';
import { checkAndComplete, failExecution, pauseExecution, succeedExecution } from './finish-execution.js';
import { publishSpecFor } from './publish-spec.js';
import { decideRetry, evaluateFlag, evaluateNumber } from './policies.js';
import { cancelTaskTimers, scheduleTimer } from './timers.js';
import { prepareActionRun } from './action-run.js';
import { prepareSubworkflowRun } from './subworkflow-run.js';
import { expandWithItems } from './with-items.js';
import { arrangeCommands, findNextCommands, type NextCommand } from '../direct/transitions.js';
import type { DeferredCommand } from '../events.js';
import { joinLogicalState } from '../direct/join.js';
import { satisfiedReverseTasks } from '../reverse/reverse-workflow.js';
import { isTerminalState } from '../states.js';

export interface TaskOutcome {
  readonly state: 'SUCCESS' | 'ERROR';
  /** Error text for ERROR outcomes. */
  readonly stateInfo?: string;
}

const taskById = (d: Decision, id: string): TaskExecution => {
  const t = d.fold.tasks.get(id);
  if (!t) throw new Error(`Task execution ${id} vanished`);
  return t;
};

const fail = (d: Decision, task: TaskExecution, stateInfo: string): void =>
  completeTask(d, task, { state: 'ERROR', stateInfo });

/** Reverse workflows: start every needed task whose requirements are now met. */
export const runSatisfiedReverseTasks = (d: Decision): void => {
  for (const { name, upstream } of satisfiedReverseTasks(d.fold)) {
    if (d.isFinished || d.fold.state === 'PAUSED') return;
    runTask(d, name, upstream);
  }
};

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
  beginTask(d, taskById(d, id));
};

/** A join runs once: an existing waiting execution is re-evaluated instead of creating another. */
const runJoinTask = (d: Decision, spec: TaskSpec): void => {
  const existing = latestTaskExecution(d.fold, spec.name);
  const logical = joinLogicalState(d.fold, spec);
  if (existing && existing.state === 'WAITING') {
    applyJoinState(d, existing, logical);
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
  if (logical.state === 'RUNNING') beginTask(d, task);
  else if (logical.state === 'ERROR') fail(d, task, logical.stateInfo);
};

const applyJoinState = (d: Decision, task: TaskExecution, logical: ReturnType<typeof joinLogicalState>): void => {
  if (logical.state === 'WAITING') return;
  if (logical.state === 'ERROR') {
    fail(d, task, logical.stateInfo);
    return;
  }
  d.emit({
    type: 'TaskExecutionStateChanged',
    data: { taskExecutionId: task.id, state: 'RUNNING', triggeredBy: logical.triggeredBy, at: d.now },
  });
  beginTask(d, task);
};

/** Joins left waiting are re-checked after each completion: a branch that went elsewhere may make them impossible. */
export const refreshWaitingJoins = (d: Decision): void => {
  for (const id of [...d.fold.activeTaskIds]) {
    if (d.isFinished) return;
    const task = d.fold.tasks.get(id);
    if (!task || task.state !== 'WAITING' || task.spec.join === undefined) continue;
    applyJoinState(d, task, joinLogicalState(d.fold, task.spec));
  }
};

/** Policies that act before the task's work starts: pause-before, timeout, wait-before. */
const beginTask = (d: Decision, task: TaskExecution, options: { skipPauseBefore?: boolean } = {}): void => {
  const policies = task.spec.policies;
  const scope = expressionScope(d.fold, { task }, d.ctx.newId);
  const pause = options.skipPauseBefore ? { ok: true as const, value: false } : evaluateFlag(policies.pauseBefore, scope);
  if (!pause.ok) return fail(d, task, pause.error);
  if (pause.value) {
    d.emit({
      type: 'TaskExecutionStateChanged',
      data: { taskExecutionId: task.id, state: 'IDLE', stateInfo: "Set by 'pause-before' policy", at: d.now },
    });
    pauseExecution(d);
    return;
  }
  const timeout = evaluateNumber(policies.timeout, scope, 'timeout');
  if (!timeout.ok) return fail(d, task, timeout.error);
  if (timeout.value > 0) scheduleTimer(d, 'timeout', timeout.value, task.id);
  const waitBefore = evaluateNumber(policies.waitBefore, scope, 'wait-before');
  if (!waitBefore.ok) return fail(d, task, waitBefore.error);
  if (waitBefore.value > 0) {
    d.emit({
      type: 'TaskExecutionStateChanged',
      data: {
        taskExecutionId: task.id,
        state: 'RUNNING_DELAYED',
        stateInfo: `Delayed by 'wait-before' policy [delay=${waitBefore.value}]`,
        at: d.now,
      },
    });
    scheduleTimer(d, 'wait-before', waitBefore.value, task.id);
    return;
  }
  startTaskWork(d, task);
};

/** Schedules the task's action(s): one, or the first batch of with-items iterations. */
const startTaskWork = (d: Decision, task: TaskExecution): void => {
  const spec = task.spec;
  if (!spec.withItems) {
    const error = scheduleAction(d, task, undefined, undefined);
    if (error !== undefined) fail(d, task, error);
    return;
  }
  if (!task.withItems) {
    const expanded = expandWithItems(d.fold, task, d.ctx.newId);
    if (!expanded.ok) return fail(d, task, expanded.error);
    d.emit({
      type: 'WithItemsExpanded',
      data: { taskExecutionId: task.id, items: expanded.value.items, concurrency: expanded.value.concurrency, at: d.now },
    });
    if (expanded.value.items.length === 0) return completeTask(d, task, { state: 'SUCCESS' });
  }
  scheduleMoreItems(d, task);
};

/** Fills the with-items window up to the concurrency limit. */
const scheduleMoreItems = (d: Decision, task: TaskExecution): void => {
  const items = task.withItems;
  if (!items) return;
  while (items.queuePos < items.queue.length && (items.concurrency === 0 || items.running < items.concurrency)) {
    const index = items.queue[items.queuePos] ?? 0;
    const error = scheduleAction(d, task, index, items.items[index]);
    if (error !== undefined) return fail(d, task, error);
  }
};

/** Evaluates input, resolves the action and records it as scheduled; returns an error text instead when it cannot run. */
const scheduleAction = (
  d: Decision,
  task: TaskExecution,
  itemIndex: number | undefined,
  itemValues: Readonly<Record<string, unknown>> | undefined,
): string | undefined => {
  if (task.spec.type === 'workflow') {
    const sub = prepareSubworkflowRun(d, task, itemValues);
    if (!sub.ok) return sub.error;
    d.emit({
      type: 'SubworkflowScheduled',
      data: {
        actionExecutionId: d.ctx.newId(),
        taskExecutionId: task.id,
        ...sub.value,
        ...(itemIndex !== undefined ? { itemIndex } : {}),
        attempt: task.retryNo + 1,
        at: d.now,
      },
    });
    return undefined;
  }
  const prepared = prepareActionRun(d, task, itemValues);
  if (!prepared.ok) return prepared.error;
  d.emit({
    type: 'ActionExecutionScheduled',
    data: {
      actionExecutionId: d.ctx.newId(),
      taskExecutionId: task.id,
      ...prepared.value,
      ...(itemIndex !== undefined ? { itemIndex } : {}),
      attempt: task.retryNo + 1,
      at: d.now,
    },
  });
  return undefined;
};

/** An action finished: count the item, or finish the attempt. */
export const onActionCompleted = (d: Decision, task: TaskExecution, action: ActionExecution): void => {
  if (isTerminalState(task.state) || !action.accepted) return;
  const items = task.withItems;
  if (!items) {
    const error = action.state === 'ERROR';
    finishAttempt(d, task, {
      state: error ? 'ERROR' : 'SUCCESS',
      ...(error ? { stateInfo: typeof action.output === 'string' ? action.output : pythonStr(action.output) } : {}),
    });
    return;
  }
  if (items.queuePos >= items.queue.length && items.running === 0) {
    finishAttempt(
      d,
      task,
      items.failed > 0 ? { state: 'ERROR', stateInfo: 'One or more actions had failed.' } : { state: 'SUCCESS' },
    );
    return;
  }
  scheduleMoreItems(d, task);
};

/** The attempt's outcome is known: wait-after may delay it before completion. */
const finishAttempt = (d: Decision, task: TaskExecution, outcome: TaskOutcome): void => {
  if (!task.waitAfterDone) {
    const waitAfter = evaluateNumber(task.spec.policies.waitAfter, expressionScope(d.fold, { task }, d.ctx.newId), 'wait-after');
    if (!waitAfter.ok) return completeTask(d, task, { state: 'ERROR', stateInfo: waitAfter.error });
    if (waitAfter.value > 0) {
      d.emit({
        type: 'TaskExecutionStateChanged',
        data: {
          taskExecutionId: task.id,
          state: 'RUNNING_DELAYED',
          stateInfo: `Delayed by 'wait-after' policy [delay=${waitAfter.value}]`,
          at: d.now,
        },
      });
      scheduleTimer(d, 'wait-after', waitAfter.value, task.id);
      return;
    }
  }
  completeTask(d, task, outcome);
};

/** The outcome of the task's latest attempt, from its recorded action results. */
const attemptOutcome = (d: Decision, task: TaskExecution): TaskOutcome => {
  if (task.withItems) {
    return task.withItems.failed > 0 ? { state: 'ERROR', stateInfo: 'One or more actions had failed.' } : { state: 'SUCCESS' };
  }
  const action = task.latestActionId ? d.fold.actions.get(task.latestActionId) : undefined;
  if (action?.state === 'ERROR') {
    return { state: 'ERROR', stateInfo: typeof action.output === 'string' ? action.output : pythonStr(action.output) };
  }
  return { state: 'SUCCESS' };
};

/** Acts on a completed task's transitions; what a pause leaves undone is recorded for resume. */
const runCommands = (d: Decision, task: TaskExecution, commands: readonly DeferredCommand[]): void => {
  for (let i = 0; i < commands.length; i++) {
    if (d.isFinished) return;
    if (d.fold.state === 'PAUSED') {
      d.emit({ type: 'TaskTransitionsDeferred', data: { taskExecutionId: task.id, commands: commands.slice(i), at: d.now } });
      return;
    }
    const cmd = commands[i];
    if (!cmd) continue;
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
};

/**
 * Resume: tasks held by pause-before start, and transitions held back by the
 * pause run, in the order their tasks were created.
 */
export const resumeTasks = (d: Decision): void => {
  for (const task of [...d.fold.tasks.values()]) {
    if (d.isFinished || d.fold.state === 'PAUSED') return;
    if (task.state === 'IDLE') {
      d.emit({ type: 'TaskExecutionStateChanged', data: { taskExecutionId: task.id, state: 'RUNNING', at: d.now } });
      beginTask(d, task, { skipPauseBefore: true });
    } else if (task.deferred.length > 0) {
      const commands = task.deferred;
      d.emit({ type: 'TaskTransitionsResumed', data: { taskExecutionId: task.id, at: d.now } });
      runCommands(d, task, commands);
    }
  }
  if (d.info.spec.type === 'reverse') runSatisfiedReverseTasks(d);
  refreshWaitingJoins(d);
  checkAndComplete(d);
};

/** Runs a failed task again (PUT /v2/tasks/{id} state=RUNNING); without reset, a with-items task reruns only its failed items. */
export const rerunTask = (d: Decision, task: TaskExecution, reset: boolean): void => {
  if (d.fold.state === 'ERROR') d.emit({ type: 'ExecutionStateChanged', data: { state: 'RUNNING', at: d.now } });
  d.emit({ type: 'TaskExecutionRerun', data: { taskExecutionId: task.id, reset, at: d.now } });
  beginTask(d, task);
};

/** A durable timer is due. */
export const onTimerFired = (d: Decision, timerId: string): void => {
  const timer = d.fold.timers.get(timerId);
  if (!timer) return; // fired or cancelled before: a duplicate delivery
  d.emit({ type: 'TimerFired', data: { timerId, at: d.now } });
  const task = timer.taskExecutionId ? d.fold.tasks.get(timer.taskExecutionId) : undefined;
  if (!task || isTerminalState(task.state) || d.isFinished) return;
  switch (timer.purpose) {
    case 'wait-before':
      d.emit({ type: 'TaskExecutionStateChanged', data: { taskExecutionId: task.id, state: 'RUNNING', at: d.now } });
      startTaskWork(d, task);
      return;
    case 'wait-after':
      completeTask(d, task, attemptOutcome(d, task));
      return;
    case 'retry':
      retryTask(d, task);
      return;
    case 'timeout': {
      const seconds = evaluateNumber(task.spec.policies.timeout, expressionScope(d.fold, { task }, d.ctx.newId), 'timeout');
      fail(d, task, `Task timed out [timeout(s)=${seconds.ok ? seconds.value : '?'}].`);
      return;
    }
  }
};

const retryTask = (d: Decision, task: TaskExecution): void => {
  d.emit({ type: 'TaskExecutionRetried', data: { taskExecutionId: task.id, retryNo: task.retryNo + 1, at: d.now } });
  startTaskWork(d, task);
};

/** fail-on, publish, retry; then records the completion and acts on the transitions. */
export const completeTask = (d: Decision, task: TaskExecution, outcome: TaskOutcome): void => {
  if (isTerminalState(task.state)) return;
  let state = outcome.state;
  let stateInfo = outcome.stateInfo;
  const spec = task.spec;
  const scope = () => expressionScope(d.fold, { task }, d.ctx.newId);
  const previousState = task.state;

  // Expressions below see the task in its final state (task().state), as Mistral sets it first.
  task.state = state;
  if (state === 'SUCCESS' && spec.policies.failOn !== undefined) {
    const failOn = tryEvaluateCondition(spec.policies.failOn, scope());
    if (!failOn.ok) [state, stateInfo] = ['ERROR', failOn.error];
    else if (failOn.value) [state, stateInfo] = ['ERROR', "Failed by 'fail-on' policy"];
    task.state = state;
  }

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

  if (spec.policies.retry) {
    const retry = decideRetry(
      spec.policies.retry,
      state,
      task.retryNo,
      expressionScope(d.fold, { task, inContext: outboundContext(task) }, d.ctx.newId),
    );
    if (retry.ok && retry.value.retry) {
      task.state = previousState;
      task.published = {};
      if (retry.value.delay > 0) {
        d.emit({
          type: 'TaskExecutionStateChanged',
          data: {
            taskExecutionId: task.id,
            state: 'RUNNING_DELAYED',
            stateInfo: `Delayed by 'retry' policy [delay=${retry.value.delay}]`,
            at: d.now,
          },
        });
        scheduleTimer(d, 'retry', retry.value.delay, task.id);
      } else {
        retryTask(d, task);
      }
      return;
    }
    if (!retry.ok) [state, stateInfo] = ['ERROR', retry.error];
  }

  const next = findNextCommands(d.fold, task, d.ctx.newId);
  task.state = previousState;
  task.published = {};
  const commands: NextCommand[] = next.ok ? next.value : [];
  const nextTasks = commands.flatMap((c) => (c.kind === 'task' ? [[c.task, c.event] as const] : []));
  cancelTaskTimers(d, task.id);
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
  if (d.info.spec.type === 'reverse') {
    runSatisfiedReverseTasks(d);
    checkAndComplete(d);
    return;
  }
  runCommands(d, task, arrangeCommands(commands));
  refreshWaitingJoins(d);
  checkAndComplete(d);
};
