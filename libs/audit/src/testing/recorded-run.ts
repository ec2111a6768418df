// Records a history the way the engine would (decide, then fold), with
// recorded-looking ids and a ticking clock, and actions "run" by a rule
// table. For tests of replay and what-if: no store, no executor.
import { parseWorkflowsDocument, type WorkflowSpec } from '@sirocco/dsl';
import {
  decide,
  initialExecutionFold,
  type ActionDescriptor,
  type ExecutionCommand,
  type ExecutionEvent,
} from '@sirocco/workflow';

const param = (name: string, def?: unknown) =>
  def === undefined ? { name, hasDefault: false } : { name, hasDefault: true, default: def };

export const TEST_ACTIONS: Record<string, ActionDescriptor> = {
  'std.noop': { name: 'std.noop', input: [] },
  'std.echo': { name: 'std.echo', input: [param('output')] },
  'std.fail': { name: 'std.fail', input: [param('error_data', null)] },
};

export const resolveTestAction = (name: string): ActionDescriptor | undefined => TEST_ACTIONS[name];

const outcomeOf = (name: string, input: Record<string, unknown>) =>
  name === 'std.fail'
    ? { state: 'ERROR' as const, output: 'Fail action expected exception.' }
    : { state: 'SUCCESS' as const, output: name === 'std.echo' ? input['output'] : null };

export const specOf = (yaml: string, name?: string): WorkflowSpec => {
  const parsed = parseWorkflowsDocument(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const spec = name ? parsed.value.workflows.find((w) => w.name === name) : parsed.value.workflows[0];
  if (!spec) throw new Error(`no workflow ${name ?? ''}`);
  return spec;
};

export function recordRun(
  spec: WorkflowSpec,
  input: Record<string, unknown>,
  executionId = 'exec-1',
): ExecutionEvent[] {
  const fold = initialExecutionFold();
  const history: ExecutionEvent[] = [];
  let ids = 0;
  let seconds = 0;
  const send = (command: ExecutionCommand) => {
    seconds += 1;
    const now = new Date(Date.UTC(2026, 10, 24, 0, 0, seconds)).toISOString();
    history.push(
      ...decide(fold, command, { now, newId: () => `rec-${++ids}`, resolveAction: resolveTestAction }),
    );
  };
  send({
    type: 'StartExecution',
    executionId,
    workflowId: 'wf-1',
    workflowName: spec.name,
    workflowNamespace: '',
    spec,
    definitionRevision: 0,
    input,
    params: {},
    description: '',
  });
  for (let step = 0; step < 1000; step++) {
    const next = [...fold.actions.values()].find((a) => a.state === 'RUNNING');
    if (next) {
      send({
        type: 'ReportActionResult',
        actionExecutionId: next.id,
        ...outcomeOf(next.actionName, { ...next.input }),
      });
      continue;
    }
    // Timers fire only when nothing else is running, like a scheduler that is late.
    const timer = [...fold.timers.values()][0];
    if (!timer) return history;
    send({ type: 'FireTimer', timerId: timer.id });
  }
  throw new Error('run did not settle');
}
