// sirocco.v1.WorkflowService over the workflow catalog and read models.
import { create } from '@bufbuild/protobuf';
import type { ServiceImpl } from '@connectrpc/connect';
import type { GrpcApiDependencies } from './dependencies.js';
import { answering, invalidArgument, notFoundError } from './errors.js';
import {
  CreateWorkflowsResponseSchema,
  GetWorkflowResponseSchema,
  ListWorkflowsResponseSchema,
  type WorkflowService,
} from './gen/sirocco/v1/sirocco_pb.js';
import { workflowMessage } from './messages.js';
import { pageOf } from './paging.js';

export function workflowService(deps: GrpcApiDependencies): ServiceImpl<typeof WorkflowService> {
  const { catalog, readModels } = deps;
  return {
    createWorkflows: (request) =>
      answering(async () => {
        if (!request.definition.trim()) throw invalidArgument('definition is empty: send the workflow YAML.');
        const saved = await catalog.create(request.definition, {
          namespace: request.namespace,
          ...(request.scope ? { scope: request.scope } : {}),
        });
        await readModels.waitForPosition(saved.position, deps.readYourWritesTimeoutMs);
        const rows = await Promise.all(saved.workflows.map((w) => readModels.getWorkflow(w.workflowId)));
        return create(CreateWorkflowsResponseSchema, {
          workflows: rows.flatMap((r) => (r ? [workflowMessage(r)] : [])),
        });
      }),

    getWorkflow: (request) =>
      answering(async () => {
        const { identifier, namespace } = request;
        if (!identifier) throw invalidArgument('identifier is empty: give a workflow id or name.');
        const row =
          (await readModels.getWorkflow(identifier)) ??
          (await readModels.findWorkflowByName(namespace, identifier)) ??
          (namespace ? await readModels.findWorkflowByName('', identifier) : undefined);
        if (!row)
          throw notFoundError(`Workflow not found [identifier=${identifier}, namespace=${namespace}]`);
        return create(GetWorkflowResponseSchema, { workflow: workflowMessage(row) });
      }),

    listWorkflows: (request) =>
      answering(async () => {
        const page = pageOf(request);
        const rows = await readModels.listWorkflows({
          ...page.query,
          ...(request.namespace
            ? { filters: [{ field: 'namespace', op: 'eq', value: request.namespace }] }
            : {}),
        });
        return create(ListWorkflowsResponseSchema, {
          workflows: rows.map(workflowMessage),
          nextMarker: page.nextMarker(rows),
        });
      }),
  };
}
