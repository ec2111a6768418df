// Test helper: appends a plausible execution history (the events the engine
// would write) so read models and the API can be tested without the engine.
import { randomUUID } from 'node:crypto';
import type { WorkflowSpec } from '@sirocco/dsl';
import type { EventStore } from '@sirocco/eventstore';
import { executionStreamId, type ExecutionEvent } from '@sirocco/workflow';

export interface HistoryTask {
  readonly name: string;
  readonly output: unknown;
  readonly state?: 'SUCCESS' | 'ERROR';
  readonly published?: Record<string, unknown>;
  /** Name of the task whose on-success led here. */
  readonly after?: string;
}

export interface HistoryOptions {
  readonly executionId?: string;
  readonly workflowId?: string;
  readonly workflowName?: string;
  readonly namespace?: string;
  readonly input?: Record<string, unknown>;
  readonly tasks: readonly HistoryTask[];
  readonly final?: {
    readonly state: 'SUCCESS' | 'ERROR';
    readonly output: Record<string, unknown>;
    readonly stateInfo?: string;
  };
  readonly at?: string;
}

export interface WrittenHistory {
  readonly executionId: string;
  readonly taskIds: Readonly<Record<string, string>>;
  readonly actionIds: Readonly<Record<string, string>>;
  readonly position: number;
}

const spec = (name: string, tasks: readonly HistoryTask[]): WorkflowSpec => ({
  name,
  type: 'direct',
  tags: ['t'],
  input: [],
  vars: {},
  tasks: tasks.map((t) => ({
    name: t.name,
    type: 'action',
    action: 'std.echo',
    input: {},
    policies: {},
    requires: [],
    location: { line: 1, column: 1 },
  })),
  location: { line: 1, column: 1 },
});

export async function appendExecutionHistory(store: EventStore, o: HistoryOptions): Promise<WrittenHistory> {
  const executionId = o.executionId ?? randomUUID();
  const at = o.at ?? '2026-11-23T06:51:02.123Z';
  const name = o.workflowName ?? 'wf';
  const taskIds: Record<string, string> = {};
  const actionIds: Record<string, string> = {};
  const events: ExecutionEvent[] = [
    {
      type: 'ExecutionStarted',
      data: {
        executionId,
        workflowId: o.workflowId ?? randomUUID(),
        workflowName: name,
        workflowNamespace: o.namespace ?? '',
        spec: spec(name, o.tasks),
        definitionRevision: 0,
        input: o.input ?? {},
        vars: {},
        params: { namespace: o.namespace ?? '', env: {} },
        env: {},
        description: '',
        rootExecutionId: executionId,
        at,
      },
    },
  ];
  for (const task of o.tasks) {
    const taskId = randomUUID();
    const actionId = randomUUID();
    taskIds[task.name] = taskId;
    actionIds[task.name] = actionId;
    const state = task.state ?? 'SUCCESS';
    const triggeredBy = task.after ? [taskIds[task.after]!] : [];
    events.push(
      {
        type: 'TaskExecutionStarted',
        data: { taskExecutionId: taskId, taskName: task.name, state: 'RUNNING', triggeredBy, at },
      },
      {
        type: 'ActionExecutionScheduled',
        data: {
          actionExecutionId: actionId,
          taskExecutionId: taskId,
          actionName: 'std.echo',
          input: { output: task.output },
          attempt: 1,
          at,
        },
      },
      {
        type: 'ActionExecutionCompleted',
        data: { actionExecutionId: actionId, taskExecutionId: taskId, state, output: task.output, at },
      },
      {
        type: 'TaskExecutionCompleted',
        data: {
          taskExecutionId: taskId,
          state,
          ...(state === 'ERROR' ? { stateInfo: String(task.output) } : {}),
          published: task.published ?? {},
          nextTasks: o.tasks.filter((t) => t.after === task.name).map((t) => [t.name, 'on-success'] as const),
          errorHandled: false,
          at,
        },
      },
    );
  }
  if (o.final) events.push({ type: 'ExecutionCompleted', data: { ...o.final, at } });
  const result = await store.append(
    executionStreamId(executionId),
    events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data })),
    'no_stream',
  );
  return { executionId, taskIds, actionIds, position: result.position };
}
