import { describe, expect, it } from 'vitest';
import { WorkflowSimulation } from '../testing/workflow-simulation.js';
import { isSiroccoError } from '../errors.js';

const diamond = `version: '2.0'
rev:
  type: reverse
  tasks:
    base:
      action: std.echo output=1
      publish: {b: <% task().result %>}
    left:
      action: std.echo output=<% $.b + 1 %>
      publish: {l: <% task().result %>}
      requires: base
    right:
      action: std.echo output=<% $.b + 2 %>
      publish: {r: <% task().result %>}
      requires: [base]
    top:
      action: std.echo output=<% $.l + $.r %>
      publish: {total: <% task().result %>}
      requires: [left, right]
    unrelated:
      action: std.noop
`;

describe('reverse workflows', () => {
  it('runs only what the target needs, dependencies first, once each', () => {
    const sim = WorkflowSimulation.fromYaml(diamond);
    sim.start({}, { task_name: 'top' });
    expect(sim.runningActions().map((a) => sim.fold.tasks.get(a.taskExecutionId)?.name)).toEqual(['base']);
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ base: ['SUCCESS'], left: ['SUCCESS'], right: ['SUCCESS'], top: ['SUCCESS'] });
    expect(sim.fold.state).toBe('SUCCESS');
    // Output without an output section: the target's outbound context.
    expect(sim.fold.output).toMatchObject({ total: 5 });
  });

  it('stops at a partial target', () => {
    const sim = WorkflowSimulation.fromYaml(diamond);
    sim.start({}, { task_name: 'left' });
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ base: ['SUCCESS'], left: ['SUCCESS'] });
  });

  it('fails the workflow when a needed task fails; its dependents never run', () => {
    const sim = WorkflowSimulation.fromYaml(diamond);
    sim.start({}, { task_name: 'top' });
    sim.runToEnd({ left: () => ({ state: 'ERROR', output: 'no' }) });
    expect(sim.taskStates()).toEqual({ base: ['SUCCESS'], left: ['ERROR'], right: ['SUCCESS'] });
    expect(sim.fold.state).toBe('ERROR');
  });

  it('rejects a start without a valid task_name', () => {
    const sim = WorkflowSimulation.fromYaml(diamond);
    try {
      sim.start({}, { task_name: 'nope' });
      expect.unreachable();
    } catch (e) {
      expect(isSiroccoError(e) && e.code).toBe('INVALID_INPUT');
    }
    expect(sim.history).toEqual([]);
  });
});
