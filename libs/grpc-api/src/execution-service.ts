// sirocco.v1.ExecutionService over the engine's ExecutionService, the read
// models and the execution streams.
import { create } from '@bufbuild/protobuf';
import type { ServiceImpl } from '@connectrpc/connect';
import type { ExecutionControl } from '@sirocco/engine';
import { executionStreamId, isSiroccoError } from '@sirocco/workflow';
import type { GrpcApiDependencies } from './dependencies.js';
import { answering, invalidArgument, notFoundError, toConnectError } from './errors.js';
import {
  ControlExecutionRequest_Action as Action,
  ControlExecutionResponseSchema,
  GetExecutionResponseSchema,
  ListExecutionsResponseSchema,
  StartExecutionResponseSchema,
  WatchExecutionResponseSchema,
  type ExecutionService,
  type WatchExecutionResponse,
} from './gen/sirocco/v1/sirocco_pb.js';
import { executionEventMessage, executionMessage } from './messages.js';
import { pageOf } from './paging.js';

const CONTROLS: Record<Exclude<Action, Action.UNSPECIFIED>, (stateInfo: string) => ExecutionControl> = {
  [Action.PAUSE]: (stateInfo) => ({ type: 'PauseExecution', ...(stateInfo ? { stateInfo } : {}) }),
  [Action.RESUME]: () => ({ type: 'ResumeExecution' }),
  [Action.CANCEL]: (stateInfo) => ({
    type: 'StopExecution',
    state: 'CANCELLED',
    ...(stateInfo ? { stateInfo } : {}),
  }),
  [Action.FAIL]: (stateInfo) => ({
    type: 'StopExecution',
    state: 'ERROR',
    ...(stateInfo ? { stateInfo } : {}),
  }),
  [Action.SUCCEED]: (stateInfo) => ({
    type: 'StopExecution',
    state: 'SUCCESS',
    ...(stateInfo ? { stateInfo } : {}),
  }),
};

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

export function executionService(deps: GrpcApiDependencies): ServiceImpl<typeof ExecutionService> {
  const { executions, readModels, eventStore } = deps;
  const readTimeoutMs = deps.readYourWritesTimeoutMs;

  const executionOr404 = async (id: string) => {
    const row = await readModels.getExecution(id);
    if (!row) throw notFoundError(`WorkflowExecution not found [id=${id}]`);
    return executionMessage(row);
  };

  return {
    startExecution: (request) =>
      answering(async () => {
        if (!request.workflowName && !request.workflowId)
          throw invalidArgument('Workflow ID or workflow name must be provided. Workflow ID is recommended.');
        // Starting again with a known id answers with that execution, as the REST API does.
        if (request.id) {
          const existing = await readModels.getExecution(request.id);
          if (existing)
            return create(StartExecutionResponseSchema, { execution: executionMessage(existing) });
        }
        try {
          const started = await executions.start({
            ...(request.workflowName ? { workflowName: request.workflowName } : {}),
            ...(request.workflowId ? { workflowId: request.workflowId } : {}),
            namespace: request.namespace,
            ...(request.input ? { input: request.input } : {}),
            ...(request.params ? { params: request.params } : {}),
            ...(request.description ? { description: request.description } : {}),
            ...(request.id ? { executionId: request.id } : {}),
          });
          await readModels.waitForPosition(started.position, readTimeoutMs);
          return create(StartExecutionResponseSchema, {
            execution: await executionOr404(started.executionId),
          });
        } catch (error) {
          if (request.id && isSiroccoError(error) && error.code === 'CONFLICT') {
            const existing = await readModels.getExecution(request.id);
            if (existing)
              return create(StartExecutionResponseSchema, { execution: executionMessage(existing) });
          }
          throw error;
        }
      }),

    getExecution: (request) =>
      answering(async () =>
        create(GetExecutionResponseSchema, { execution: await executionOr404(request.id) }),
      ),

    listExecutions: (request) =>
      answering(async () => {
        const page = pageOf(request);
        const filters = [
          ...(request.workflowName
            ? [{ field: 'workflow_name', op: 'eq' as const, value: request.workflowName }]
            : []),
          ...(request.state ? [{ field: 'state', op: 'eq' as const, value: request.state }] : []),
        ];
        const rows = await readModels.listExecutions({ ...page.query, filters });
        return create(ListExecutionsResponseSchema, {
          executions: rows.map(executionMessage),
          nextMarker: page.nextMarker(rows),
        });
      }),

    controlExecution: (request) =>
      answering(async () => {
        if (request.action === Action.UNSPECIFIED)
          throw invalidArgument('action is missing: PAUSE, RESUME, CANCEL, FAIL or SUCCEED.');
        const control = CONTROLS[request.action];
        if (!control) throw invalidArgument(`unknown action ${String(request.action)}.`);
        const { position } = await executions.control(request.id, control(request.stateInfo));
        await readModels.waitForPosition(position, readTimeoutMs);
        return create(ControlExecutionResponseSchema, { execution: await executionOr404(request.id) });
      }),

    async *watchExecution(request, context): AsyncGenerator<WatchExecutionResponse> {
      const stream = executionStreamId(request.id);
      const first = await eventStore.readStream(stream, { maxCount: 1 });
      if (first.length === 0) throw notFoundError(`WorkflowExecution not found [id=${request.id}]`);
      let next = request.fromStart ? 0 : Number(request.afterRevision) + 1;
      while (!context.signal.aborted) {
        let events;
        try {
          events = await eventStore.readStream(stream, { fromRevision: next });
        } catch (error) {
          throw toConnectError(error);
        }
        for (const event of events) {
          yield create(WatchExecutionResponseSchema, { event: executionEventMessage(event) });
          next = event.revision + 1;
          if (event.type === 'ExecutionCompleted' || event.type === 'ExecutionDeleted') return;
        }
        if (events.length === 0) await sleep(deps.watchPollMs ?? 50, context.signal);
      }
    },
  };
}
