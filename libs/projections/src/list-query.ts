// Mistral's list parameters (`limit`, `marker`, `sort_keys`, `sort_dirs` and
// `field=op:value` filters), validated and normalised the way Mistral does:
// `id` is appended to the sort keys so the order is total, and missing sort
// directions default to `asc`.
import { invalidInput } from '@sirocco/workflow';
import { RESOURCES, type ResourceName } from './resources.js';

export const FILTER_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'has'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
export type SortDir = 'asc' | 'desc';

export interface FieldFilter {
  readonly field: string;
  readonly op: FilterOp;
  /** A list for `in` / `nin`, text otherwise. */
  readonly value: string | readonly string[];
}

export interface ListQuery {
  readonly filters?: readonly FieldFilter[];
  readonly sortKeys?: readonly string[];
  readonly sortDirs?: readonly string[];
  readonly limit?: number;
  /** Id of the last row of the previous page. */
  readonly marker?: string;
}

export interface NormalisedListQuery {
  readonly filters: readonly FieldFilter[];
  readonly sortKeys: readonly string[];
  readonly sortDirs: readonly SortDir[];
  readonly limit: number | undefined;
  readonly marker: string | undefined;
}

/** `gt:2026-01-01` → {op: 'gt', value}; `in:a,b` → a list; anything else is `eq`. */
export function parseFilterParam(field: string, raw: string): FieldFilter {
  const op = FILTER_OPS.find((candidate) => raw.startsWith(`${candidate}:`));
  if (!op) return { field, op: 'eq', value: raw };
  const value = raw.slice(op.length + 1);
  return { field, op, value: op === 'in' || op === 'nin' ? value.split(',') : value };
}

export function normaliseListQuery(resource: ResourceName, query: ListQuery): NormalisedListQuery {
  const def = RESOURCES[resource];
  if (query.limit !== undefined && (!Number.isInteger(query.limit) || query.limit <= 0)) {
    throw invalidInput('Limit must be positive.');
  }
  const sortKeys = [...(query.sortKeys && query.sortKeys.length > 0 ? query.sortKeys : ['created_at'])];
  const sortDirs = [...(query.sortDirs ?? [])];
  if (sortDirs.length === 0 && !query.sortKeys?.length) sortDirs.push('asc');
  if (sortKeys.length < sortDirs.length) {
    throw invalidInput('Length of sort_keys must be equal or greater than sort_dirs.');
  }
  while (sortDirs.length < sortKeys.length) sortDirs.push('asc');
  for (const dir of sortDirs) {
    if (dir !== 'asc' && dir !== 'desc')
      throw invalidInput("Unknown sort direction, must be 'desc' or 'asc'.");
  }
  for (const key of sortKeys) {
    if (!def.fields[key]?.sortable) throw invalidInput(`Sort key supplied is invalid: ${key}`);
  }
  if (!sortKeys.includes('id')) {
    sortKeys.push('id');
    sortDirs.push('asc');
  }
  for (const filter of query.filters ?? []) {
    if (!def.fields[filter.field]?.filterable) throw invalidInput(`Unknown filter field: ${filter.field}`);
    if (!(FILTER_OPS as readonly string[]).includes(filter.op)) {
      throw invalidInput(`Unknown filter operation encountered [operation=${filter.op}]`);
    }
  }
  return {
    filters: query.filters ?? [],
    sortKeys,
    sortDirs: sortDirs as SortDir[],
    limit: query.limit,
    marker: query.marker || undefined,
  };
}
