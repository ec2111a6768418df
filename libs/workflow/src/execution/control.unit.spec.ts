import { describe, expect, it } from 'vitest';
import { WorkflowSimulation } from '../testing/workflow-simulation.js';
import { isSiroccoError } from '../errors.js';

const chain = `version: '2.0'
wf:
  tasks:
    a:
      action: std.echo output=1
      publish: {a: <% task().result %>}
      on-success: [b]
    b:
      action: std.echo output=<% $.a + 1 %>
      publish: {b: <% task().result %>}
  output:
    b: <% $.b %>
`;

describe('execution control', () => {
  it('pause holds the next tasks and resume continues exactly there', () => {
    const sim = WorkflowSimulation.fromYaml(chain);
    sim.start();
    sim.send({ type: 'PauseExecution' });
    expect(sim.fold.state).toBe('PAUSED');
    // The running action still reports; its task completes but b waits.
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ a: ['SUCCESS'] });
    expect(sim.fold.state).toBe('PAUSED');
    sim.send({ type: 'ResumeExecution' });
    expect(sim.taskStates()).toEqual({ a: ['SUCCESS'], b: ['RUNNING'] });
    sim.runToEnd();
    expect(sim.fold.state).toBe('SUCCESS');
    expect(sim.fold.output).toEqual({ b: 2 });
  });

  it('resume after the pause command runs the transitions listed after it', () => {
    const sim = WorkflowSimulation.fromYaml(`version: '2.0'
wf:
  tasks:
    before:
      action: std.noop
      on-success: [pause, after]
    after:
      action: std.noop
`);
    sim.start();
    sim.runToEnd();
    expect(sim.fold.state).toBe('PAUSED');
    sim.send({ type: 'ResumeExecution' });
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ before: ['SUCCESS'], after: ['SUCCESS'] });
    expect(sim.fold.state).toBe('SUCCESS');
  });

  it('resume starts a task held by pause-before', () => {
    const sim = WorkflowSimulation.fromYaml(`version: '2.0'
wf:
  tasks:
    t:
      action: std.noop
      pause-before: true
`);
    sim.start();
    sim.send({ type: 'ResumeExecution' });
    sim.runToEnd();
    expect(sim.fold.state).toBe('SUCCESS');
  });

  it('cancel ends the execution; later results change nothing but the action record', () => {
    const sim = WorkflowSimulation.fromYaml(chain);
    sim.start();
    sim.send({ type: 'StopExecution', state: 'CANCELLED', stateInfo: 'operator said so' });
    expect(sim.fold.state).toBe('CANCELLED');
    expect(sim.fold.output).toEqual({ result: 'operator said so' });
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ a: ['RUNNING'] });
    expect(sim.fold.state).toBe('CANCELLED');
  });

  it('force fail and force success end the execution with the given state', () => {
    const failed = WorkflowSimulation.fromYaml(chain);
    failed.start();
    failed.send({ type: 'StopExecution', state: 'ERROR', stateInfo: 'forced' });
    expect([failed.fold.state, failed.fold.stateInfo]).toEqual(['ERROR', 'forced']);
    // (Forcing success still evaluates the output, which here has nothing to read yet.)
    const succeeded = WorkflowSimulation.fromYaml(chain.replace(/ {2}output:[\s\S]*$/, ''));
    succeeded.start();
    succeeded.send({ type: 'StopExecution', state: 'SUCCESS' });
    expect(succeeded.fold.state).toBe('SUCCESS');
  });

  it('rejects impossible changes and treats repeats as no-ops', () => {
    const sim = WorkflowSimulation.fromYaml(chain);
    sim.start();
    expect(sim.send({ type: 'ResumeExecution' })).toEqual([]);
    sim.send({ type: 'StopExecution', state: 'CANCELLED' });
    expect(sim.send({ type: 'StopExecution', state: 'CANCELLED' })).toEqual([]);
    try {
      sim.send({ type: 'PauseExecution' });
      expect.unreachable();
    } catch (e) {
      expect(isSiroccoError(e) && e.code).toBe('INVALID_STATE');
    }
  });
});

describe('rerun of failed tasks', () => {
  it('reruns a failed task of a failed execution, which then continues', () => {
    const sim = WorkflowSimulation.fromYaml(`version: '2.0'
wf:
  tasks:
    flaky:
      action: std.echo output=1
      on-success: after
    after:
      action: std.noop
`);
    sim.start();
    sim.runToEnd({ flaky: () => ({ state: 'ERROR', output: 'down' }) });
    expect(sim.fold.state).toBe('ERROR');
    sim.send({ type: 'RerunTask', taskExecutionId: sim.task('flaky').id, reset: true });
    expect(sim.fold.state).toBe('RUNNING');
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ flaky: ['SUCCESS'], after: ['SUCCESS'] });
    expect(sim.fold.state).toBe('SUCCESS');
    expect(sim.actionsOf('flaky').map((a) => a.accepted)).toEqual([false, true]);
  });

  it('without reset reruns only the failed with-items items and keeps the others', () => {
    const sim = WorkflowSimulation.fromYaml(`version: '2.0'
wf:
  tasks:
    each:
      with-items: i in <% [1, 2, 3, 4] %>
      action: std.echo output=<% $.i %>
      publish: {all: <% task().result %>}
`);
    sim.start();
    let broken = true;
    const behaviour = (input: Record<string, unknown>) =>
      broken && Number(input['output']) % 2 === 0
        ? ({ state: 'ERROR', output: 'even' } as const)
        : ({ state: 'SUCCESS', output: input['output'] } as const);
    sim.runToEnd({ each: behaviour });
    expect(sim.task('each').state).toBe('ERROR');
    broken = false;
    sim.send({ type: 'RerunTask', taskExecutionId: sim.task('each').id, reset: false });
    expect(sim.runningActions().map((a) => a.itemIndex)).toEqual([1, 3]);
    sim.runToEnd({ each: behaviour });
    expect(sim.actionsOf('each')).toHaveLength(6);
    expect(sim.task('each').published).toEqual({ all: [1, 2, 3, 4] });
    expect(sim.fold.state).toBe('SUCCESS');
  });

  it('refuses to rerun a task that did not fail', () => {
    const sim = WorkflowSimulation.fromYaml(chain);
    sim.start();
    sim.runToEnd();
    expect(() => sim.send({ type: 'RerunTask', taskExecutionId: sim.task('a').id, reset: true })).toThrow(
      /Only failed tasks can be rerun|can no longer be rerun/,
    );
  });
});
