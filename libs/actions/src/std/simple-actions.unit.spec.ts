import { describe, expect, it } from 'vitest';
import { CancelledFailure, NotSupportedFailure } from '../failures.js';
import { testContext } from '../testing.js';
import { echoAction } from './echo.js';
import { failAction } from './fail.js';
import { asyncNoopAction, noopAction } from './noop.js';
import { sleepAction } from './sleep.js';
import { testDictAction } from './test-dict.js';
import { emailAction, sshAction, sshProxiedAction } from './unsupported.js';

const ctx = testContext();

describe('std.noop / std.async_noop', () => {
  it('return null', async () => {
    expect(await noopAction.run({}, ctx)).toEqual({ ok: true, result: null });
    expect(await asyncNoopAction.run({}, ctx)).toEqual({ ok: true, result: null });
  });

  it('only async_noop is async', () => {
    expect(noopAction.async).toBeFalsy();
    expect(asyncNoopAction.async).toBe(true);
  });
});

describe('std.echo', () => {
  it('returns output unchanged', async () => {
    expect(await echoAction.run({ output: [1, { a: 'b' }] }, ctx)).toEqual({
      ok: true,
      result: [1, { a: 'b' }],
    });
    expect(await echoAction.run({ output: null }, ctx)).toEqual({ ok: true, result: null });
  });

  it('waits `delay` seconds; bad or negative delays mean no wait', async () => {
    const t0 = Date.now();
    await echoAction.run({ output: 1, delay: '0.05' }, ctx);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    const t1 = Date.now();
    await echoAction.run({ output: 1, delay: 'soon' }, ctx);
    await echoAction.run({ output: 1, delay: -3 }, ctx);
    expect(Date.now() - t1).toBeLessThan(40);
  });
});

describe('std.fail', () => {
  it('raises without error_data', async () => {
    await expect(failAction.run({}, ctx)).rejects.toThrow('Fail action expected exception.');
  });

  it('fails with error_data as the error result', async () => {
    expect(await failAction.run({ error_data: { reason: 'x' } }, ctx)).toEqual({
      ok: false,
      error: { reason: 'x' },
    });
    expect(await failAction.run({ error_data: 'oops' }, ctx)).toEqual({ ok: false, error: 'oops' });
  });

  it('treats Python-falsy error_data as absent', async () => {
    for (const error_data of [null, '', 0, false, {}, []]) {
      await expect(failAction.run({ error_data }, ctx)).rejects.toThrow('Fail action expected exception.');
    }
  });
});

describe('std.sleep', () => {
  it('sleeps whole seconds (Python int())', async () => {
    const t0 = Date.now();
    expect(await sleepAction.run({ seconds: 0.9 }, ctx)).toEqual({ ok: true, result: null });
    expect(await sleepAction.run({ seconds: '1.5' }, ctx)).toEqual({ ok: true, result: null });
    expect(await sleepAction.run({ seconds: -1 }, ctx)).toEqual({ ok: true, result: null });
    expect(Date.now() - t0).toBeLessThan(100);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const pending = sleepAction.run({ seconds: 30 }, testContext({ signal: controller.signal }));
    setTimeout(() => controller.abort(new CancelledFailure('stop')), 20);
    await expect(pending).rejects.toBeInstanceOf(CancelledFailure);
  });
});

describe('std.test_dict', () => {
  it('builds size entries', async () => {
    expect(await testDictAction.run({ size: 3, key_prefix: 'k', val: 'v' }, ctx)).toEqual({
      ok: true,
      result: { k0: 'v', k1: 'v', k2: 'v' },
    });
    expect(await testDictAction.run({}, ctx)).toEqual({ ok: true, result: {} });
  });
});

describe('unsupported actions', () => {
  it.each([sshAction, sshProxiedAction, emailAction])('$name fails clearly and for good', async (action) => {
    const run = action.run({}, ctx);
    await expect(run).rejects.toBeInstanceOf(NotSupportedFailure);
    await expect(run).rejects.toThrow(`Action ${action.name} is not supported by Sirocco yet`);
  });
});
