import { describe, expect, it } from 'vitest';
import { recordRun, resolveTestAction, specOf } from '../testing/recorded-run.js';
import { whatIfReplay } from './what-if-replay.js';

const V1 = `version: '2.0'
greet:
  input: [name]
  tasks:
    say:
      action: std.echo output="Hello, <% $.name %>"
      publish:
        greeting: <% task().result %>
      on-success: [done]
    done:
      action: std.noop
  output:
    greeting: <% $.greeting %>
`;

describe('whatIfReplay', () => {
  const history = recordRun(specOf(V1), { name: 'world' });

  it('finds every decision the same when the definition did not change', () => {
    const report = whatIfReplay(history, specOf(V1), { resolveAction: resolveTestAction });
    expect(report).toEqual({ outcome: 'same', commandsReplayed: 3, eventsCompared: history.length });
  });

  it('reports the first decision that differs, with the path and both values', () => {
    const v2 = specOf(V1.replace('greeting: <% task().result %>', 'greeting: <% task().result + "!" %>'));
    const report = whatIfReplay(history, v2, { resolveAction: resolveTestAction, definitionRevision: 1 });
    expect(report.outcome).toBe('differs');
    expect(report.difference).toMatchObject({
      command: 'ReportActionResult',
      reason: 'TaskExecutionCompleted differs',
      mismatches: [{ path: 'data.published.greeting', expected: 'Hello, world', actual: 'Hello, world!' }],
    });
    expect(history[report.difference!.revision]!.type).toBe('TaskExecutionCompleted');
  });

  it('reports a transition the other version takes instead', () => {
    const v2 = specOf(
      V1.replace('on-success: [done]', 'on-success: [other]\n      on-error: [done]').replace(
        '  output:',
        '    other:\n      action: std.noop\n  output:',
      ),
    );
    const report = whatIfReplay(history, v2, { resolveAction: resolveTestAction });
    expect(report.difference?.mismatches).toContainEqual({
      path: 'data.nextTasks[0][0]',
      expected: 'done',
      actual: 'other',
    });
  });

  it('reports a start the other version rejects', () => {
    const v2 = specOf(V1.replace('input: [name]', 'input: [name, age]'));
    const report = whatIfReplay(history, v2, { resolveAction: resolveTestAction });
    expect(report.outcome).toBe('differs');
    expect(report.difference).toMatchObject({ revision: 0, command: 'StartExecution' });
    expect(report.difference?.reason).toMatch(/rejects StartExecution: .*age/);
  });

  it('reports decisions the recorded run did not make', () => {
    const v2 = specOf(
      V1.replace(
        '    done:\n      action: std.noop\n',
        '    done:\n      action: std.noop\n      on-success: [more]\n    more:\n      action: std.noop\n',
      ),
    );
    const report = whatIfReplay(history, v2, { resolveAction: resolveTestAction });
    expect(report.difference).toMatchObject({ command: 'ReportActionResult' });
    expect(report.difference?.mismatches[0]?.path).toBe('data.nextTasks.length');
  });

  it('re-drives timer firings through FireTimer', () => {
    const waiting = V1.replace(
      '    done:\n      action: std.noop\n',
      '    done:\n      action: std.noop\n      wait-before: 5\n',
    );
    const recorded = recordRun(specOf(waiting), { name: 'world' });
    expect(recorded.map((e) => e.type)).toContain('TimerFired');
    expect(whatIfReplay(recorded, specOf(waiting), { resolveAction: resolveTestAction }).outcome).toBe(
      'same',
    );
    const longer = whatIfReplay(recorded, specOf(waiting.replace('wait-before: 5', 'wait-before: 7')), {
      resolveAction: resolveTestAction,
    });
    // The first decision that differs is the delayed start's state_info, before its timer.
    expect(longer.difference?.mismatches).toEqual([
      {
        path: 'data.stateInfo',
        expected: "Delayed by 'wait-before' policy [delay=5]",
        actual: "Delayed by 'wait-before' policy [delay=7]",
      },
    ]);
  });
});
