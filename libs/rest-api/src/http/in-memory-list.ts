// Mistral's list parameters over resources held in memory (actions: the
// system ones come from the registry, the ad-hoc ones from memory too), the
// way Mistral's action list does it: filter, sort, then page.
import type { Request } from 'express';
import {
  normaliseFilterTimestamp,
  parseFilterParam,
  type FieldFilter,
  type SortDir,
} from '@sirocco/projections';
import { notFound } from '@sirocco/workflow';
import { badRequest } from './http-error.js';
import { queryInt, queryList, queryText } from './query-params.js';

type Body = Readonly<Record<string, unknown>>;

export interface InMemoryListOptions {
  /** Query parameters that filter, in the order Mistral writes them in `next` links. */
  readonly filterFields: readonly string[];
  /** Filters applied when the parameter is absent (Mistral's defaults, e.g. `namespace=''`). */
  readonly defaults?: Readonly<Record<string, string>>;
  /** Every field of the resource (for `fields` and `sort_keys`). */
  readonly fields: readonly string[];
  readonly defaultSortKey: string;
}

export interface InMemoryPage {
  readonly items: readonly Body[];
  /** Query string of the next page (without `?`), when the page is full. */
  readonly next: string | undefined;
  /** Requested fields with `id` first, or undefined for all. */
  readonly fields: readonly string[] | undefined;
}

const TIME_FIELDS = new Set(['created_at', 'updated_at']);

function matches(value: unknown, filter: FieldFilter): boolean {
  const norm = (v: string) => (TIME_FIELDS.has(filter.field) ? (normaliseFilterTimestamp(v) ?? v) : v);
  const list = (Array.isArray(filter.value) ? filter.value : [filter.value]).map(norm);
  const wanted = list[0] ?? '';
  const text =
    value === null || value === undefined ? null : typeof value === 'string' ? value : String(value);
  switch (filter.op) {
    case 'in':
      return text !== null && list.includes(text);
    case 'nin':
      return text === null || !list.includes(text);
    case 'has':
      return Array.isArray(value) ? value.includes(wanted) : text !== null && text.includes(wanted);
    case 'neq':
      return text !== wanted;
    case 'gt':
      return text !== null && text > wanted;
    case 'gte':
      return text !== null && text >= wanted;
    case 'lt':
      return text !== null && text < wanted;
    case 'lte':
      return text !== null && text <= wanted;
    default:
      return text === wanted;
  }
}

// Mistral's action sort: None before anything, then natural order.
function compare(a: unknown, b: unknown): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  const [x, y] = [
    typeof a === 'object' ? JSON.stringify(a) : a,
    typeof b === 'object' ? JSON.stringify(b) : b,
  ];
  return x! < y! ? -1 : x! > y! ? 1 : 0;
}

export function listInMemory(req: Request, all: readonly Body[], options: InMemoryListOptions): InMemoryPage {
  const limit = queryInt(req, 'limit');
  if (limit !== undefined && limit <= 0) throw badRequest('Limit must be positive.');
  const sortKeys = queryList(req, 'sort_keys') ?? [options.defaultSortKey];
  const sortDirs = queryList(req, 'sort_dirs') ?? [];
  if (sortDirs.length > sortKeys.length)
    throw badRequest('Length of sort_keys must be equal or greater than sort_dirs.');
  if (sortDirs.some((d) => d !== 'asc' && d !== 'desc'))
    throw badRequest("Unknown sort direction, must be 'desc' or 'asc'.");
  const unknownKey = sortKeys.find((k) => !options.fields.includes(k));
  if (unknownKey) throw badRequest(`Sort key supplied is invalid: ${unknownKey}`);
  const keys = sortKeys.includes('id') ? sortKeys : [...sortKeys, 'id'];
  const dirs: SortDir[] = keys.map((_, i) => (sortDirs[i] === 'desc' ? 'desc' : 'asc'));
  const fields = readFields(req, options.fields);

  const filters: FieldFilter[] = [];
  for (const field of options.filterFields) {
    const raw = queryText(req, field) ?? options.defaults?.[field];
    if (raw !== undefined) filters.push(parseFilterParam(field, raw));
  }
  let items = all
    .filter((item) => filters.every((f) => matches(item[f.field], f)))
    .sort((a, b) => {
      for (const [i, k] of keys.entries()) {
        const c = compare(a[k], b[k]);
        if (c !== 0) return dirs[i] === 'desc' ? -c : c;
      }
      return 0;
    });
  const marker = queryText(req, 'marker');
  if (marker) {
    const at = items.findIndex((a) => a['id'] === marker || a['name'] === marker);
    if (at < 0) throw notFound(`Action not found [id=${marker}]`);
    items = items.slice(at + 1);
  }
  const page = limit !== undefined ? items.slice(0, limit) : items;
  const last = page[page.length - 1];
  let next: string | undefined;
  if (limit !== undefined && last && page.length === limit) {
    const parts = [`sort_keys=${keys.join(',')}`, `sort_dirs=${dirs.join(',')}`];
    for (const f of filters) {
      const value = Array.isArray(f.value) ? f.value.join(',') : String(f.value);
      parts.push(`${f.field}=${f.op}:${encodeURIComponent(value)}`);
    }
    parts.push(`limit=${limit}`, `marker=${encodeURIComponent(String(last['id']))}`);
    if (fields) parts.push(`fields=${fields.join(',')}`);
    next = parts.join('&');
  }
  return { items: page, next, fields };
}

function readFields(req: Request, resourceFields: readonly string[]): string[] | undefined {
  const fields = queryList(req, 'fields');
  if (!fields || fields.length === 0) return undefined;
  const unknown = fields.filter((f) => !resourceFields.includes(f));
  if (unknown.length > 0) {
    throw badRequest(
      `Some fields do not exist  [${unknown.join(', ')}], please choose from [${resourceFields.join(', ')}]`,
    );
  }
  return fields.includes('id') ? fields : ['id', ...fields];
}
