// Read-model rows and recorded events as the API's protobuf messages.
import { create, type JsonValue } from '@bufbuild/protobuf';
import { ValueSchema, type Value } from '@bufbuild/protobuf/wkt';
import { fromJson } from '@bufbuild/protobuf';
import type { RecordedEvent } from '@sirocco/eventstore';
import type { ExecutionRow, WorkflowRow } from '@sirocco/projections';
import {
  ExecutionEventSchema,
  ExecutionSchema,
  WorkflowSchema,
  type Execution,
  type ExecutionEvent,
  type Workflow,
} from './gen/sirocco/v1/sirocco_pb.js';

/** Any JSON value as google.protobuf.Value (undefined becomes null). */
export const jsonValue = (value: unknown): Value =>
  fromJson(ValueSchema, (value === undefined ? null : JSON.parse(JSON.stringify(value))) as JsonValue);

export const workflowMessage = (row: WorkflowRow): Workflow =>
  create(WorkflowSchema, {
    id: row.id,
    name: row.name,
    namespace: row.namespace,
    definition: row.definition,
    input: row.input,
    tags: [...row.tags],
    scope: row.scope,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt ?? '',
  });

export const executionMessage = (row: ExecutionRow): Execution =>
  create(ExecutionSchema, {
    id: row.id,
    workflowId: row.workflowId,
    workflowName: row.workflowName,
    workflowNamespace: row.workflowNamespace,
    description: row.description,
    state: row.state,
    stateInfo: row.stateInfo ?? '',
    input: jsonValue(row.input),
    output: jsonValue(row.output),
    params: jsonValue(row.params),
    taskExecutionId: row.taskExecutionId ?? '',
    rootExecutionId: row.rootExecutionId ?? '',
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });

export const executionEventMessage = (event: RecordedEvent): ExecutionEvent => {
  const at = (event.data as { at?: unknown } | null)?.at;
  return create(ExecutionEventSchema, {
    revision: BigInt(event.revision),
    type: event.type,
    at: typeof at === 'string' ? at : event.recordedAt,
    data: jsonValue(event.data),
  });
};
