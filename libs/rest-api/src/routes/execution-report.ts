// Mistral's execution report: the execution tree (tasks, their action and
// subworkflow executions, recursively) with task statistics, read from the
// read models. `max_depth` limits how deep subworkflows are opened,
// `errors_only` keeps only ERROR tasks, `statistics_only` drops the tree.
import {
  normaliseListQuery,
  type ExecutionRow,
  type FieldFilter,
  type TaskExecutionRow,
} from '@sirocco/projections';
import { notFound } from '@sirocco/workflow';
import type { ReadModelAccess } from '../dependencies.js';
import {
  ReportStatistics,
  actionEntry,
  taskEntry,
  workflowEntry,
  type ReportEntry,
} from '../presenters/execution-report.js';

export interface ReportFilters {
  readonly errorsOnly: boolean;
  /** Negative: no limit. */
  readonly maxDepth: number;
  readonly statisticsOnly: boolean;
}

/** How many finished executions of the workflow the time estimate averages (as Mistral). */
const ESTIMATE_SAMPLE = 20;

const eq = (field: string, value: string): FieldFilter => ({ field, op: 'eq', value });
const seconds = (mistralTime: string): number => Date.parse(`${mistralTime.replace(' ', 'T')}Z`) / 1000;

export async function buildExecutionReport(
  readModels: ReadModelAccess,
  executionId: string,
  filters: ReportFilters,
  now: () => Date = () => new Date(),
): Promise<Record<string, unknown>> {
  const root = await readModels.getExecution(executionId);
  if (!root) throw notFound(`WorkflowExecution not found [id=${executionId}]`);
  const stats = new ReportStatistics();
  stats.estimatedTime = await estimateTimeLeft(readModels, root, now());
  const tooDeep = (depth: number) => filters.maxDepth >= 0 && filters.maxDepth < depth;

  const tasksOf = (id: string) =>
    readModels.listTasks(normaliseListQuery('tasks', { filters: [eq('workflow_execution_id', id)] }));
  const childrenOf = (taskId: string) =>
    readModels.listExecutions(
      normaliseListQuery('executions', { filters: [eq('task_execution_id', taskId)] }),
    );

  const analyseWorkflow = async (row: ExecutionRow, depth: number): Promise<ReportEntry> => {
    const entry = workflowEntry(row);
    if (tooDeep(depth)) return entry;
    const tasks: ReportEntry[] = [];
    for (const t of await tasksOf(row.id)) {
      const task = await analyseTask(t, depth + 1);
      if (task) tasks.push(task);
    }
    return { ...entry, task_executions: tasks };
  };

  const analyseTask = async (t: TaskExecutionRow, depth: number): Promise<ReportEntry | undefined> => {
    if (filters.errorsOnly && t.state !== 'ERROR') return undefined;
    stats.count(t.state);
    const actions = await readModels.listActionExecutions(
      normaliseListQuery('action_executions', { filters: [eq('task_execution_id', t.id)] }),
    );
    const workflows: ReportEntry[] = [];
    for (const child of await childrenOf(t.id)) workflows.push(await analyseWorkflow(child, depth));
    // Mistral shows the retry number only once the retry policy has retried.
    const maxAttempt = Math.max(0, ...actions.map((a) => a.attempt));
    return taskEntry(t, actions.map(actionEntry), workflows, maxAttempt > 1 ? maxAttempt - 1 : undefined);
  };

  const countOnly = async (id: string, depth: number): Promise<void> => {
    if (tooDeep(depth)) return;
    for (const t of await tasksOf(id)) {
      if (filters.errorsOnly && t.state !== 'ERROR') continue;
      stats.count(t.state);
      for (const child of await childrenOf(t.id)) await countOnly(child.id, depth + 1);
    }
  };

  if (filters.statisticsOnly) {
    await countOnly(root.id, 0);
    return { statistics: stats.present() };
  }
  const tree = await analyseWorkflow(root, 0);
  return { statistics: stats.present(), root_workflow_execution: tree };
}

/**
 * Seconds left for a running execution: the average run time of the
 * workflow's last successful executions minus the time this one has run
 * (1 when over, -1 without history); 0 for an execution that is not running.
 */
async function estimateTimeLeft(readModels: ReadModelAccess, root: ExecutionRow, now: Date): Promise<number> {
  if (root.state !== 'RUNNING') return 0;
  const done = await readModels.listExecutions(
    normaliseListQuery('executions', {
      filters: [eq('workflow_id', root.workflowId), eq('state', 'SUCCESS')],
      limit: ESTIMATE_SAMPLE,
    }),
  );
  if (done.length === 0) return -1;
  const average = done.reduce((sum, e) => sum + seconds(e.updatedAt) - seconds(e.createdAt), 0) / done.length;
  const left = average - (now.getTime() / 1000 - seconds(root.createdAt));
  return left < 0 ? 1 : Math.round(left);
}
