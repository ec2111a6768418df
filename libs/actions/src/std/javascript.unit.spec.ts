import { describe, expect, it } from 'vitest';
import { ApplicationFailure, CancelledFailure } from '../failures.js';
import { testContext } from '../testing.js';
import { javascriptAction } from './javascript.js';

const js = javascriptAction('std.javascript');
const run = (script: string, context?: unknown) =>
  js.run({ script, ...(context !== undefined && { context }) }, testContext());

describe('std.javascript', () => {
  it('returns what the script returns, with context as $', async () => {
    expect(await run('return $.a + $.b;', { a: 1, b: 2 })).toEqual({ ok: true, result: 3 });
    expect(await run('return $.items.map(function (x) { return x * 2; });', { items: [1, 2] })).toEqual({
      ok: true,
      result: [2, 4],
    });
    expect(await run('return {n: null, s: "x", nested: {ok: true}};')).toEqual({
      ok: true,
      result: { n: null, s: 'x', nested: { ok: true } },
    });
  });

  it('gives null when the script returns nothing', async () => {
    expect(await run('var x = 1;')).toEqual({ ok: true, result: null });
  });

  it('has null $ without context', async () => {
    expect(await run('return $;')).toEqual({ ok: true, result: null });
  });

  it('cannot reach require, process or the host', async () => {
    expect(
      await run('return [typeof require, typeof process, typeof module, typeof globalThis.process];'),
    ).toEqual({
      ok: true,
      result: ['undefined', 'undefined', 'undefined', 'undefined'],
    });
    // The classic vm escape through a host object's constructor finds nothing here.
    await expect(run("return this.constructor.constructor('return process')().pid;")).rejects.toThrow(
      /JavaScriptAction failed: (TypeError|ReferenceError)/,
    );
  });

  it("reports script errors as 'JavaScriptAction failed: ...'", async () => {
    const r = run('return notDefined + 1;');
    await expect(r).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(r).rejects.toThrow('JavaScriptAction failed: ReferenceError: notDefined is not defined');
    await expect(run('throw "plain";')).rejects.toThrow('JavaScriptAction failed: plain');
    await expect(run('return {')).rejects.toThrow(/JavaScriptAction failed: SyntaxError/);
  });

  it('stops runaway scripts at the script timeout', async () => {
    const short = javascriptAction('std.js', { scriptTimeoutMs: 100 });
    await expect(short.run({ script: 'while (true) {}' }, testContext())).rejects.toThrow(
      /JavaScriptAction failed: .*timed out/,
    );
  });

  it('stops when its signal aborts, without blocking the event loop', async () => {
    const controller = new AbortController();
    const pending = js.run({ script: 'while (true) {}' }, testContext({ signal: controller.signal }));
    setTimeout(() => controller.abort(new CancelledFailure('stop')), 50);
    await expect(pending).rejects.toBeInstanceOf(CancelledFailure);
  });
});
