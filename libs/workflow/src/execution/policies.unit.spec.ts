import { describe, expect, it } from 'vitest';
import { WorkflowSimulation, type ActionBehaviour } from '../testing/workflow-simulation.js';

const wf = (body: string) => `version: '2.0'\nwf:\n${body}`;

/** Fails the first `n` attempts, then succeeds with the attempt number. */
const flaky =
  (n: number): ActionBehaviour =>
  (_input, attempt) =>
    attempt <= n ? { state: 'ERROR', output: `attempt ${attempt} failed` } : { state: 'SUCCESS', output: attempt };

describe('retry policy', () => {
  const doc = (retry: string) =>
    wf(`  tasks:
    flaky:
      action: std.noop
      retry: ${retry}
      publish:
        attempt: <% task().result %>
`);

  it('retries until success, each attempt a new action execution', () => {
    const sim = WorkflowSimulation.fromYaml(doc('{count: 3, delay: 0}'));
    sim.start();
    sim.runToEnd({ flaky: flaky(2) });
    expect(sim.fold.state).toBe('SUCCESS');
    expect(sim.actionsOf('flaky')).toHaveLength(3);
    expect(sim.actionsOf('flaky').map((a) => a.accepted)).toEqual([false, false, true]);
    expect(sim.task('flaky').published).toEqual({ attempt: 3 });
  });

  it('gives up after count retries and fails the task', () => {
    const sim = WorkflowSimulation.fromYaml(doc('{count: 2, delay: 0}'));
    sim.start();
    sim.runToEnd({ flaky: flaky(10) });
    expect(sim.actionsOf('flaky')).toHaveLength(3);
    expect(sim.taskStates()).toEqual({ flaky: ['ERROR'] });
    expect(sim.fold.state).toBe('ERROR');
  });

  it('waits for the delay on a durable timer between attempts', () => {
    const sim = WorkflowSimulation.fromYaml(doc('count=1 delay=5'));
    sim.start();
    const [first] = sim.runningActions();
    sim.send({ type: 'ReportActionResult', actionExecutionId: first!.id, state: 'ERROR', output: 'boom' });
    expect(sim.task('flaky').state).toBe('RUNNING_DELAYED');
    expect(sim.task('flaky').stateInfo).toBe("Delayed by 'retry' policy [delay=5]");
    const timer = [...sim.fold.timers.values()][0];
    expect(timer?.purpose).toBe('retry');
    expect(Date.parse(timer!.fireAt) - Date.parse(sim.now)).toBe(5_000);
    expect(sim.runningActions()).toHaveLength(0);
    // A stale or duplicate firing of an unknown timer changes nothing.
    expect(sim.send({ type: 'FireTimer', timerId: 'nope' })).toEqual([]);
    sim.runToEnd({ flaky: flaky(1) });
    expect(sim.fold.state).toBe('SUCCESS');
    expect(sim.send({ type: 'FireTimer', timerId: timer!.id })).toEqual([]);
  });

  it('stops retrying when break-on holds', () => {
    const sim = WorkflowSimulation.fromYaml(doc('{count: 5, delay: 0, break-on: <% true %>}'));
    sim.start();
    sim.runToEnd({ flaky: flaky(10) });
    expect(sim.actionsOf('flaky')).toHaveLength(1);
  });

  it('keeps retrying a success while continue-on holds', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    poll:
      action: std.noop
      retry:
        count: 5
        delay: 0
        continue-on: <% task().result < 3 %>
`),
    );
    sim.start();
    sim.runToEnd({ poll: (_i, attempt) => ({ state: 'SUCCESS', output: attempt }) });
    expect(sim.actionsOf('poll')).toHaveLength(3);
    expect(sim.fold.state).toBe('SUCCESS');
  });

  it('takes count and delay from expressions', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  input:
    - n: 3
  tasks:
    flaky:
      action: std.noop
      retry:
        count: <% $.n %>
        delay: 0
`),
    );
    sim.start();
    sim.runToEnd({ flaky: flaky(10) });
    expect(sim.actionsOf('flaky')).toHaveLength(4);
  });
});

describe('wait-before, wait-after, timeout, pause-before', () => {
  it('wait-before delays the action on a timer', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    t:
      action: std.noop
      wait-before: 2
`),
    );
    sim.start();
    expect(sim.task('t').state).toBe('RUNNING_DELAYED');
    expect(sim.runningActions()).toHaveLength(0);
    sim.runToEnd();
    expect(sim.fold.state).toBe('SUCCESS');
  });

  it('wait-after delays completion and the transitions', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    t:
      action: std.noop
      wait-after: 3
      on-success: next
    next:
      action: std.noop
`),
    );
    sim.start();
    const [a] = sim.runningActions();
    sim.send({ type: 'ReportActionResult', actionExecutionId: a!.id, state: 'SUCCESS', output: null });
    expect(sim.task('t').state).toBe('RUNNING_DELAYED');
    expect(sim.taskStates()).toEqual({ t: ['RUNNING_DELAYED'] });
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ t: ['SUCCESS'], next: ['SUCCESS'] });
  });

  it('timeout fails a task whose action never reports, and on-error handles it', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    hang:
      action: std.async_noop
      timeout: 1
      on-error: fallback
    fallback:
      action: std.noop
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.taskStates()).toEqual({ hang: ['ERROR'], fallback: ['SUCCESS'] });
    expect(sim.task('hang').stateInfo).toBe('Task timed out [timeout(s)=1].');
    expect(sim.fold.state).toBe('SUCCESS');
  });

  it('a task that ends before its timeout cancels the timer', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    quick:
      action: std.noop
      timeout: 30
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.fold.timers.size).toBe(0);
    expect(sim.history.some((e) => e.type === 'TimerCancelled')).toBe(true);
  });

  it('pause-before pauses the execution before the task runs', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    t:
      action: std.noop
      pause-before: true
`),
    );
    sim.start();
    expect(sim.fold.state).toBe('PAUSED');
    expect(sim.task('t').state).toBe('IDLE');
    expect(sim.runningActions()).toHaveLength(0);
  });
});

describe('with-items', () => {
  it('runs one action per item and keeps results in item order whatever the completion order', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  input:
    - names: [a, b, c]
  tasks:
    greet:
      with-items: name in <% $.names %>
      action: std.echo output="hi <% $.name %>"
      publish:
        greetings: <% task().result %>
`),
    );
    sim.start();
    const running = sim.runningActions();
    expect(running.map((a) => a.itemIndex)).toEqual([0, 1, 2]);
    for (const a of [...running].reverse()) {
      sim.send({ type: 'ReportActionResult', actionExecutionId: a.id, state: 'SUCCESS', output: a.input['output'] });
    }
    expect(sim.task('greet').published).toEqual({ greetings: ['hi a', 'hi b', 'hi c'] });
    expect(sim.fold.state).toBe('SUCCESS');
  });

  it('zips several lists and rejects lists of unequal length', () => {
    const ok = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    pairs:
      with-items:
        - x in <% [1, 2] %>
        - y in <% ['a', 'b'] %>
      action: std.echo output="<% $.x %><% $.y %>"
      publish: {p: <% task().result %>}
`),
    );
    ok.start();
    ok.runToEnd();
    expect(ok.task('pairs').published).toEqual({ p: ['1a', '2b'] });

    const bad = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    pairs:
      with-items:
        - x in <% [1, 2, 3] %>
        - y in <% ['a'] %>
      action: std.noop
`),
    );
    bad.start();
    expect(bad.task('pairs').state).toBe('ERROR');
    expect(bad.task('pairs').stateInfo).toMatch(/All arrays must have the same length/);
  });

  it('never has more than `concurrency` actions in flight', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    batch:
      with-items: i in <% range(10) %>
      concurrency: 3
      action: std.echo output=<% $.i %>
      publish: {out: <% task().result %>}
`),
    );
    sim.start();
    let maxInFlight = 0;
    while (sim.runningActions().length > 0) {
      maxInFlight = Math.max(maxInFlight, sim.runningActions().length);
      const a = sim.runningActions()[0]!;
      sim.send({ type: 'ReportActionResult', actionExecutionId: a.id, state: 'SUCCESS', output: a.input['output'] });
    }
    expect(maxInFlight).toBe(3);
    expect(sim.task('batch').published).toEqual({ out: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] });
  });

  it('fails the task when an item fails, after every item ran', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    each:
      with-items: i in <% [1, 2, 3] %>
      action: std.echo output=<% $.i %>
`),
    );
    sim.start();
    sim.runToEnd({
      each: (input) => (input['output'] === 2 ? { state: 'ERROR', output: 'two' } : { state: 'SUCCESS', output: 1 }),
    });
    expect(sim.actionsOf('each')).toHaveLength(3);
    expect(sim.task('each').state).toBe('ERROR');
    expect(sim.task('each').stateInfo).toBe('One or more actions had failed.');
  });

  it('an empty list succeeds at once with an empty result', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    none:
      with-items: i in <% [] %>
      action: std.noop
      publish: {r: <% task().result %>}
`),
    );
    sim.start();
    expect(sim.task('none').published).toEqual({ r: [] });
    expect(sim.fold.state).toBe('SUCCESS');
  });

  it('handles 10,000 items', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    many:
      with-items: i in <% range(10000) %>
      concurrency: 100
      action: std.noop
      publish: {n: <% len(task().result) %>}
`),
    );
    sim.start();
    sim.runToEnd();
    expect(sim.actionsOf('many')).toHaveLength(10_000);
    expect(sim.task('many').published).toEqual({ n: 10_000 });
  });
});

describe('ad-hoc actions', () => {
  it('runs the base action with base-input evaluated over the ad-hoc input, then applies output', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    t:
      action: padded word="a"
      publish: {r: <% task().result %>}
`),
    );
    sim.extraActions['padded'] = {
      name: 'padded',
      input: [
        { name: 'word', hasDefault: false },
        { name: 'prefix', hasDefault: true, default: '>> ' },
      ],
      adHoc: { base: 'std.echo', baseInput: { output: '<% $.prefix + $.word %>' }, output: '<% $ + "!" %>' },
    };
    sim.start();
    const [a] = sim.runningActions();
    expect(a?.actionName).toBe('padded');
    expect(a?.run).toEqual({ actionName: 'std.echo', input: { output: '>> a' } });
    sim.runToEnd();
    expect(sim.task('t').published).toEqual({ r: '>> a!' });
  });

  it('rejects input the ad-hoc action does not declare', () => {
    const sim = WorkflowSimulation.fromYaml(
      wf(`  tasks:
    t:
      action: padded nope="x"
`),
    );
    sim.extraActions['padded'] = {
      name: 'padded',
      input: [{ name: 'word', hasDefault: false }],
      adHoc: { base: 'std.echo', baseInput: { output: '<% $.word %>' } },
    };
    sim.start();
    expect(sim.task('t').stateInfo).toMatch(/Invalid input \[name=padded.*missing=\['word'\], unexpected=\['nope'\]/);
  });
});
