// evolve: fold one execution event into the state. Deterministic: no clock,
// no ids, no expression evaluation (events carry evaluated values). Every
// event costs O(1) (plus the size of its own data), whatever the history.
import type { ExecutionEvent } from '../events.js';
import { isTerminalState } from '../states.js';
import {
  initialExecutionFold,
  makeExecutionInfo,
  type ExecutionFold,
  type TaskExecution,
} from './execution-state.js';
import { mergeContexts, upstreamContext } from './data-flow.js';

const taskOf = (fold: ExecutionFold, id: string): TaskExecution => {
  const t = fold.tasks.get(id);
  if (!t) throw new Error(`Event refers to unknown task execution ${id}`);
  return t;
};

const setTaskState = (fold: ExecutionFold, task: TaskExecution, state: TaskExecution['state']): void => {
  task.state = state;
  if (isTerminalState(state)) fold.activeTaskIds.delete(task.id);
  else fold.activeTaskIds.add(task.id);
};

const allIndexes = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

const resetItems = (items: NonNullable<TaskExecution['withItems']>, queue: number[]): void => {
  items.latest.fill(undefined);
  Object.assign(items, { queue, queuePos: 0, running: 0, completed: 0, failed: 0 });
};

export const evolve = (fold: ExecutionFold, event: ExecutionEvent): ExecutionFold => {
  switch (event.type) {
    case 'ExecutionStarted': {
      const d = event.data;
      fold.info = makeExecutionInfo(d);
      fold.state = 'RUNNING';
      fold.context = { __execution: { id: d.executionId }, ...d.vars };
      fold.updatedAt = d.at;
      return fold;
    }
    case 'TaskExecutionStarted': {
      const d = event.data;
      const spec = fold.info?.index.tasks.get(d.taskName);
      if (!spec) throw new Error(`Event starts unknown task '${d.taskName}'`);
      const task: TaskExecution = {
        id: d.taskExecutionId,
        name: d.taskName,
        spec,
        state: d.state,
        stateInfo: d.stateInfo,
        inContext: upstreamContext(fold, d.triggeredBy),
        published: {},
        triggeredBy: d.triggeredBy,
        nextTasks: [],
        errorHandled: false,
        processed: false,
        resultDiscarded: false,
        actionExecutionIds: [],
        latestActionId: undefined,
        withItems: undefined,
        retryNo: 0,
        waitAfterDone: false,
        deferred: [],
        createdAt: d.at,
        updatedAt: d.at,
        finishedAt: undefined,
      };
      fold.tasks.set(task.id, task);
      fold.activeTaskIds.add(task.id);
      const byName = fold.tasksByName.get(task.name);
      if (byName) byName.push(task);
      else fold.tasksByName.set(task.name, [task]);
      fold.updatedAt = d.at;
      return fold;
    }
    case 'TaskExecutionStateChanged': {
      const d = event.data;
      const task = taskOf(fold, d.taskExecutionId);
      setTaskState(fold, task, d.state);
      task.stateInfo = d.stateInfo;
      if (d.triggeredBy) {
        task.triggeredBy = d.triggeredBy;
        task.inContext = upstreamContext(fold, d.triggeredBy);
      }
      task.updatedAt = d.at;
      fold.updatedAt = d.at;
      return fold;
    }
    case 'WithItemsExpanded': {
      const d = event.data;
      const task = taskOf(fold, d.taskExecutionId);
      task.withItems = {
        items: d.items,
        concurrency: d.concurrency,
        latest: new Array<string | undefined>(d.items.length).fill(undefined),
        queue: allIndexes(d.items.length),
        queuePos: 0,
        running: 0,
        completed: 0,
        failed: 0,
      };
      fold.updatedAt = d.at;
      return fold;
    }
    case 'ActionExecutionScheduled':
    case 'SubworkflowScheduled': {
      const d = event.data;
      const task = taskOf(fold, d.taskExecutionId);
      // A new attempt for the same item supersedes the earlier one.
      const items = task.withItems;
      const previous = items && d.itemIndex !== undefined ? items.latest[d.itemIndex] : task.latestActionId;
      const prev = previous === undefined ? undefined : fold.actions.get(previous);
      if (prev) prev.accepted = false;
      const isAction = event.type === 'ActionExecutionScheduled';
      fold.actions.set(d.actionExecutionId, {
        id: d.actionExecutionId,
        kind: isAction ? 'action' : 'workflow',
        taskExecutionId: d.taskExecutionId,
        actionName: isAction ? event.data.actionName : event.data.workflowName,
        input: d.input,
        attempt: d.attempt,
        itemIndex: d.itemIndex,
        target: isAction ? event.data.target : undefined,
        run: isAction ? event.data.run : undefined,
        outputTransforms: isAction ? event.data.outputTransforms : undefined,
        state: 'RUNNING',
        output: undefined,
        accepted: true,
        createdAt: d.at,
        updatedAt: d.at,
      });
      task.actionExecutionIds.push(d.actionExecutionId);
      if (items && d.itemIndex !== undefined) {
        items.latest[d.itemIndex] = d.actionExecutionId;
        if (items.queue[items.queuePos] === d.itemIndex) items.queuePos += 1;
        items.running += 1;
      } else {
        task.latestActionId = d.actionExecutionId;
      }
      fold.updatedAt = d.at;
      return fold;
    }
    case 'ActionExecutionCompleted': {
      const d = event.data;
      const action = fold.actions.get(d.actionExecutionId);
      if (!action) throw new Error(`Event completes unknown action execution ${d.actionExecutionId}`);
      action.state = d.state;
      action.output = d.output;
      action.updatedAt = d.at;
      if (d.workDeliveries !== undefined) action.workDeliveries = d.workDeliveries;
      const items = fold.tasks.get(action.taskExecutionId)?.withItems;
      if (items && action.accepted && action.itemIndex !== undefined) {
        items.running -= 1;
        items.completed += 1;
        if (d.state !== 'SUCCESS') items.failed += 1;
      }
      fold.updatedAt = d.at;
      return fold;
    }
    case 'TaskExecutionRetried': {
      const d = event.data;
      const task = taskOf(fold, d.taskExecutionId);
      for (const id of task.actionExecutionIds) {
        const a = fold.actions.get(id);
        if (a) a.accepted = false;
      }
      task.retryNo = d.retryNo;
      task.latestActionId = undefined;
      if (task.withItems) resetItems(task.withItems, allIndexes(task.withItems.items.length));
      setTaskState(fold, task, 'RUNNING');
      task.stateInfo = undefined;
      task.updatedAt = d.at;
      fold.updatedAt = d.at;
      return fold;
    }
    case 'TaskExecutionRerun': {
      const d = event.data;
      const task = taskOf(fold, d.taskExecutionId);
      const items = task.withItems;
      if (items && !d.reset) {
        // Only the failed items run again; the others keep their results.
        const failed: number[] = [];
        items.latest.forEach((id, index) => {
          const a = id === undefined ? undefined : fold.actions.get(id);
          if (!a || a.state !== 'SUCCESS') {
            if (a) a.accepted = false;
            failed.push(index);
          }
        });
        items.completed -= failed.length;
        items.failed = 0;
        items.running = 0;
        items.queue = failed;
        items.queuePos = 0;
        for (const index of failed) items.latest[index] = undefined;
      } else {
        for (const id of task.actionExecutionIds) {
          const a = fold.actions.get(id);
          if (a) a.accepted = false;
        }
        task.latestActionId = undefined;
        if (items) resetItems(items, allIndexes(items.items.length));
      }
      setTaskState(fold, task, 'RUNNING');
      Object.assign(task, {
        stateInfo: undefined,
        published: {},
        nextTasks: [],
        errorHandled: false,
        processed: false,
        retryNo: 0,
        waitAfterDone: false,
        deferred: [],
        finishedAt: undefined,
        updatedAt: d.at,
      });
      fold.updatedAt = d.at;
      return fold;
    }
    case 'TaskExecutionCompleted': {
      const d = event.data;
      const task = taskOf(fold, d.taskExecutionId);
      setTaskState(fold, task, d.state);
      task.stateInfo = d.stateInfo;
      task.published = d.published;
      task.nextTasks = d.nextTasks;
      task.errorHandled = d.errorHandled;
      task.resultDiscarded = d.resultDiscarded === true;
      task.processed = true;
      task.updatedAt = d.at;
      task.finishedAt = d.at;
      if (d.publishedGlobal) fold.context = mergeContexts(fold.context, d.publishedGlobal);
      fold.updatedAt = d.at;
      return fold;
    }
    case 'TaskTransitionsDeferred': {
      const task = taskOf(fold, event.data.taskExecutionId);
      task.deferred = event.data.commands;
      fold.updatedAt = event.data.at;
      return fold;
    }
    case 'TaskTransitionsResumed': {
      const task = taskOf(fold, event.data.taskExecutionId);
      task.deferred = [];
      fold.updatedAt = event.data.at;
      return fold;
    }
    case 'ExecutionStateChanged': {
      // Back to RUNNING from ERROR (a rerun): the old outcome no longer holds.
      if (fold.state === 'ERROR') fold.output = undefined;
      fold.state = event.data.state;
      fold.stateInfo = event.data.stateInfo;
      fold.updatedAt = event.data.at;
      return fold;
    }
    case 'ExecutionCompleted': {
      fold.state = event.data.state;
      fold.stateInfo = event.data.stateInfo;
      fold.output = event.data.output;
      fold.updatedAt = event.data.at;
      return fold;
    }
    case 'ExecutionDescriptionChanged':
      if (fold.info) fold.info.description = event.data.description;
      fold.updatedAt = event.data.at;
      return fold;
    case 'ExecutionDeleted':
      fold.deleted = true;
      fold.updatedAt = event.data.at;
      return fold;
    case 'TimerScheduled': {
      const d = event.data;
      fold.timers.set(d.timerId, {
        id: d.timerId,
        purpose: d.purpose,
        fireAt: d.fireAt,
        taskExecutionId: d.taskExecutionId,
        actionExecutionId: d.actionExecutionId,
        itemIndex: d.itemIndex,
      });
      fold.updatedAt = d.at;
      return fold;
    }
    case 'TimerFired': {
      const timer = fold.timers.get(event.data.timerId);
      if (timer?.purpose === 'wait-after' && timer.taskExecutionId) {
        const task = fold.tasks.get(timer.taskExecutionId);
        if (task) task.waitAfterDone = true;
      }
      fold.timers.delete(event.data.timerId);
      fold.updatedAt = event.data.at;
      return fold;
    }
    case 'TimerCancelled':
      fold.timers.delete(event.data.timerId);
      fold.updatedAt = event.data.at;
      return fold;
    case 'ActionExecutionRepeated': {
      // Audit only: the recorded result stands; remember how often it ran.
      const action = fold.actions.get(event.data.actionExecutionId);
      if (action) action.workDeliveries = Math.max(action.workDeliveries ?? 1, event.data.workDeliveries);
      return fold;
    }
  }
};

/** Rebuilds an execution's state from its whole history. */
export const foldExecution = (events: Iterable<ExecutionEvent>): ExecutionFold => {
  let fold = initialExecutionFold();
  for (const e of events) fold = evolve(fold, e);
  return fold;
};
