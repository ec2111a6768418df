// Drives the pure decider like the engine would, with a deterministic clock
// and ids, and "executes" actions by a rule table instead of an executor.
// For unit tests of workflow semantics: no store, no bus, no I/O.
import { parseWorkflowsDocument, type WorkflowSpec } from '@sirocco/dsl';
import type { ActionDescriptor, DecideContext, ExecutionCommand } from '../commands.js';
import { decide } from '../decide.js';
import type { ExecutionEvent } from '../events.js';
import { initialExecutionFold, type ExecutionFold } from '../execution/execution-state.js';

/** A simulated action run; `undefined` means it never reports (an async action that hangs). */
export type ActionBehaviour = (
  input: Record<string, unknown>,
  attempt: number,
) => { state: 'SUCCESS' | 'ERROR'; output: unknown } | undefined;

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
  'std.async_noop': { descriptor: { name: 'std.async_noop', input: [] }, run: () => undefined },
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
  /** Action executions the simulation will not complete (their behaviour returned undefined). */
  private readonly hanging = new Set<string>();
  /** Extra actions known to the simulated catalog (e.g. ad-hoc actions). */
  readonly extraActions: Record<string, ActionDescriptor> = {};
  readonly ctx: DecideContext = {
    now: '',
    newId: () => `id-${++this.ids}`,
    resolveAction: (name) => this.extraActions[name] ?? SIMULATED_ACTIONS[name]?.descriptor,
  };

  constructor(readonly spec: WorkflowSpec) {}

  static fromYaml(yaml: string, name?: string): WorkflowSimulation {
    return new WorkflowSimulation(parseSingleWorkflow(yaml, name));
  }

  /** The simulated time of the next decision (one second after the previous one). */
  get now(): string {
    return new Date(Date.UTC(2026, 0, 1, 0, 0, this.seconds)).toISOString();
  }

  send(command: ExecutionCommand): ExecutionEvent[] {
    this.seconds += 1;
    const ctx = { ...this.ctx, now: this.now };
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

  /** Fires the earliest pending timer, advancing the clock to its deadline; false when none is pending. */
  fireNextTimer(): boolean {
    const timer = [...this.fold.timers.values()].sort((a, b) => (a.fireAt < b.fireAt ? -1 : 1))[0];
    if (!timer) return false;
    const due = Math.floor((Date.parse(timer.fireAt) - Date.UTC(2026, 0, 1)) / 1000);
    this.seconds = Math.max(this.seconds, due - 1);
    this.send({ type: 'FireTimer', timerId: timer.id });
    return true;
  }

  /**
   * Completes running actions one at a time (oldest first), firing timers
   * when nothing else can happen, until the execution settles.
   */
  runToEnd(overrides: Record<string, ActionBehaviour> = {}, maxSteps = 100_000): this {
    for (let i = 0; i < maxSteps; i++) {
      const next = this.runningActions().find((a) => !this.hanging.has(a.id));
      if (!next) {
        if (this.fireNextTimer()) continue;
        return this;
      }
      const task = this.fold.tasks.get(next.taskExecutionId);
      const runName = next.run?.actionName ?? next.actionName;
      const behaviour = overrides[task?.name ?? ''] ?? SIMULATED_ACTIONS[runName]?.run;
      if (!behaviour) throw new Error(`No simulated behaviour for ${runName}`);
      const outcome = behaviour({ ...(next.run?.input ?? next.input) }, next.attempt);
      if (!outcome) {
        this.hanging.add(next.id);
        continue;
      }
      this.send({ type: 'ReportActionResult', actionExecutionId: next.id, ...outcome });
    }
    throw new Error('Simulation did not settle');
  }

  /** Action executions of a task, in scheduling order. */
  actionsOf(name: string) {
    const ids = new Set([...this.fold.tasks.values()].filter((t) => t.name === name).map((t) => t.id));
    return [...this.fold.actions.values()].filter((a) => ids.has(a.taskExecutionId));
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
