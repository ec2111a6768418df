// An event trigger → Mistral's EventTrigger resource, with exactly Mistral's
// fields in Mistral's order (the declaration order of its WSME resource, which
// is how Mistral writes them). Times in Mistral's form (`2026-11-24 02:10:00`);
// input and params as JSON text. POST answers leave out `updated_at`, as
// Mistral's do; elsewhere it is null until the first update.
import { toMistralTime } from '@sirocco/workflow';
import { pyJsonDumps } from '../http/python-json.js';

/** The trigger as the API port returns it (ActiveEventTrigger in @sirocco/scheduler). */
export interface EventTriggerView {
  readonly triggerId: string;
  readonly name: string;
  readonly exchange: string;
  readonly topic: string;
  readonly event: string;
  readonly workflowId: string;
  readonly workflowInput: Readonly<Record<string, unknown>>;
  readonly workflowParams: Readonly<Record<string, unknown>>;
  readonly scope: string;
  readonly projectId: string;
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

export const EVENT_TRIGGER_FIELDS = [
  'id',
  'created_at',
  'updated_at',
  'project_id',
  'name',
  'workflow_id',
  'workflow_input',
  'workflow_params',
  'exchange',
  'topic',
  'event',
  'scope',
] as const;

export function presentEventTrigger(
  t: EventTriggerView,
  mode: 'get' | 'post' = 'get',
): Record<string, unknown> {
  return {
    id: t.triggerId,
    created_at: toMistralTime(t.createdAt),
    ...(mode === 'get' ? { updated_at: t.updatedAt === null ? null : toMistralTime(t.updatedAt) } : {}),
    project_id: t.projectId,
    name: t.name,
    workflow_id: t.workflowId,
    workflow_input: pyJsonDumps(t.workflowInput),
    workflow_params: pyJsonDumps(t.workflowParams),
    exchange: t.exchange,
    topic: t.topic,
    event: t.event,
    scope: t.scope,
  };
}
