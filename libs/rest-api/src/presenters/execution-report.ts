// Entries and statistics of Mistral's execution report
// (GET /v2/executions/{id}/report); the tree walk is in routes/execution-report.ts.
import type { ActionExecutionRow, ExecutionRow, TaskExecutionRow } from '@sirocco/projections';

export type ReportEntry = Record<string, unknown>;

const base = (
  row: { id: string; createdAt: string; updatedAt: string; state: string; stateInfo: string | null },
  name: string,
) => ({
  id: row.id,
  name,
  created_at: row.createdAt,
  updated_at: row.updatedAt,
  state: row.state,
  state_info: row.stateInfo,
});

export const workflowEntry = (row: ExecutionRow): ReportEntry => base(row, row.workflowName);

export const actionEntry = (row: ActionExecutionRow): ReportEntry => ({
  accepted: row.accepted,
  // The read models keep no heartbeat; Mistral's first heartbeat is the creation time.
  last_heartbeat: row.createdAt,
  ...base(row, row.name),
});

export const taskEntry = (
  row: TaskExecutionRow,
  actions: readonly ReportEntry[],
  workflows: readonly ReportEntry[],
  retryCount: number | undefined,
): ReportEntry => ({
  action_executions: actions,
  workflow_executions: workflows,
  ...(retryCount !== undefined ? { retry_count: retryCount } : {}),
  ...base(row, row.name),
});

/** Mistral counts only these task states; others (WAITING, CANCELLED, ...) are in no count. */
const COUNTED = {
  RUNNING: 'running',
  SUCCESS: 'success',
  ERROR: 'error',
  IDLE: 'idle',
  PAUSED: 'paused',
} as const;

export class ReportStatistics {
  readonly counts = { total: 0, running: 0, success: 0, error: 0, idle: 0, paused: 0 };
  estimatedTime = 0;

  count(state: string): void {
    const key = COUNTED[state as keyof typeof COUNTED];
    if (!key) return;
    this.counts[key]++;
    this.counts.total++;
  }

  present(): Record<string, number> {
    const c = this.counts;
    return {
      total_tasks_count: c.total,
      running_tasks_count: c.running,
      success_tasks_count: c.success,
      error_tasks_count: c.error,
      idle_tasks_count: c.idle,
      paused_tasks_count: c.paused,
      estimated_time: this.estimatedTime,
    };
  }
}
