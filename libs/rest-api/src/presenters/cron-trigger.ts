// A cron trigger → Mistral's CronTrigger resource. Times in Mistral's form
// (`2026-11-24 02:10:00`); input and params as JSON text. A one-shot trigger
// shows Mistral's "never" pattern. POST answers leave out `updated_at`, as
// Mistral's do. `timezone` (a Sirocco extension) appears only when set.
import { toMistralTime } from '@sirocco/workflow';
import { pyJsonDumps } from '../http/python-json.js';

/** The trigger as the API port returns it (ActiveCronTrigger in @sirocco/scheduler). */
export interface CronTriggerView {
  readonly triggerId: string;
  readonly name: string;
  readonly pattern: string | null;
  readonly timezone?: string;
  readonly workflowId: string;
  readonly workflowName: string;
  readonly workflowNamespace: string;
  readonly workflowInput: Readonly<Record<string, unknown>>;
  readonly workflowParams: Readonly<Record<string, unknown>>;
  readonly firstExecutionTime: string | null;
  readonly nextExecutionTime: string;
  readonly remainingExecutions: number | null;
  readonly scope: string;
  readonly projectId: string;
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

export const CRON_TRIGGER_FIELDS = [
  'id',
  'name',
  'workflow_name',
  'workflow_id',
  'workflow_input',
  'workflow_params',
  'project_id',
  'scope',
  'pattern',
  'remaining_executions',
  'first_execution_time',
  'next_execution_time',
  'created_at',
  'updated_at',
] as const;

/** Mistral's pattern for "never", shown for one-shot triggers. */
const NEVER = '0 0 30 2 0';

export function presentCronTrigger(
  t: CronTriggerView,
  mode: 'get' | 'post' = 'get',
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: t.triggerId,
    name: t.name,
    workflow_name: t.workflowName,
    workflow_id: t.workflowId,
    workflow_input: pyJsonDumps(t.workflowInput),
    workflow_params: pyJsonDumps(t.workflowParams),
    project_id: t.projectId,
    scope: t.scope,
    pattern: t.pattern ?? NEVER,
    remaining_executions: t.remainingExecutions,
    first_execution_time: t.firstExecutionTime === null ? null : toMistralTime(t.firstExecutionTime),
    next_execution_time: toMistralTime(t.nextExecutionTime),
    created_at: toMistralTime(t.createdAt),
  };
  if (mode === 'get') body['updated_at'] = t.updatedAt === null ? null : toMistralTime(t.updatedAt);
  if (t.timezone !== undefined) body['timezone'] = t.timezone;
  return body;
}
