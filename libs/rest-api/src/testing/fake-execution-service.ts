// Test double for the engine: resolves the workflow through the catalog and
// appends a finished history (every task echoes its name) like the engine
// would, so API tests run over real events and read models.
import type { WorkflowCatalog } from '@sirocco/catalog';
import type { ExecutionService, StartExecutionRequest, StartExecutionResult } from '@sirocco/engine';
import type { EventStore } from '@sirocco/eventstore';
import { appendExecutionHistory } from '@sirocco/projections/testing';
import { conflict, invalidInput } from '@sirocco/workflow';

export class FakeExecutionService implements ExecutionService {
  constructor(
    private readonly store: EventStore,
    private readonly catalog: WorkflowCatalog,
  ) {}

  async start(request: StartExecutionRequest): Promise<StartExecutionResult> {
    const wf = await this.catalog.get(
      request.workflowId ?? request.workflowName ?? '',
      request.namespace ?? '',
    );
    const input = { ...request.input };
    const missing = wf.spec.input
      .filter((p) => !p.hasDefault && !(p.name in input))
      .map((p) => `'${p.name}'`);
    if (missing.length > 0) {
      throw invalidInput(
        `Invalid input [name=${wf.name}, class=DirectWorkflowSpec, missing=[${missing.join(', ')}]]`,
      );
    }
    for (const p of wf.spec.input) if (p.hasDefault && !(p.name in input)) input[p.name] = p.default;
    if (
      request.executionId &&
      (await this.store.streamRevision(`execution-${request.executionId}`)) !== undefined
    ) {
      throw conflict(`Execution ${request.executionId} exists`);
    }
    const tasks = wf.spec.tasks.map((t, i) => ({
      name: t.name,
      output: t.name,
      ...(i > 0 ? { after: wf.spec.tasks[i - 1]!.name } : {}),
    }));
    const history = await appendExecutionHistory(this.store, {
      ...(request.executionId ? { executionId: request.executionId } : {}),
      workflowId: wf.workflowId,
      workflowName: wf.name,
      namespace: wf.namespace,
      input,
      tasks,
      final: { state: 'SUCCESS', output: { done: true } },
      at: new Date().toISOString(),
    });
    return { executionId: history.executionId, position: history.position };
  }

  async control(): Promise<{ position: number }> {
    throw new Error('FakeExecutionService does not control executions: use the real engine');
  }

  async reportActionResult(): Promise<{ position: number }> {
    throw new Error('FakeExecutionService does not take action results: use the real engine');
  }
}
