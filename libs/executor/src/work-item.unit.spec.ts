import { describe, expect, it } from 'vitest';
import { parseWorkItem } from './work-item.js';

const valid = {
  executionId: 'e',
  taskExecutionId: 't',
  actionExecutionId: 'a',
  actionName: 'std.noop',
  input: {},
  attempt: 1,
};

describe('parseWorkItem', () => {
  it('accepts a well-formed item', () => {
    expect(parseWorkItem(valid)).toEqual({ ok: true, item: valid });
    expect(parseWorkItem({ ...valid, timeoutSeconds: 5 }).ok).toBe(true);
  });

  it('rejects items it cannot attribute, without ids', () => {
    expect(parseWorkItem(null)).toEqual({ ok: false, reason: 'work item is not an object' });
    expect(parseWorkItem({ actionName: 'x' })).toEqual({
      ok: false,
      reason: 'work item lacks executionId or actionExecutionId',
    });
  });

  it('rejects bad fields but keeps the ids so the failure can be reported', () => {
    const ids = { executionId: 'e', actionExecutionId: 'a' };
    expect(parseWorkItem({ ...valid, actionName: '' })).toEqual({
      ok: false,
      reason: 'work item lacks actionName',
      ids,
    });
    expect(parseWorkItem({ ...valid, input: [1] })).toMatchObject({
      ok: false,
      reason: 'work item input is not an object',
      ids,
    });
    expect(parseWorkItem({ ...valid, timeoutSeconds: -1 })).toMatchObject({ ok: false, ids });
  });
});
