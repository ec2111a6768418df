import { describe, expect, it } from 'vitest';
import { fromNumber, toJsonEvent, toNumber, toRecorded, WRAPPED } from './mapping.js';

describe('KurrentDB mapping', () => {
  it('keeps objects as they are and wraps other JSON values, flagged in metadata', () => {
    expect(
      toJsonEvent({ eventId: 'e', type: 'T', data: { a: 1 }, metadata: { correlationId: 'c' } }),
    ).toEqual({
      id: 'e',
      type: 'T',
      data: { a: 1 },
      metadata: { correlationId: 'c' },
    });
    const wrapped = toJsonEvent({ eventId: 'e', type: 'T', data: 42 });
    expect(wrapped).toEqual({ id: 'e', type: 'T', data: { value: 42 }, metadata: { [WRAPPED]: true } });
    expect(() => toJsonEvent({ eventId: 'e', type: 'T', data: undefined })).toThrow(TypeError);
  });

  it('reads back what it wrote, position from the prepare position', () => {
    const recorded = toRecorded({
      id: 'e',
      streamId: 's',
      revision: 3n,
      type: 'T',
      created: new Date('2026-01-01T00:00:00Z'),
      data: { value: null },
      metadata: { [WRAPPED]: true, causationId: 'x' },
      position: { commit: 100n, prepare: 180n },
    });
    expect(recorded).toEqual({
      eventId: 'e',
      streamId: 's',
      revision: 3,
      position: 180,
      type: 'T',
      data: null,
      metadata: { causationId: 'x' },
      recordedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(toNumber(fromNumber(180))).toBe(180);
    expect(() => toNumber(undefined)).toThrow(/22\.6/);
  });
});
