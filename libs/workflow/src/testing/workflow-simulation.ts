// Drives the pure decider like the engine would, with a deterministic clock
// and ids, and "executes" actions by a rule table instead of an executor.
// For unit tests of workflow semantics: no store, no bus, no I/O.
import { parseWorkflowsDocument, type WorkflowSpec } from '@sirocco/dsl';
import type { ActionDescriptor, DecideContext, ExecutionCommand } from '../commands.js';
import { decide } from '../decide.js';
import type { ExecutionEvent } from '../events.js';
import { initialExecutionFold, type ExecutionFold } from '../execution/execution-state.js';

export type ActionBehaviour = (input: Record<string, unknown>) => { state: 'SUCCESS' | 'ERROR'; output: unknown };

const param = (name: string, def?: unknown) =>
  def === undefined ? { name, hasDefault: false } : { name, hasDefault: true, default: def };

/** The standard actions' signatures and a simulated outcome for each. */
export const SIMULATED_ACTIONS: Record<string, { descriptor: ActionDescriptor; run: ActionBehaviour }> = {
  'std.noop': { descriptor: { name: 'std.noop', input: [] }, run: () => ({ state: 'SUCCESS', output: null }) },
  'std.echo': {
    descriptor: { name: 'std.echo', input: [param('output')] },
    run: (i) => ({ state: 'SUCCESS', output: i['output'] }),
  },
  'std.fail': {
    descriptor: { name: 'std.fail', input: [param('error_data', null)] },
    run: (i) => ({ state: 'ERROR', output: i['error_data'] ?? 'Fail action expected exception.' }),
  },
};

export const parseSingleWorkflow = (yaml: string, name?: string): WorkflowSpec => {
  const parsed = parseWorkflowsDocument(yaml);
  if (!parsed.ok) throw new Error(`Test workflow is invalid: ${JSON.stringify(parsed.problems)}`);
  const wf = name ? parsed.value.workflows.find((w) => w.name === name) : parsed.value.workflows[0];
  if (!wf) throw new Error(`No workflow ${name ?? ''} in test document`);
  return wf;
};

export class WorkflowSimulation {
  readonly fold: ExecutionFold = initialExecutionFold();
  readonly history: ExecutionEvent[] = [];
  private ids = 0;
  private seconds = 0;
  readonly ctx: DecideContext = {
    now: '',
    newId: () => `id-${++this.ids}`,
    resolveAction: (name) => SIMULATED_ACTIONS[name]?.descriptor,
  };

  constructor(readonly spec: WorkflowSpec) {}

  static fromYaml(yaml: string, name?: string): WorkflowSimulation {
    return new WorkflowSimulation(parseSingleWorkflow(yaml, name));
  }

  send(command: ExecutionCommand): ExecutionEvent[] {
    this.seconds += 1;
    const ctx = { ...this.ctx, now: new Date(Date.UTC(2026, 0, 1, 0, 0, this.seconds)).toISOString() };
    const events = decide(this.fold, command, ctx);
    this.history.push(...events);
    return events;
  }

  start(input: Record<string, unknown> = {}, params: Record<string, unknown> = {}): ExecutionEvent[] {
    return this.send({
      type: 'StartExecution',
      executionId: 'exec-1',
      workflowId: 'wf-1',
      workflowName: this.spec.name,
      workflowNamespace: '',
      spec: this.spec,
      definitionRevision: 0,
      input,
      params,
      description: '',
    });
  }

  /** Action executions still waiting for a result, in scheduling order. */
  runningActions() {
    return [...this.fold.actions.values()].filter((a) => a.state === 'RUNNING');
  }

  /** Completes running actions one at a time (oldest first) until none is left or `maxSteps` is hit. */
  runToEnd(overrides: Record<string, ActionBehaviour> = {}, maxSteps = 1_000): this {
    for (let i = 0; i < maxSteps; i++) {
      const next = this.runningActions()[0];
      if (!next) return this;
      const task = this.fold.tasks.get(next.taskExecutionId);
      const behaviour = overrides[task?.name ?? ''] ?? SIMULATED_ACTIONS[next.actionName]?.run;
      if (!behaviour) throw new Error(`No simulated behaviour for ${next.actionName}`);
      const outcome = behaviour({ ...next.input });
      this.send({ type: 'ReportActionResult', actionExecutionId: next.id, ...outcome });
    }
    throw new Error('Simulation did not settle');
  }

  /** task name -> states of its executions, in creation order. */
  taskStates(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const t of this.fold.tasks.values()) (out[t.name] ??= []).push(t.state);
    return out;
  }

  task(name: string) {
    const t = [...this.fold.tasks.values()].filter((x) => x.name === name).pop();
    if (!t) throw new Error(`Task ${name} did not run`);
    return t;
  }
}
