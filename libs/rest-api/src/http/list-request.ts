// Mistral's list parameters from a request, and the `next` link of a page.
import type { Request } from 'express';
import {
  normaliseListQuery,
  parseFilterParam,
  type FieldFilter,
  type NormalisedListQuery,
  type ResourceName,
} from '@sirocco/projections';
import { badRequest } from './http-error.js';
import { queryInt, queryList, queryText } from './query-params.js';

export interface ListRequest {
  readonly query: NormalisedListQuery;
  /** Requested fields with `id` first, or undefined for all. */
  readonly fields: readonly string[] | undefined;
}

/**
 * @param filterFields query parameters that filter (Mistral's per-resource list)
 * @param resourceFields every field of the resource, for `fields` validation
 * @param fixed filters imposed by the route (e.g. the execution of /executions/{id}/tasks)
 */
export function readListRequest(
  req: Request,
  resource: ResourceName,
  filterFields: readonly string[],
  resourceFields: readonly string[],
  fixed: readonly FieldFilter[] = [],
): ListRequest {
  const filters: FieldFilter[] = [...fixed];
  for (const field of filterFields) {
    const raw = queryText(req, field);
    if (raw !== undefined && !fixed.some((f) => f.field === field))
      filters.push(parseFilterParam(field, raw));
  }
  const limit = queryInt(req, 'limit');
  const query = normaliseListQuery(resource, {
    filters,
    ...(queryList(req, 'sort_keys') ? { sortKeys: queryList(req, 'sort_keys')! } : {}),
    ...(queryList(req, 'sort_dirs') ? { sortDirs: queryList(req, 'sort_dirs')! } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(queryText(req, 'marker') ? { marker: queryText(req, 'marker')! } : {}),
  });
  return { query, fields: readFields(req, resourceFields) };
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

/** Keeps only the requested fields, in the resource's order. */
export function selectFields(
  body: Record<string, unknown>,
  fields: readonly string[] | undefined,
): Record<string, unknown> {
  if (!fields) return body;
  return Object.fromEntries(Object.entries(body).filter(([k]) => fields.includes(k)));
}

const encode = (s: string): string => encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%2C/gi, ',');

/**
 * Mistral's link to the next page: present only when the page is full.
 * Filters are written `field=op:value`; `in`/`nin` lists as `a,b` (Mistral
 * writes a Python list repr there, which it cannot read back).
 */
export function nextLink(
  baseUrl: string,
  collection: string,
  list: ListRequest,
  rows: readonly { readonly id: string }[],
): string | undefined {
  const { query } = list;
  const last = rows[rows.length - 1];
  if (query.limit === undefined || rows.length === 0 || rows.length !== query.limit || !last)
    return undefined;
  const parts = [`sort_keys=${query.sortKeys.join(',')}`, `sort_dirs=${query.sortDirs.join(',')}`];
  for (const f of query.filters) {
    const value = Array.isArray(f.value) ? f.value.join(',') : String(f.value);
    parts.push(`${f.field}=${f.op}:${encode(value)}`);
  }
  parts.push(`limit=${query.limit}`, `marker=${encode(last.id)}`);
  if (list.fields) parts.push(`fields=${list.fields.join(',')}`);
  return `${baseUrl}/v2/${collection}?${parts.join('&')}`;
}

export function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
