import { describe, expect, it } from 'vitest';
import { formatProblems } from '../problems.js';
import type { DocumentSpec, DslProblem, TaskSpec, WorkflowSpec } from '../spec.js';
import { parseActionsDocument, parseWorkflowsDocument } from './document.js';
import { parseWorkbookDocument } from './workbook.js';

function ok(text: string): DocumentSpec {
  const r = parseWorkflowsDocument(text);
  if (!r.ok) throw new Error(formatProblems(r.problems));
  return r.value;
}

function problems(text: string): DslProblem[] {
  const r = parseWorkflowsDocument(text);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

function wf(text: string, name = 'wf'): WorkflowSpec {
  const found = ok(text).workflows.find((w) => w.name === name);
  if (!found) throw new Error(`no workflow ${name}`);
  return found;
}

function task(w: WorkflowSpec, name: string): TaskSpec {
  const found = w.tasks.find((t) => t.name === name);
  if (!found) throw new Error(`no task ${name}`);
  return found;
}

const doc = (body: string): string => `version: '2.0'\nwf:\n${body}`;

describe('workflow documents', () => {
  it('builds the workflow spec with defaults and locations', () => {
    const w = wf(
      doc(
        '  description: demo\n  input:\n    - a\n    - b: 2\n  vars: {v: 1}\n  output:\n    r: <% $.r %>\n  tasks:\n    t1:\n      action: std.echo output="x y"\n',
      ),
    );
    expect(w).toMatchObject({
      name: 'wf',
      type: 'direct',
      description: 'demo',
      tags: [],
      input: [
        { name: 'a', hasDefault: false },
        { name: 'b', hasDefault: true, default: 2 },
      ],
      vars: { v: 1 },
      output: { r: '<% $.r %>' },
      location: { line: 2, column: 1 },
    });
    expect(task(w, 't1')).toEqual({
      name: 't1',
      type: 'action',
      action: 'std.echo',
      input: { output: 'x y' },
      policies: {},
      requires: [],
      location: { line: 11, column: 5 },
    });
  });

  it('keeps several workflows of one document, in order', () => {
    const d = ok(
      "version: '2.0'\na:\n  tasks:\n    t: {action: std.noop}\nb:\n  type: reverse\n  tasks:\n    t: {action: std.noop}\n",
    );
    expect(d.workflows.map((w) => [w.name, w.type])).toEqual([
      ['a', 'direct'],
      ['b', 'reverse'],
    ]);
  });

  it('makes a task with neither action nor workflow a std.noop', () => {
    const w = wf(
      doc('  tasks:\n    t:\n      on-success: u\n    u:\n      workflow: sub x=1\n      input: {y: 2}\n'),
    );
    expect(task(w, 't')).toMatchObject({ type: 'action', action: 'std.noop' });
    expect(task(w, 'u')).toMatchObject({ type: 'workflow', workflow: 'sub', input: { y: 2, x: 1 } });
  });

  it('lets inline parameters win over input:, merging nested mappings', () => {
    const w = wf(
      doc('  tasks:\n    t:\n      action: std.echo a=1 m=[1]\n      input:\n        a: 0\n        b: 2\n'),
    );
    expect(task(w, 't').input).toEqual({ a: 1, b: 2, m: [1] });
  });

  it('keeps an expression input aside', () => {
    const w = wf(doc('  tasks:\n    t:\n      workflow: sub\n      input: <% $.params %>\n'));
    expect(task(w, 't')).toMatchObject({ input: {}, inputExpression: '<% $.params %>' });
  });

  it('reads with-items forms', () => {
    const w = wf(
      doc(
        '  tasks:\n    a:\n      with-items: x in <% $.xs %>\n    b:\n      with-items:\n        - x in [1, 2]\n        - y in {{ _.ys }}\n',
      ),
    );
    expect(task(w, 'a').withItems).toEqual({ items: [{ variable: 'x', source: '<% $.xs %>' }] });
    expect(task(w, 'b').withItems).toEqual({
      items: [
        { variable: 'x', source: [1, 2] },
        { variable: 'y', source: '{{ _.ys }}' },
      ],
    });
  });

  it('reads every on-clause form', () => {
    const w = wf(
      doc(
        '  tasks:\n' +
          '    a:\n      on-success: b\n' +
          '      on-error:\n        - c: <% $.x > 1 %>\n        - fail msg="boom"\n' +
          '      on-complete:\n        publish:\n          branch: {p: 1}\n          global: {g: 2}\n        next: [d]\n' +
          '    b:\n      on-success: c x=1\n    c: {action: std.noop}\n    d: {action: std.noop}\n',
      ),
    );
    const a = task(w, 'a');
    expect(a.onSuccess).toEqual({ next: [{ kind: 'task', task: 'b' }] });
    expect(a.onError).toEqual({
      next: [
        { kind: 'task', task: 'c', condition: '<% $.x > 1 %>' },
        { kind: 'engine', command: 'fail', params: { msg: 'boom' } },
      ],
    });
    expect(a.onComplete).toEqual({
      next: [{ kind: 'task', task: 'd' }],
      publish: { branch: { p: 1 }, global: { g: 2 } },
    });
    expect(task(w, 'b').onSuccess).toEqual({ next: [{ kind: 'task', task: 'c', params: { x: 1 } }] });
  });

  it('accepts a lone `task: <% condition %>` mapping but, like Mistral, it leads nowhere', () => {
    const w = wf(doc('  tasks:\n    a:\n      on-success: {b: <% true %>}\n    b: {action: std.noop}\n'));
    expect(task(w, 'a').onSuccess).toBeUndefined();
  });

  it('reads join values; join: 0 is no join', () => {
    const w = wf(
      doc(
        '  tasks:\n    a:\n      on-success: [j1, j2, j3]\n    b:\n      on-success: [j1, j2, j3]\n    j1:\n      join: all\n    j2:\n      join: 2\n    j3:\n      join: 0\n',
      ),
    );
    expect([task(w, 'j1').join, task(w, 'j2').join, task(w, 'j3').join]).toEqual(['all', 2, undefined]);
  });

  it('reads policies, leaving out the ones that are off', () => {
    const w = wf(
      doc(
        '  tasks:\n    t:\n      retry: count=3 delay=1 break-on=<% $.x %>\n      wait-before: 2\n      wait-after: 0\n' +
          '      timeout: <% $.t %>\n      pause-before: false\n      concurrency: 4\n      fail-on: <% $.f %>\n      safe-rerun: false\n',
      ),
    );
    expect(task(w, 't').policies).toEqual({
      retry: { count: 3, delay: 1, breakOn: '<% $.x %>' },
      waitBefore: 2,
      timeout: '<% $.t %>',
      concurrency: 4,
      failOn: '<% $.f %>',
      safeRerun: false,
    });
  });
});

describe('task-defaults', () => {
  it('applies policies unless the task turns the same policy on', () => {
    const w = wf(
      doc(
        '  task-defaults:\n    retry: {count: 2, delay: 5}\n    wait-before: 3\n    safe-rerun: true\n' +
          '  tasks:\n    a: {action: std.noop}\n    b:\n      retry: {count: 9, delay: 0}\n      wait-before: 0\n      safe-rerun: false\n',
      ),
    );
    expect(task(w, 'a').policies).toEqual({ retry: { count: 2, delay: 5 }, waitBefore: 3, safeRerun: true });
    // wait-before: 0 is "off", so the default still applies; safe-rerun: false does override.
    expect(task(w, 'b').policies).toEqual({ retry: { count: 9, delay: 0 }, waitBefore: 3, safeRerun: false });
  });

  it("uses the defaults' transitions only when the task has none, minus transitions to itself", () => {
    const w = wf(
      doc(
        '  task-defaults:\n    on-error: handler\n    on-complete: [log]\n' +
          '  tasks:\n    a:\n      on-error: other\n    b:\n      on-error:\n        publish:\n          branch: {e: 1}\n    handler: {action: std.noop}\n    other: {action: std.noop}\n    log: {action: std.noop}\n',
      ),
    );
    expect(task(w, 'a').onError).toEqual({ next: [{ kind: 'task', task: 'other' }] });
    expect(task(w, 'b').onError).toEqual({
      next: [{ kind: 'task', task: 'handler' }],
      publish: { branch: { e: 1 } },
    });
    expect(task(w, 'handler').onError).toBeUndefined();
    expect(task(w, 'log').onComplete).toBeUndefined();
    expect(task(w, 'a').onComplete).toEqual({ next: [{ kind: 'task', task: 'log' }] });
  });

  it('adds task-defaults requires in reverse workflows, never a task to itself', () => {
    const w = wf(
      doc(
        '  type: reverse\n  task-defaults:\n    requires: [setup]\n  tasks:\n    setup: {action: std.noop}\n    work:\n      requires: other\n    other: {action: std.noop}\n',
      ),
    );
    expect(task(w, 'setup').requires).toEqual([]);
    expect(task(w, 'work').requires).toEqual(['other', 'setup']);
  });
});

describe('problems', () => {
  it('points at an unknown task key and suggests the right one', () => {
    const text = doc('  tasks:\n    t1:\n      actoin: std.noop\n');
    expect(formatProblems(problems(text))).toBe(
      "line 5, column 7: wf.tasks.t1.actoin: unknown key 'actoin' (did you mean 'action'?)",
    );
  });

  it('reports every problem of a document, in document order', () => {
    const text = doc(
      '  tasks:\n    a:\n      action: std.noop\n      wait-before: -1\n      on-success: nope\n    b:\n      join: some\n      with-items: x in [one, two]\n      retry: count=3\n',
    );
    expect(formatProblems(problems(text)).split('\n')).toEqual([
      'line 6, column 20: wf.tasks.a.wait-before: wait-before must be a whole number >= 0 or an expression (<% ... %> or {{ ... }}), got -1',
      "line 7, column 19: wf.tasks.a.on-success: transition to undefined task 'nope'",
      "line 9, column 13: wf.tasks.b.join: join must be 'all', 'one' or a whole number >= 0, got 'some'",
      'line 10, column 19: wf.tasks.b.with-items: with-items list [one, two] is not valid JSON (quote strings: ["a", "b"], or use an expression)',
      "line 11, column 14: wf.tasks.b.retry: retry needs 'count' (a one-line retry needs both, e.g. 'count=3 delay=1')",
      "line 11, column 14: wf.tasks.b.retry: retry needs 'delay' (a one-line retry needs both, e.g. 'count=3 delay=1')",
    ]);
  });

  it('rejects a direct workflow without a start task', () => {
    const [p] = problems(doc('  tasks:\n    again:\n      on-success: again\n'));
    expect(p).toMatchObject({ line: 2, column: 1, path: 'wf' });
    expect(p?.message).toMatch(/no start task/);
  });

  it('rejects a transition to an undefined task with a suggestion', () => {
    const [p] = problems(
      doc('  tasks:\n    start:\n      on-success: [finsh]\n    finish: {action: std.noop}\n'),
    );
    expect(p).toMatchObject({ line: 5, column: 20, path: 'wf.tasks.start.on-success[0]' });
    expect(p?.message).toBe("transition to undefined task 'finsh' (did you mean 'finish'?)");
  });

  it('rejects join values that cannot be met', () => {
    const ps = problems(doc('  tasks:\n    a:\n      on-success: j\n    j:\n      join: 2\n'));
    expect(ps.map((p) => p.message)).toEqual([
      "'join: 2' on task 'j' needs 2 inbound task(s), but only 1 lead(s) to it",
    ]);
  });

  it('rejects unscoped publish in an on-clause', () => {
    const ps = problems(
      doc(
        '  tasks:\n    a:\n      on-success:\n        publish:\n          x: 1\n        next: b\n    b: {action: std.noop}\n',
      ),
    );
    expect(ps.map((p) => p.message)).toEqual([
      "publish in an on-clause must be scoped: put 'x' under 'branch:' (or 'global:' / 'atomic:')",
    ]);
  });

  it('rejects the name(param=...) transition form that Mistral finds ambiguous', () => {
    const ps = problems(doc('  tasks:\n    a:\n      on-error: fail(msg="x")\n'));
    expect(ps[0]?.message).toMatch(/ambiguous/);
  });

  it('rejects mixing YAQL and Jinja in one string where Mistral checks expressions', () => {
    const ps = problems(doc('  tasks:\n    a:\n      publish:\n        x: <% 1 %> {{ 2 }}\n'));
    expect(ps.map((p) => [p.path, p.line, p.column])).toEqual([['wf.tasks.a.publish.x', 6, 12]]);
  });

  it('rejects reverse requires of unknown tasks, and keys of the other workflow type', () => {
    const ps = problems(
      doc('  type: reverse\n  tasks:\n    t:\n      requires: [phantom]\n      on-success: t\n'),
    );
    expect(ps.map((p) => p.message)).toEqual([
      "task 't' requires undefined task 'phantom'",
      "'on-success' is only allowed in direct workflows (this workflow is reverse)",
    ]);
  });

  it('reports a missing or wrong version', () => {
    expect(problems('wf:\n  tasks:\n    t: {}\n')[0]?.message).toMatch(/missing "version: '2.0'"/);
    expect(problems("version: '1.0'\nwf:\n  tasks:\n    t: {}\n")[0]).toMatchObject({
      line: 1,
      column: 10,
      path: 'version',
    });
  });

  it('reports YAML syntax errors with their position', () => {
    const ps = problems("version: '2.0'\nwf:\n  tasks: [\n");
    // Only the syntax errors: checks on a broken tree would be noise.
    expect(ps).toHaveLength(1);
    const p = ps[0];
    expect(p?.message).toMatch(/^YAML syntax: /);
    expect(p?.line).toBeGreaterThan(0);
  });

  it('passes expression strings to the syntax hook and reports its answer', () => {
    const seen: string[] = [];
    const r = parseWorkflowsDocument(
      doc('  output:\n    r: <% $.r %>\n  tasks:\n    t:\n      action: std.echo a=<% bad %>\n'),
      {
        checkExpressionSyntax: (s) => {
          seen.push(s);
          return s.includes('bad') ? 'no such thing' : undefined;
        },
      },
    );
    expect(seen).toEqual(['<% $.r %>', '<% bad %>']);
    expect(r.ok ? [] : r.problems).toEqual([
      { line: 7, column: 15, path: 'wf.tasks.t.action.a', message: 'invalid expression: no such thing' },
    ]);
  });
});

describe('YAML reading as Mistral does (PyYAML)', () => {
  it('reads YAML 1.1 scalars like PyYAML', () => {
    const w = wf(
      doc(
        '  tasks:\n    t:\n      action: std.echo\n      input:\n        a: yes\n        b: y\n        c: 1e3\n        d: 010\n        e: 1:30\n        f: 2024-01-02\n        g: @home\n',
      ),
    );
    expect(task(w, 't').input).toEqual({
      a: true,
      b: 'y',
      c: '1e3',
      d: 8,
      e: 90,
      f: '2024-01-02',
      g: '@home',
    });
  });
});

describe('actions documents', () => {
  it('reads ad-hoc actions, inline base parameters winning over base-input', () => {
    const r = parseActionsDocument(
      'version: \'2.0\'\ngreet:\n  description: hi\n  base: std.echo output="x"\n  base-input:\n    output: y\n    other: <% $.name %>\n  input:\n    - name\n    - greeting: hello\n  output: <% $ %>\n',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        version: '2.0',
        workflows: [],
        actions: [
          {
            name: 'greet',
            description: 'hi',
            tags: [],
            base: 'std.echo',
            baseInput: { output: 'x', other: '<% $.name %>' },
            input: [
              { name: 'name', hasDefault: false },
              { name: 'greeting', hasDefault: true, default: 'hello' },
            ],
            output: '<% $ %>',
            location: { line: 2, column: 1 },
          },
        ],
      },
    });
  });

  it('rejects an action without base and unknown keys', () => {
    const r = parseActionsDocument("version: '2.0'\na:\n  input: [x]\n  colour: blue\n");
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual([
      "action 'a' needs 'base:' (the action it wraps, e.g. 'base: std.echo output=...')",
      "unknown key 'colour'",
    ]);
  });
});

describe('workbooks', () => {
  it('reads name, workflows and actions', () => {
    const r = parseWorkbookDocument(
      "version: '2.0'\nname: wb\nactions:\n  a:\n    base: std.noop\nworkflows:\n  w:\n    tasks:\n      t:\n        action: a\n",
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.name).toBe('wb');
      expect(r.value.actions.map((a) => a.name)).toEqual(['a']);
      expect(r.value.workflows.map((w) => w.name)).toEqual(['w']);
    }
  });

  it('rejects unknown top-level keys and a missing name', () => {
    const r = parseWorkbookDocument("version: '2.0'\nworkflow:\n  w:\n    tasks:\n      t: {}\n");
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual([
      "a workbook needs 'name:'",
      "unknown workbook key 'workflow' (did you mean 'workflows'?)",
    ]);
  });
});
