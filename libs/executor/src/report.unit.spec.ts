import { InProcessMessageBus, STREAMS, type MessageBus } from '@sirocco/messaging';
import { describe, expect, it } from 'vitest';
import { publishResult, resultMessage, resultMsgId } from './report.js';

const ids = { executionId: 'ex', actionExecutionId: 'ax' };

describe('resultMessage', () => {
  it('carries only the ids, state and output', () => {
    expect(resultMessage({ ...ids, actionName: 'std.echo' } as typeof ids, 'SUCCESS', { a: 1 })).toEqual({
      kind: 'ActionResultReported',
      ...ids,
      state: 'SUCCESS',
      output: { a: 1 },
    });
  });

  it('turns undefined into null and unserializable output into an ERROR', () => {
    expect(resultMessage(ids, 'SUCCESS', undefined).output).toBeNull();
    expect(resultMessage(ids, 'SUCCESS', 10n)).toMatchObject({
      state: 'ERROR',
      output: expect.stringContaining('cannot be serialized'),
    });
  });
});

describe('publishResult', () => {
  it('publishes with msgId result-<actionExecutionId>, so a second publish is a duplicate', async () => {
    const bus = new InProcessMessageBus();
    await bus.ensureStream(STREAMS.engine);
    await publishResult(bus, resultMessage(ids, 'SUCCESS', 1), 1, 0);
    const ack = await bus.publish('sirocco.engine.ex', {}, { msgId: resultMsgId('ax') });
    expect(ack.duplicate).toBe(true);
    await bus.close();
  });

  it('gives up after the given attempts', async () => {
    let calls = 0;
    const failing = { publish: () => (calls++, Promise.reject(new Error('down'))) } as unknown as MessageBus;
    await expect(publishResult(failing, resultMessage(ids, 'SUCCESS', 1), 3, 1)).rejects.toThrow('down');
    expect(calls).toBe(3);
  });
});
