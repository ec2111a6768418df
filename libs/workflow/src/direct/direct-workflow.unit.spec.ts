import { describe, expect, it } from 'vitest';
import { WorkflowSimulation } from '../testing/workflow-simulation.js';
import { foldExecution } from '../execution/evolve.js';
import { isSiroccoError } from '../errors.js';

const wf = (body: string) => `version: '2.0'\nwf:\n${body}`;

describe('direct workflow: sequences and data flow', () => {
  it('runs a single task and succeeds with the evaluated output', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    t1:
      action: std.echo output=41
      publish:
        x: <% task().result + 1 %>
  output:
    x: <% $.x %>
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.fold.state).toBe('SUCCESS');
    expect(sim.fold.output).toEqual({ x: 42 });
    expect(sim.task('t1').published).toEqual({ x: 42 });
  });

  it('passes published variables along on-success transitions', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  input:
    - name
  tasks:
    a:
      action: std.echo output=<% $.name %>
      publish: {who: <% task().result %>}
      on-success: b
    b:
      action: std.echo output="hello <% $.who %>"
      publish: {greeting: <% task().result %>}
  output:
    greeting: <% $.greeting %>
`),
    );
    sim.start({ name: 'world' });
    sim.runToEnd();
    expect(sim.fold.output).toEqual({ greeting: 'hello world' });
    expect(sim.taskStates()).toEqual({ a: ['SUCCESS'], b: ['SUCCESS'] });
  });

  it('returns the final context as output when the workflow declares none', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    a:
      action: std.echo output=1
      publish: {one: <% task().result %>}
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.fold.output).toEqual({ one: 1 });
  });

  it('applies input defaults and rejects missing or unexpected input without writing events', () => {
    const doc = wf(`  input:
    - required
    - optional: 5
  tasks:
    t:
      action: std.echo output=<% $.required + $.optional %>
      publish: {sum: <% task().result %>}
`);
    const missing = WorkflowSimulation.fromYaml(doc);
    expect(() => missing.start({})).toThrowError(/missing=\['required'\]/);
    expect(missing.history).toEqual([]);
    const unexpected = WorkflowSimulation.fromYaml(doc);
    try {
      unexpected.start({ required: 1, nope: 2 });
      expect.unreachable();
    } catch (e) {
      expect(isSiroccoError(e) && e.code).toBe('INVALID_INPUT');
      expect(String(e)).toMatch(/unexpected=\['nope'\]/);
    }
    const ok = WorkflowSimulation.fromYaml(doc);
    ok.start({ required: 1 });
    ok.runToEnd();
    expect(ok.fold.output).toEqual({ sum: 6 });
  });

  it('starts every task without inbound transitions, in parallel', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    a:
      action: std.noop
    b:
      action: std.noop
    c:
      action: std.noop
`),
    );
    sim.start();
    expect(sim.runningActions()).toHaveLength(3);
    sim.runToEnd();
    expect(sim.fold.state).toBe('SUCCESS');
  });
});

describe('direct workflow: publish', () => {
  it('layers clause publish, task publish and on-complete publish, and publishes globals workflow-wide', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    t1:
      action: std.echo output="abc"
      publish:
        regular: <% task().result %>
        shared: from-task
      on-success:
        publish:
          branch:
            shared: from-clause
            clause_only: 1
          global:
            g: <% task().result + '!' %>
        next: [t2]
      on-complete:
        publish:
          branch:
            done: true
    t2:
      action: std.echo output=<% global('g') %>
      publish:
        seen: <% task().result %>
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.task('t1').published).toEqual({
      shared: 'from-task',
      clause_only: 1,
      regular: 'abc',
      done: true,
    });
    expect(sim.task('t2').published).toEqual({ seen: 'abc!' });
    expect(sim.fold.context['g']).toBe('abc!');
  });
});

describe('direct workflow: errors and their handling', () => {
  it('fails the workflow on an unhandled task error and names the task', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    boom:
      action: std.fail
      on-success: after
    after:
      action: std.noop
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.fold.state).toBe('ERROR');
    expect(sim.fold.stateInfo).toMatch(/^Failure caused by error in tasks: boom\n/);
    expect(sim.fold.output).toEqual({ result: sim.fold.stateInfo });
    expect(sim.taskStates()).toEqual({ boom: ['ERROR'] });
  });

  it('succeeds when on-error handles the failure', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    boom:
      action: std.fail
      publish-on-error:
        failed: true
      on-error: recover
    recover:
      action: std.echo output="ok"
      publish: {r: <% task().result %>}
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.fold.stateInfo).toBeUndefined();
    expect(sim.fold.state).toBe('SUCCESS');
    expect(sim.task('boom').published).toEqual({ failed: true });
    expect(sim.fold.output).toEqual({ failed: true, r: 'ok' });
  });

  it('runs on-complete after an error but still fails the workflow', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    boom:
      action: std.fail
      on-complete: cleanup
    cleanup:
      action: std.noop
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ boom: ['ERROR'], cleanup: ['SUCCESS'] });
    expect(sim.fold.state).toBe('ERROR');
  });

  it('runs on-success and on-complete targets after a success', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    t:
      action: std.noop
      on-success: [s]
      on-complete: [c]
    s:
      action: std.noop
    c:
      action: std.noop
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ t: ['SUCCESS'], s: ['SUCCESS'], c: ['SUCCESS'] });
    expect(sim.task('t').nextTasks).toEqual([
      ['s', 'on-success'],
      ['c', 'on-complete'],
    ]);
  });

  it('fails a task whose publish expression fails, and its on-success never runs', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    t:
      action: std.echo output=1
      publish:
        bad: <% $.missing_key.deeper %>
      on-success: after
    after:
      action: std.noop
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ t: ['ERROR'] });
    expect(sim.task('t').stateInfo).toBeTruthy();
    expect(sim.fold.state).toBe('ERROR');
  });

  it('fails a task whose input expression fails, without running its action', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    t:
      action: std.echo output=<% $.nope %>
`),
    );
    sim.start();
    expect(sim.runningActions()).toHaveLength(0);
    expect(sim.taskStates()).toEqual({ t: ['ERROR'] });
    expect(sim.fold.state).toBe('ERROR');
  });

  it('fails a task whose action is unknown', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    t:
      action: no.such_action
`),
    );
    sim.start();
    expect(sim.task('t').stateInfo).toMatch(/Failed to find action \[action_name=no.such_action/);
    expect(sim.fold.state).toBe('ERROR');
  });

  it('turns a success into an error with fail-on, which on-error can handle', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    check:
      action: std.echo output=42
      fail-on: <% task().result > 40 %>
      on-error: handled
    handled:
      action: std.noop
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ check: ['ERROR'], handled: ['SUCCESS'] });
    expect(sim.fold.state).toBe('SUCCESS');
  });
});

describe('direct workflow: conditions', () => {
  it('takes only the transitions whose YAQL or Jinja condition holds', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  input:
    - n
  tasks:
    t:
      action: std.echo output=<% $.n %>
      publish: {v: <% task().result %>}
      on-success:
        - big: <% $.v > 10 %>
        - small: "{{ _.v <= 10 }}"
        - always
    big:
      action: std.noop
    small:
      action: std.noop
    always:
      action: std.noop
`),
    );
    sim.start({ n: 3 });
    sim.runToEnd();
    expect(Object.keys(sim.taskStates()).sort()).toEqual(['always', 'small', 't']);
  });

  it('fails the workflow when a condition cannot be evaluated', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    t:
      action: std.noop
      on-success:
        - next: <% $.no_such.key %>
    next:
      action: std.noop
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.fold.state).toBe('ERROR');
    expect(sim.fold.stateInfo).toMatch(/Failed to evaluate transitions of task 't'/);
  });
});

describe('direct workflow: engine commands', () => {
  it('fail ends the workflow in ERROR with the message', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    t:
      action: std.noop
      on-success:
        - fail msg="stopped by rule"
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.fold.state).toBe('ERROR');
    expect(sim.fold.stateInfo).toBe('stopped by rule');
    expect(sim.fold.output).toEqual({ result: 'stopped by rule' });
  });

  it('fail without a message leaves state_info empty and output.result null', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    t:
      action: std.noop
      on-success: fail
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.fold.state).toBe('ERROR');
    expect(sim.fold.stateInfo).toBeUndefined();
    expect(sim.fold.output).toEqual({ result: null });
  });

  it('succeed ends the workflow and later tasks never run', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    first:
      action: std.echo output=1
      publish: {x: <% task().result %>}
      on-success:
        - succeed: <% $.x = 1 %>
        - second: <% $.x != 1 %>
    second:
      action: std.noop
  output:
    x: <% $.x %>
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.fold.state).toBe('SUCCESS');
    expect(sim.fold.output).toEqual({ x: 1 });
    expect(sim.taskStates()).toEqual({ first: ['SUCCESS'] });
  });

  it('succeed on-error turns a failure into success', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    boom:
      action: std.fail
      on-error: succeed
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.fold.state).toBe('SUCCESS');
  });

  it('pause pauses the execution and runs nothing after it', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    before:
      action: std.noop
      on-success:
        - pause
        - after
    after:
      action: std.noop
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.fold.state).toBe('PAUSED');
    expect(sim.taskStates()).toEqual({ before: ['SUCCESS'] });
  });

  it('noop does nothing and the workflow succeeds', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    t:
      action: std.noop
      on-success: [noop]
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.fold.state).toBe('SUCCESS');
    expect(sim.task('t').nextTasks).toEqual([]);
  });
});

describe('direct workflow: join', () => {
  const diamond = wf(`  tasks:
    a:
      action: std.echo output=1
      publish: {a: <% task().result %>}
      on-success: j
    b:
      action: std.echo output=2
      publish: {b: <% task().result %>}
      on-success: j
    j:
      join: all
      action: std.echo output=<% $.a + $.b %>
      publish: {sum: <% task().result %>}
`);

  it('join: all waits for every branch and merges their contexts', () => {
    const sim = WorkflowSimulation.fromYaml(diamond);
    sim.start();
    const [first] = sim.runningActions();
    sim.send({ type: 'ReportActionResult', actionExecutionId: first!.id, state: 'SUCCESS', output: 1 });
    expect(sim.task('j').state).toBe('WAITING');
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ a: ['SUCCESS'], b: ['SUCCESS'], j: ['SUCCESS'] });
    expect(sim.fold.output).toEqual({ a: 1, b: 2, sum: 3 });
  });

  it('join: all fails when a branch fails', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    ok:
      action: std.noop
      on-success: j
    bad:
      action: std.fail
      on-success: j
    j:
      join: all
      action: std.noop
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ ok: ['SUCCESS'], bad: ['ERROR'], j: ['ERROR'] });
    expect(sim.task('j').stateInfo).toBe("Failed by tasks: ['bad']");
    expect(sim.fold.state).toBe('ERROR');
  });

  it('join: N runs once N branches arrived, even if another fails', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    a:
      action: std.noop
      on-success: j
    b:
      action: std.noop
      on-success: j
    bad:
      action: std.fail
      on-success: j
    j:
      join: 2
      action: std.noop
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ a: ['SUCCESS'], b: ['SUCCESS'], bad: ['ERROR'], j: ['SUCCESS'] });
    expect(sim.fold.state).toBe('ERROR');
  });

  it('join: one never runs when no branch transitions to it', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    a:
      action: std.fail
      on-success: j
    b:
      action: std.fail
      on-success: j
    j:
      join: one
      action: std.noop
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ a: ['ERROR'], b: ['ERROR'] });
    expect(sim.fold.state).toBe('ERROR');
  });

  it('a join after a join runs once', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    a:
      action: std.noop
      on-success: j1
    b:
      action: std.noop
      on-success: j1
    c:
      action: std.noop
      on-success: j2
    j1:
      join: all
      action: std.noop
      on-success: j2
    j2:
      join: all
      action: std.noop
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({
      a: ['SUCCESS'],
      b: ['SUCCESS'],
      c: ['SUCCESS'],
      j1: ['SUCCESS'],
      j2: ['SUCCESS'],
    });
  });
});

describe('decider properties', () => {
  const doc = wf(`  tasks:
    a:
      action: std.echo output=1
      publish: {x: <% task().result %>}
      on-success: [b, c]
    b:
      action: std.noop
      on-success: d
    c:
      action: std.fail
      on-error: d
    d:
      join: all
      action: std.noop
`);

  it('ignores a duplicate or stale action result', () => {
    const sim = WorkflowSimulation.fromYaml(doc);
    sim.start();
    const [a] = sim.runningActions();
    const result = {
      type: 'ReportActionResult',
      actionExecutionId: a!.id,
      state: 'SUCCESS',
      output: 1,
    } as const;
    expect(sim.send(result).length).toBeGreaterThan(0);
    expect(sim.send(result)).toEqual([]);
    expect(sim.send({ ...result, actionExecutionId: 'unknown' })).toEqual([]);
  });

  it('records that an action ran again when a later delivery of its work item reports, once per delivery', () => {
    const sim = WorkflowSimulation.fromYaml(doc);
    sim.start();
    const [a] = sim.runningActions();
    const result = {
      type: 'ReportActionResult',
      actionExecutionId: a!.id,
      state: 'SUCCESS',
      output: 1,
    } as const;
    sim.send(result);
    const before = sim.fold.state;
    // The redelivered work item ran the action a second time; its report arrives after the result was recorded.
    const again = sim.send({ ...result, output: 2, workDeliveries: 2 });
    expect(again).toEqual([
      {
        type: 'ActionExecutionRepeated',
        data: {
          actionExecutionId: a!.id,
          taskExecutionId: a!.taskExecutionId,
          workDeliveries: 2,
          at: expect.any(String),
        },
      },
    ]);
    expect(sim.send({ ...result, workDeliveries: 2 })).toEqual([]); // the same report again
    expect(sim.send({ ...result, workDeliveries: 1 })).toEqual([]);
    expect(sim.fold.actions.get(a!.id)).toMatchObject({ output: 1, workDeliveries: 2 }); // the first result stands
    expect(sim.fold.state).toBe(before);
    expect(foldExecution(sim.history).actions.get(a!.id)?.workDeliveries).toBe(2);
  });

  it('keeps the delivery that produced a result, when it was a redelivery', () => {
    const sim = WorkflowSimulation.fromYaml(doc);
    sim.start();
    const [a] = sim.runningActions();
    const [completed] = sim.send({
      type: 'ReportActionResult',
      actionExecutionId: a!.id,
      state: 'SUCCESS',
      output: 1,
      workDeliveries: 3,
    });
    expect(completed).toMatchObject({ type: 'ActionExecutionCompleted', data: { workDeliveries: 3 } });
    // A report from an earlier delivery arriving late is not a repeat.
    expect(
      sim.send({
        type: 'ReportActionResult',
        actionExecutionId: a!.id,
        state: 'SUCCESS',
        output: 1,
        workDeliveries: 2,
      }),
    ).toEqual([]);
  });

  it('replaying the recorded history rebuilds the same state', () => {
    const sim = WorkflowSimulation.fromYaml(doc);
    sim.start();
    sim.runToEnd();
    const replayed = foldExecution(sim.history);
    expect(replayed.state).toBe(sim.fold.state);
    expect(replayed.output).toEqual(sim.fold.output);
    expect([...replayed.tasks.values()].map((t) => [t.name, t.state, t.published, t.nextTasks])).toEqual(
      [...sim.fold.tasks.values()].map((t) => [t.name, t.state, t.published, t.nextTasks]),
    );
  });

  it('is deterministic: the same commands give the same events', () => {
    const one = WorkflowSimulation.fromYaml(doc);
    one.start();
    one.runToEnd();
    const two = WorkflowSimulation.fromYaml(doc);
    two.start();
    two.runToEnd();
    expect(two.history).toEqual(one.history);
  });
});
