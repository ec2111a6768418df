// Execution stream events → rows of executions, task executions and action
// executions. The execution id is not in every event: it is the stream's.
import { isTerminalState, type ExecutionEvent } from '@sirocco/workflow';
import type { ReadModelChange } from './changes.js';
import { DEFAULT_PROJECT_ID } from './project-workflow-definition-event.js';
import { toMistralTimestamp } from './timestamps.js';

const json = (value: unknown): string => JSON.stringify(value ?? null);

export function projectExecutionEvent(
  executionId: string,
  event: ExecutionEvent,
  position: number,
): ReadModelChange[] {
  const at = toMistralTimestamp(event.data.at);
  const touched = { updated_at: at, updated_pos: position };
  switch (event.type) {
    case 'ExecutionStarted': {
      const d = event.data;
      const taskSpecs: ReadModelChange[] = d.spec.tasks.map((task) => ({
        kind: 'insert',
        table: 'rm_execution_task_specs',
        values: {
          execution_id: executionId,
          task_name: task.name,
          type: task.type === 'workflow' ? 'WORKFLOW' : 'ACTION',
          with_items: task.withItems ? 1 : 0,
        },
      }));
      return [
        {
          kind: 'insert',
          table: 'rm_executions',
          values: {
            id: executionId,
            workflow_id: d.workflowId,
            workflow_name: d.workflowName,
            workflow_namespace: d.workflowNamespace,
            description: d.description,
            tags: json(d.spec.tags),
            params: json(d.params),
            input: json(d.input),
            output: '{}',
            state: 'RUNNING',
            state_info: null,
            task_execution_id: d.parentTaskExecutionId ?? null,
            root_execution_id:
              d.rootExecutionId && d.rootExecutionId !== executionId ? d.rootExecutionId : null,
            project_id: DEFAULT_PROJECT_ID,
            created_at: at,
            updated_at: at,
            created_pos: position,
            updated_pos: position,
          },
        },
        ...taskSpecs,
      ];
    }
    case 'ExecutionStateChanged':
      return [
        {
          kind: 'update',
          table: 'rm_executions',
          key: { id: executionId },
          set: { state: event.data.state, state_info: event.data.stateInfo ?? null, ...touched },
        },
      ];
    case 'ExecutionCompleted':
      return [
        {
          kind: 'update',
          table: 'rm_executions',
          key: { id: executionId },
          set: {
            state: event.data.state,
            state_info: event.data.stateInfo ?? null,
            output: json(event.data.output),
            ...touched,
          },
        },
      ];
    case 'TaskExecutionStarted': {
      const d = event.data;
      return [
        {
          kind: 'insert',
          table: 'rm_task_executions',
          values: {
            id: d.taskExecutionId,
            execution_id: executionId,
            name: d.taskName,
            state: d.state,
            state_info: d.stateInfo ?? null,
            published: '{}',
            published_global: null,
            triggered_by: json(d.triggeredBy),
            next_tasks: null,
            result_discarded: 0,
            processed: 0,
            created_at: at,
            updated_at: at,
            started_at: d.state === 'RUNNING' ? at : null,
            finished_at: null,
            created_pos: position,
            updated_pos: position,
          },
        },
      ];
    }
    case 'TaskExecutionStateChanged': {
      const d = event.data;
      const terminal = isTerminalState(d.state);
      return [
        {
          kind: 'update',
          table: 'rm_task_executions',
          key: { id: d.taskExecutionId },
          set: {
            state: d.state,
            state_info: d.stateInfo ?? null,
            ...(d.triggeredBy ? { triggered_by: json(d.triggeredBy) } : {}),
            ...touched,
          },
          setIfNull: {
            ...(d.state === 'RUNNING' ? { started_at: at } : {}),
            ...(terminal ? { finished_at: at } : {}),
          },
        },
      ];
    }
    case 'TaskExecutionCompleted': {
      const d = event.data;
      return [
        {
          kind: 'update',
          table: 'rm_task_executions',
          key: { id: d.taskExecutionId },
          set: {
            state: d.state,
            state_info: d.stateInfo ?? null,
            published: json(d.published),
            published_global: d.publishedGlobal ? json(d.publishedGlobal) : null,
            next_tasks: json(d.nextTasks),
            result_discarded: d.resultDiscarded ? 1 : 0,
            processed: 1,
            finished_at: at,
            ...touched,
          },
          setIfNull: { started_at: at },
        },
      ];
    }
    case 'TaskExecutionRetried': {
      const d = event.data;
      return [
        // Earlier attempts stop counting towards the task's result.
        { kind: 'update', table: 'rm_action_executions', key: { task_execution_id: d.taskExecutionId }, set: { accepted: 0 } },
        {
          kind: 'update',
          table: 'rm_task_executions',
          key: { id: d.taskExecutionId },
          set: { state: 'RUNNING', state_info: null, ...touched },
        },
      ];
    }
    case 'TaskExecutionRerun': {
      const d = event.data;
      return [
        {
          kind: 'update',
          table: 'rm_action_executions',
          key: d.reset ? { task_execution_id: d.taskExecutionId } : { task_execution_id: d.taskExecutionId, state: 'ERROR' },
          set: { accepted: 0 },
        },
        {
          kind: 'update',
          table: 'rm_task_executions',
          key: { id: d.taskExecutionId },
          set: { state: 'RUNNING', state_info: null, published: json({}), next_tasks: json([]), processed: 0, finished_at: null, ...touched },
        },
      ];
    }
    case 'ExecutionDescriptionChanged':
      return [
        {
          kind: 'update',
          table: 'rm_executions',
          key: { id: executionId },
          set: { description: event.data.description, ...touched },
        },
      ];
    case 'ExecutionDeleted':
      return [
        { kind: 'delete', table: 'rm_action_executions', key: { execution_id: executionId } },
        { kind: 'delete', table: 'rm_task_executions', key: { execution_id: executionId } },
        { kind: 'delete', table: 'rm_execution_task_specs', key: { execution_id: executionId } },
        { kind: 'delete', table: 'rm_executions', key: { id: executionId } },
      ];
    case 'WithItemsExpanded':
    case 'TaskTransitionsDeferred':
    case 'TaskTransitionsResumed':
    case 'TimerScheduled':
    case 'TimerFired':
    case 'TimerCancelled':
    case 'ActionExecutionRepeated': // audit only: the action's row keeps its recorded result
      return [];
    // A child workflow execution takes an action execution's place in the task's result.
    case 'SubworkflowScheduled':
    case 'ActionExecutionScheduled': {
      const d = event.data;
      const name = event.type === 'ActionExecutionScheduled' ? event.data.actionName : event.data.workflowName;
      return [
        // A new attempt for the same item supersedes the earlier ones (as the engine's fold does).
        {
          kind: 'update',
          table: 'rm_action_executions',
          key: { task_execution_id: d.taskExecutionId, item_index: d.itemIndex ?? null },
          set: { accepted: 0 },
        },
        {
          kind: 'insert',
          table: 'rm_action_executions',
          values: {
            id: d.actionExecutionId,
            task_execution_id: d.taskExecutionId,
            execution_id: executionId,
            name,
            state: 'RUNNING',
            state_info: null,
            input: json(d.input),
            output: null,
            item_index: d.itemIndex ?? null,
            attempt: d.attempt,
            accepted: 1,
            created_at: at,
            updated_at: at,
            created_pos: position,
            updated_pos: position,
          },
        },
      ];
    }
    case 'ActionExecutionCompleted': {
      const d = event.data;
      return [
        {
          kind: 'update',
          table: 'rm_action_executions',
          key: { id: d.actionExecutionId },
          // Stored wrapped so that a `null` result differs from "no output yet".
          set: { state: d.state, output: json({ value: d.output ?? null }), ...touched },
        },
      ];
    }
  }
}
