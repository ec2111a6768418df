// Test doubles for the cron side: a workflow resolver with one workflow and
// an execution service that records starts and, like the core, treats a
// second start with the same id as a no-op.
import type { ExecutionService, StartExecutionRequest, WorkflowResolver } from '@sirocco/engine';
import type { WorkflowSpec } from '@sirocco/dsl';

export const TEST_WORKFLOW_ID = '11111111-2222-3333-4444-555555555555';

export const testWorkflows: WorkflowResolver = {
  async resolve({ name, id }) {
    if (name !== 'ct_wf' && id !== TEST_WORKFLOW_ID) return undefined;
    const spec = {
      name: 'ct_wf',
      input: [{ name: 'who', hasDefault: true, default: 'world' }],
    } as unknown as WorkflowSpec;
    return { workflowId: TEST_WORKFLOW_ID, name: 'ct_wf', namespace: '', spec, revision: 0 };
  },
};

export class RecordingExecutionService implements Pick<ExecutionService, 'start'> {
  readonly started = new Map<string, StartExecutionRequest>();
  /** Every call, duplicates included. */
  calls = 0;

  async start(request: StartExecutionRequest) {
    this.calls++;
    const id = request.executionId ?? `exec-${this.calls}`;
    if (this.started.has(id)) return { executionId: id, position: -1 };
    this.started.set(id, request);
    return { executionId: id, position: this.started.size };
  }

  async control(): Promise<{ position: number }> {
    throw new Error('not used by cron tests');
  }

  async reportActionResult(): Promise<{ position: number }> {
    throw new Error('not used by cron tests');
  }
}
