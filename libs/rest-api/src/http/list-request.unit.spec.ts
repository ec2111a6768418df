import { describe, expect, it } from 'vitest';
import { nextLink } from './list-request.js';

describe('nextLink', () => {
  const list = {
    query: {
      filters: [
        { field: 'state', op: 'in' as const, value: ['ERROR', 'SUCCESS'] },
        { field: 'created_at', op: 'gt' as const, value: '2026-01-01 00:00:00' },
      ],
      sortKeys: ['created_at', 'id'],
      sortDirs: ['asc' as const, 'asc' as const],
      limit: 1,
      marker: undefined,
    },
    fields: undefined,
  };

  it('links to the next page only when the page is full', () => {
    expect(nextLink('http://h', 'executions', list, [{ id: 'a' }])).toBe(
      'http://h/v2/executions?sort_keys=created_at,id&sort_dirs=asc,asc&state=in:ERROR,SUCCESS&created_at=gt:2026-01-01%2000:00:00&limit=1&marker=a',
    );
    expect(nextLink('http://h', 'executions', list, [])).toBeUndefined();
    expect(
      nextLink('http://h', 'executions', { ...list, query: { ...list.query, limit: undefined } }, [
        { id: 'a' },
      ]),
    ).toBeUndefined();
  });
});
