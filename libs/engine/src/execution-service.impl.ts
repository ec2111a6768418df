// Starting executions on behalf of the API: resolve the workflow, run the
// StartExecution decision, append it as a new stream.
import { notFound, invalidInput } from '@sirocco/workflow';
import type { ExecutionCommandHandler } from './command-handler.js';
import type { ExecutionControl, ExecutionService, StartExecutionRequest, StartExecutionResult } from './execution-service.js';
import type { EnvironmentResolver, IdGenerator, WorkflowResolver } from './ports.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class DefaultExecutionService implements ExecutionService {
  constructor(
    private readonly handler: ExecutionCommandHandler,
    private readonly workflows: WorkflowResolver,
    private readonly newId: IdGenerator,
    private readonly environments?: EnvironmentResolver,
  ) {}

  async start(request: StartExecutionRequest): Promise<StartExecutionResult> {
    const namespace = request.namespace ?? '';
    if (!request.workflowName && !request.workflowId) {
      throw invalidInput('Either workflow_name or workflow_id must be provided.');
    }
    const input = request.input ?? {};
    let params = request.params ?? {};
    if (!isRecord(input)) throw invalidInput('Execution input must be a JSON object.');
    if (!isRecord(params)) throw invalidInput('Execution params must be a JSON object.');
    const workflow = await this.workflows.resolve({
      ...(request.workflowName ? { name: request.workflowName } : {}),
      ...(request.workflowId ? { id: request.workflowId } : {}),
      namespace,
    });
    if (!workflow) {
      throw notFound(
        `Workflow not found [workflow_identifier=${request.workflowId ?? request.workflowName}, namespace=${namespace}]`,
      );
    }
    const envName = params['env'];
    if (typeof envName === 'string') {
      // Mistral: a string env names a stored environment.
      const variables = await this.environments?.resolve(envName);
      if (!variables) throw invalidInput(`Environment is not found: ${envName}`);
      params = { ...params, env: variables };
    }
    const executionId = request.executionId ?? this.newId();
    const result = await this.handler.handle(executionId, {
      type: 'StartExecution',
      executionId,
      workflowId: workflow.workflowId,
      workflowName: workflow.name,
      workflowNamespace: workflow.namespace,
      spec: workflow.spec,
      definitionRevision: workflow.revision,
      input,
      params,
      description: request.description ?? '',
    });
    return { executionId, position: result.position ?? -1 };
  }

  async control(executionId: string, command: ExecutionControl): Promise<{ position: number }> {
    const result = await this.handler.handle(executionId, command, { causationId: `api-${command.type}` });
    return { position: result.position ?? -1 };
  }

  async reportActionResult(
    executionId: string,
    actionExecutionId: string,
    state: 'SUCCESS' | 'ERROR',
    output: unknown,
  ): Promise<{ position: number }> {
    const result = await this.handler.handle(
      executionId,
      { type: 'ReportActionResult', actionExecutionId, state, output },
      { causationId: `api-result-${actionExecutionId}` },
    );
    return { position: result.position ?? -1 };
  }
}
