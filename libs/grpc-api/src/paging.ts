// `limit` and `marker` of the list calls, as the read models take them.
import type { ListQuery } from '@sirocco/projections';
import { invalidArgument } from './errors.js';

export function pageOf(request: { limit: number; marker: string }): {
  query: ListQuery;
  nextMarker(rows: readonly { id: string }[]): string;
} {
  if (request.limit < 0) throw invalidArgument(`limit must be 0 (all) or positive, got ${request.limit}.`);
  const limit = request.limit > 0 ? request.limit : undefined;
  return {
    query: {
      sortKeys: ['created_at'],
      sortDirs: ['asc'],
      ...(limit === undefined ? {} : { limit }),
      ...(request.marker ? { marker: request.marker } : {}),
    },
    // A full page may have a next one.
    nextMarker: (rows) =>
      limit !== undefined && rows.length === limit ? (rows[rows.length - 1]?.id ?? '') : '',
  };
}
