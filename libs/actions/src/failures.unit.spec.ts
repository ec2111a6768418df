import { describe, expect, it } from 'vitest';
import {
  ActionFailure,
  ActionNotFoundFailure,
  ApplicationFailure,
  InvalidInputFailure,
  NotSupportedFailure,
  TimeoutFailure,
  ensureActionFailure,
} from './failures.js';

describe('failures', () => {
  it('carry type, name, nonRetryable and data', () => {
    const f = new ApplicationFailure('bad', { data: { x: 1 }, nonRetryable: true });
    expect(f).toBeInstanceOf(ActionFailure);
    expect(f).toMatchObject({
      type: 'ApplicationFailure',
      name: 'ApplicationFailure',
      nonRetryable: true,
      data: { x: 1 },
    });
  });

  it('are non-retryable when retrying cannot help', () => {
    expect(new InvalidInputFailure('x').nonRetryable).toBe(true);
    expect(new ActionNotFoundFailure('a').nonRetryable).toBe(true);
    expect(new NotSupportedFailure('a').nonRetryable).toBe(true);
    expect(new TimeoutFailure(3).nonRetryable).toBe(false);
  });

  it('reads timeouts like eventlet', () => {
    expect(new TimeoutFailure(1).message).toBe('1 second');
    expect(new TimeoutFailure(2.5).message).toBe('2.5 seconds');
  });

  it('wraps anything thrown, keeping the cause', () => {
    const cause = new TypeError('nope');
    const f = ensureActionFailure(cause);
    expect(f).toBeInstanceOf(ApplicationFailure);
    expect(f.message).toBe('nope');
    expect(f.cause).toBe(cause);
    expect(ensureActionFailure('text').message).toBe('text');
    const own = new TimeoutFailure(1);
    expect(ensureActionFailure(own)).toBe(own);
  });
});
