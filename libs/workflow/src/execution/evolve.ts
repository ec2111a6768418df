// evolve: fold one execution event into the state. Deterministic: no clock,
// no ids, no expression evaluation (events carry evaluated values).
import type { ExecutionEvent } from '../events.js';
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
        createdAt: d.at,
        updatedAt: d.at,
        finishedAt: undefined,
      };
      fold.tasks.set(task.id, task);
      const byName = fold.tasksByName.get(task.name);
      if (byName) byName.push(task);
      else fold.tasksByName.set(task.name, [task]);
      fold.updatedAt = d.at;
      return fold;
    }
    case 'TaskExecutionStateChanged': {
      const d = event.data;
      const task = taskOf(fold, d.taskExecutionId);
      task.state = d.state;
      task.stateInfo = d.stateInfo;
      if (d.triggeredBy) {
        task.triggeredBy = d.triggeredBy;
        task.inContext = upstreamContext(fold, d.triggeredBy);
      }
      task.updatedAt = d.at;
      fold.updatedAt = d.at;
      return fold;
    }
    case 'ActionExecutionScheduled': {
      const d = event.data;
      const task = taskOf(fold, d.taskExecutionId);
      // A new attempt for the same item supersedes the earlier ones.
      for (const id of task.actionExecutionIds) {
        const prev = fold.actions.get(id);
        if (prev && prev.itemIndex === d.itemIndex) prev.accepted = false;
      }
      fold.actions.set(d.actionExecutionId, {
        id: d.actionExecutionId,
        taskExecutionId: d.taskExecutionId,
        actionName: d.actionName,
        input: d.input,
        attempt: d.attempt,
        itemIndex: d.itemIndex,
        target: d.target,
        state: 'RUNNING',
        output: undefined,
        accepted: true,
        createdAt: d.at,
        updatedAt: d.at,
      });
      task.actionExecutionIds.push(d.actionExecutionId);
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
      fold.updatedAt = d.at;
      return fold;
    }
    case 'TaskExecutionCompleted': {
      const d = event.data;
      const task = taskOf(fold, d.taskExecutionId);
      task.state = d.state;
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
    case 'ExecutionStateChanged': {
      fold.state = event.data.state;
      fold.stateInfo = event.data.stateInfo;
      fold.updatedAt = event.data.at;
      return fold;
    }
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
    case 'TimerFired':
    case 'TimerCancelled':
      fold.timers.delete(event.data.timerId);
      fold.updatedAt = event.data.at;
      return fold;
    case 'ExecutionCompleted': {
      fold.state = event.data.state;
      fold.stateInfo = event.data.stateInfo;
      fold.output = event.data.output;
      fold.updatedAt = event.data.at;
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
