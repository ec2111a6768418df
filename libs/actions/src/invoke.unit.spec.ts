import { describe, expect, it } from 'vitest';
import { success, type Action } from './action.js';
import {
  ActionNotFoundFailure,
  ApplicationFailure,
  CancelledFailure,
  InvalidInputFailure,
  TimeoutFailure,
} from './failures.js';
import { invokeAction, type InvokeRequest } from './invoke.js';
import { ActionRegistry } from './registry.js';

const registry = ActionRegistry.withStandardActions();
const req = (
  actionName: string,
  input: Record<string, unknown> = {},
  extra: Partial<InvokeRequest> = {},
): InvokeRequest => ({
  actionName,
  input,
  executionId: 'ex-1',
  actionExecutionId: 'ax-1',
  ...extra,
});

describe('invokeAction', () => {
  it('returns the result of a successful action', async () => {
    expect(await invokeAction(registry, req('std.echo', { output: { a: 1 } }))).toEqual({
      state: 'SUCCESS',
      output: { a: 1 },
      async: false,
    });
  });

  it('fails an unknown action with Mistral text', async () => {
    const r = await invokeAction(registry, req('std.nope'));
    expect(r).toMatchObject({ state: 'ERROR', output: 'Failed to find action [action_name=std.nope]' });
    expect(r.state === 'ERROR' && r.failure).toBeInstanceOf(ActionNotFoundFailure);
  });

  it('fails invalid input without running the action', async () => {
    const r = await invokeAction(registry, req('std.echo', { nope: 1 }));
    expect(r).toMatchObject({
      state: 'ERROR',
      output:
        "Invalid input [name=std.echo, class=mistral.actions.std_actions.EchoAction, missing=['output'], unexpected=['nope']]",
    });
    expect(r.state === 'ERROR' && r.failure).toBeInstanceOf(InvalidInputFailure);
  });

  it('reports an error result as is', async () => {
    expect(await invokeAction(registry, req('std.fail', { error_data: { code: 7 } }))).toEqual({
      state: 'ERROR',
      output: { code: 7 },
      async: false,
    });
  });

  it("wraps a raised exception in Mistral's executor text", async () => {
    const r = await invokeAction(registry, req('std.fail'));
    expect(r).toMatchObject({
      state: 'ERROR',
      output:
        "The action raised an exception [action=Fail action, action_ex_id=ax-1, msg='Fail action expected exception.']",
    });
    expect(r.state === 'ERROR' && r.failure).toBeInstanceOf(ApplicationFailure);
  });

  it('wraps non-Error throws too', async () => {
    const weird: Action = {
      name: 'x.weird',
      description: '',
      inputSpec: [],
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case under test
      run: () => Promise.reject('boom'),
    };
    const r = await invokeAction(new ActionRegistry([weird]), req('x.weird'));
    expect(r).toMatchObject({
      state: 'ERROR',
      output: "The action raised an exception [action=<x.weird object>, action_ex_id=ax-1, msg='boom']",
    });
  });

  it('fails an action that outlives its timeout, even if it ignores its signal', async () => {
    const stuck: Action = {
      name: 'x.stuck',
      description: '',
      inputSpec: [],
      run: () => new Promise(() => {}),
    };
    const r = await invokeAction(new ActionRegistry([stuck]), req('x.stuck', {}, { timeoutSeconds: 0.05 }));
    expect(r).toMatchObject({ state: 'ERROR', output: expect.stringContaining("msg='0.05 seconds'") });
    expect(r.state === 'ERROR' && r.failure).toBeInstanceOf(TimeoutFailure);
  });

  it('aborts the action signal on timeout', async () => {
    const r = await invokeAction(registry, req('std.sleep', { seconds: 5 }, { timeoutSeconds: 1 }));
    expect(r).toMatchObject({ state: 'ERROR', output: expect.stringContaining("msg='1 second'") });
  });

  it('returns CANCELLED when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = invokeAction(registry, req('std.sleep', { seconds: 5 }, { signal: controller.signal }));
    controller.abort(new Error('shutdown'));
    const r = await pending;
    expect(r.state).toBe('CANCELLED');
  });

  it('passes execution ids and callback url to the action', async () => {
    let seen: unknown;
    const spy: Action = {
      name: 'x.spy',
      description: '',
      inputSpec: [],
      run: (_i, ctx) => {
        seen = { ...ctx, signal: undefined };
        return Promise.resolve(success(null));
      },
    };
    await invokeAction(
      new ActionRegistry([spy]),
      req('x.spy', {}, { taskExecutionId: 't-1', workflowName: 'wf' }),
    );
    expect(seen).toEqual({
      signal: undefined,
      executionId: 'ex-1',
      taskExecutionId: 't-1',
      actionExecutionId: 'ax-1',
      workflowName: 'wf',
      callbackUrl: '/v2/action_executions/ax-1',
    });
  });

  it('flags async actions', async () => {
    expect(await invokeAction(registry, req('std.async_noop'))).toEqual({
      state: 'SUCCESS',
      output: null,
      async: true,
    });
  });

  it('keeps CancelledFailure for aborts that are not the caller', () => {
    expect(new CancelledFailure('x').nonRetryable).toBe(false);
  });
});
