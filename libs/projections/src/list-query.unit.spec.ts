import { describe, expect, it } from 'vitest';
import { normaliseListQuery, parseFilterParam } from './list-query.js';
import { normaliseFilterTimestamp, toMistralTimestamp } from './timestamps.js';

describe('Mistral list parameters', () => {
  it('parses field=op:value filters', () => {
    expect(parseFilterParam('state', 'SUCCESS')).toEqual({ field: 'state', op: 'eq', value: 'SUCCESS' });
    expect(parseFilterParam('state', 'in:SUCCESS,ERROR')).toEqual({
      field: 'state',
      op: 'in',
      value: ['SUCCESS', 'ERROR'],
    });
    expect(parseFilterParam('created_at', 'gte:2026-01-01 00:00:00')).toEqual({
      field: 'created_at',
      op: 'gte',
      value: '2026-01-01 00:00:00',
    });
    // Only known operators are operators.
    expect(parseFilterParam('description', 'note: hi')).toEqual({
      field: 'description',
      op: 'eq',
      value: 'note: hi',
    });
  });

  it('appends id to the sort keys and pads directions with asc', () => {
    expect(normaliseListQuery('executions', {})).toMatchObject({
      sortKeys: ['created_at', 'id'],
      sortDirs: ['asc', 'asc'],
    });
    expect(
      normaliseListQuery('executions', { sortKeys: ['state', 'created_at'], sortDirs: ['desc'] }),
    ).toMatchObject({
      sortKeys: ['state', 'created_at', 'id'],
      sortDirs: ['desc', 'asc', 'asc'],
    });
  });

  it('rejects what Mistral rejects', () => {
    expect(() => normaliseListQuery('executions', { limit: -1 })).toThrow('Limit must be positive.');
    expect(() =>
      normaliseListQuery('executions', { sortKeys: ['state'], sortDirs: ['asc', 'desc'] }),
    ).toThrow('Length of sort_keys must be equal or greater than sort_dirs.');
    expect(() => normaliseListQuery('tasks', { sortKeys: ['bogus'] })).toThrow(
      'Sort key supplied is invalid: bogus',
    );
  });

  it('formats and normalises timestamps to 1-second UTC text', () => {
    expect(toMistralTimestamp('2026-11-23T06:51:02.999Z')).toBe('2026-11-23 06:51:02');
    expect(normaliseFilterTimestamp('2026-11-23T06:51:02+01:00')).toBe('2026-11-23 05:51:02');
    expect(normaliseFilterTimestamp('2026-11-23 06:51:02')).toBe('2026-11-23 06:51:02');
    expect(normaliseFilterTimestamp('yesterday')).toBeUndefined();
  });
});
