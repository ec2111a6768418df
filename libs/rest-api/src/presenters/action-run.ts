// The answer to POST /v2/action_executions (an action run outside any
// workflow). Mistral answers an unsaved sync run with a resource built in
// memory (id, times, project and `accepted` null; `task_name` and `params`
// absent), and a started async run with its saved row (RUNNING, output null).
import { DEFAULT_PROJECT_ID } from '@sirocco/projections';
import { toMistralTime } from '@sirocco/workflow';
import { pyJsonDumps } from '../http/python-json.js';

export type ActionRun = {
  readonly name: string;
  readonly namespace: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly description: string | null;
} & (
  | { readonly id: null; readonly state: 'SUCCESS' | 'ERROR'; readonly output: unknown }
  | { readonly id: string; readonly state: 'RUNNING' }
  | { readonly id: string; readonly state: 'ERROR'; readonly output: unknown }
);

export function presentActionRun(run: ActionRun, now: Date = new Date()): Record<string, unknown> {
  const started = run.id !== null;
  return {
    id: run.id,
    workflow_name: null,
    workflow_namespace: run.namespace,
    task_execution_id: null,
    state: run.state,
    state_info: null,
    tags: null,
    name: run.name,
    description: started ? (run.description ?? '') : run.description,
    project_id: started ? DEFAULT_PROJECT_ID : null,
    accepted: started ? run.state !== 'RUNNING' : null,
    input: pyJsonDumps(run.input),
    output: 'output' in run ? pyJsonDumps({ result: run.output }) : null,
    created_at: started ? toMistralTime(now.toISOString()) : null,
    updated_at: null,
  };
}
