// An execution as it was at a past revision: the fold of its first events,
// shown with the same presenters as the live execution and its tasks.
import {
  DEFAULT_PROJECT_ID,
  toMistralTimestamp,
  type ExecutionRow,
  type TaskExecutionRow,
} from '@sirocco/projections';
import { taskResult, type ExecutionEvent, type ExecutionFold, type TaskExecution } from '@sirocco/workflow';
import { presentExecution } from './execution.js';
import { presentTask } from './task.js';

/** What the fold does not keep but the resources show: first start times and global publishes. */
interface TaskExtras {
  startedAt?: string;
  publishedGlobal?: Readonly<Record<string, unknown>>;
}

function taskExtras(events: readonly ExecutionEvent[]): Map<string, TaskExtras> {
  const extras = new Map<string, TaskExtras>();
  const of = (id: string) => extras.get(id) ?? extras.set(id, {}).get(id)!;
  for (const e of events) {
    if (e.type === 'TaskExecutionStarted' && e.data.state === 'RUNNING')
      of(e.data.taskExecutionId).startedAt ??= e.data.at;
    if (e.type === 'TaskExecutionStateChanged' && e.data.state === 'RUNNING')
      of(e.data.taskExecutionId).startedAt ??= e.data.at;
    if (e.type === 'TaskExecutionCompleted') {
      const x = of(e.data.taskExecutionId);
      x.startedAt ??= e.data.at;
      if (e.data.publishedGlobal) x.publishedGlobal = e.data.publishedGlobal;
    }
  }
  return extras;
}

const triggerEvent = (fold: ExecutionFold, by: TaskExecution | undefined, name: string): string =>
  by?.nextTasks.find(([next]) => next === name)?.[1] ??
  (by?.state === 'SUCCESS' ? 'on-success' : by?.state === 'ERROR' ? 'on-error' : 'on-complete');

function taskRow(fold: ExecutionFold, t: TaskExecution, x: TaskExtras): TaskExecutionRow {
  const info = fold.info!;
  return {
    id: t.id,
    name: t.name,
    type: t.spec.type === 'workflow' ? 'WORKFLOW' : 'ACTION',
    workflowName: info.workflowName,
    workflowNamespace: info.workflowNamespace,
    workflowId: info.workflowId,
    workflowExecutionId: info.id,
    state: t.state,
    stateInfo: t.stateInfo ?? null,
    runtimeContext:
      t.triggeredBy.length > 0
        ? {
            triggered_by: t.triggeredBy.map((id) => ({
              task_id: id,
              event: triggerEvent(fold, fold.tasks.get(id), t.name),
            })),
          }
        : {},
    published: t.published,
    publishedGlobal: x.publishedGlobal ?? null,
    processed: t.processed,
    projectId: DEFAULT_PROJECT_ID,
    createdAt: toMistralTimestamp(t.createdAt),
    updatedAt: toMistralTimestamp(t.updatedAt),
    startedAt: x.startedAt ? toMistralTimestamp(x.startedAt) : null,
    finishedAt: t.finishedAt ? toMistralTimestamp(t.finishedAt) : null,
  };
}

function executionRow(fold: ExecutionFold, extras: Map<string, TaskExtras>): ExecutionRow {
  const info = fold.info!;
  const publishedGlobal: Record<string, unknown> = {};
  for (const x of extras.values()) Object.assign(publishedGlobal, x.publishedGlobal);
  return {
    id: info.id,
    workflowId: info.workflowId,
    workflowName: info.workflowName,
    workflowNamespace: info.workflowNamespace,
    description: info.description,
    tags: info.spec.tags,
    params: info.params,
    input: info.input,
    output: fold.output ?? {},
    state: fold.state,
    stateInfo: fold.stateInfo ?? null,
    taskExecutionId: info.parentTaskExecutionId ?? null,
    rootExecutionId: info.rootExecutionId && info.rootExecutionId !== info.id ? info.rootExecutionId : null,
    projectId: DEFAULT_PROJECT_ID,
    createdAt: toMistralTimestamp(info.createdAt),
    updatedAt: toMistralTimestamp(fold.updatedAt ?? info.createdAt),
    publishedGlobal,
  };
}

/** The execution resource plus `revision` and its `tasks` (each with `result`), as of that revision. */
export function presentExecutionAtRevision(
  fold: ExecutionFold,
  events: readonly ExecutionEvent[],
  revision: number,
): Record<string, unknown> {
  const extras = taskExtras(events);
  return {
    ...presentExecution(executionRow(fold, extras), { withOutput: true, withPublishedGlobal: true }),
    revision,
    tasks: [...fold.tasks.values()].map((t) =>
      presentTask(taskRow(fold, t, extras.get(t.id) ?? {}), { value: taskResult(fold, t) }),
    ),
  };
}
