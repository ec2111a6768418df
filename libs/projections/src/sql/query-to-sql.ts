// List queries → SQL (pure). Pagination is keyset pagination on the sort
// keys, starting after the marker row, as Mistral's marker works.
import type { FieldFilter, NormalisedListQuery } from '../list-query.js';
import type { FieldDef, ResourceDef } from '../resources.js';
import { normaliseFilterTimestamp } from '../timestamps.js';
import { statement, type SqlDialect, type SqlStatement } from './dialect.js';

type Param = string | number | null;

const sortExpr = (field: FieldDef): string => field.sortExpr ?? field.column;

function fieldOf(resource: ResourceDef, name: string): FieldDef {
  const field = resource.fields[name];
  if (!field) throw new Error(`Unknown field ${name}`);
  return field;
}

/** A filter value as the column holds it. */
function columnValue(field: FieldDef, value: string): Param {
  if (field.kind === 'bool') return /^(true|1|yes|on)$/i.test(value) ? 1 : 0;
  if (field.kind === 'int') return Number.isFinite(Number(value)) ? Number(value) : value;
  if (field.kind === 'time') return normaliseFilterTimestamp(value) ?? value;
  return value;
}

const COMPARISON: Record<string, string> = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };

function filterToSql(resource: ResourceDef, filter: FieldFilter): { sql: string; params: Param[] } {
  const field = fieldOf(resource, filter.field);
  const list = Array.isArray(filter.value) ? (filter.value as string[]) : [filter.value as string];
  const single = list[0] ?? '';
  switch (filter.op) {
    case 'in':
    case 'nin': {
      if (list.length === 0) return { sql: filter.op === 'in' ? '1 = 0' : '1 = 1', params: [] };
      const not = filter.op === 'nin' ? 'NOT ' : '';
      return {
        sql: `${field.column} ${not}IN (${list.map(() => '{}').join(', ')})`,
        params: list.map((v) => columnValue(field, v)),
      };
    }
    case 'has':
      return {
        sql: `${field.column} LIKE {} ESCAPE '\\'`,
        params: [`%${single.replace(/[\\%_]/g, '\\$&')}%`],
      };
    default: {
      const op = COMPARISON[filter.op] ?? '=';
      return { sql: `${field.column} ${op} {}`, params: [columnValue(field, single)] };
    }
  }
}

/** The sort values of the marker row (undefined row = unknown marker). */
export function markerValuesSql(
  dialect: SqlDialect,
  resource: ResourceDef,
  query: NormalisedListQuery,
  markerId: string,
): SqlStatement {
  const exprs = query.sortKeys.map((key, i) => `${sortExpr(fieldOf(resource, key))} AS k${i}`);
  return statement(dialect, `SELECT ${exprs.join(', ')} FROM ${resource.source} WHERE id = {}`, [markerId]);
}

/**
 * Rows after the marker: (k1 > m1) OR (k1 = m1 AND k2 > m2) OR ...,
 * with `<` for descending keys.
 */
function keysetToSql(
  resource: ResourceDef,
  query: NormalisedListQuery,
  markerValues: readonly Param[],
): { sql: string; params: Param[] } {
  const alternatives: string[] = [];
  const params: Param[] = [];
  query.sortKeys.forEach((key, i) => {
    const parts: string[] = [];
    for (let j = 0; j < i; j++) {
      parts.push(`${sortExpr(fieldOf(resource, query.sortKeys[j]!))} = {}`);
      params.push(markerValues[j] ?? null);
    }
    const op = query.sortDirs[i] === 'desc' ? '<' : '>';
    parts.push(`${sortExpr(fieldOf(resource, key))} ${op} {}`);
    params.push(markerValues[i] ?? null);
    alternatives.push(`(${parts.join(' AND ')})`);
  });
  return { sql: `(${alternatives.join(' OR ')})`, params };
}

export function listSql(
  dialect: SqlDialect,
  resource: ResourceDef,
  query: NormalisedListQuery,
  markerValues?: readonly Param[],
): SqlStatement {
  const where: string[] = [];
  const params: Param[] = [];
  for (const filter of query.filters) {
    const f = filterToSql(resource, filter);
    where.push(f.sql);
    params.push(...f.params);
  }
  if (markerValues) {
    const k = keysetToSql(resource, query, markerValues);
    where.push(k.sql);
    params.push(...k.params);
  }
  const order = query.sortKeys.map(
    (key, i) => `${sortExpr(fieldOf(resource, key))} ${query.sortDirs[i] === 'desc' ? 'DESC' : 'ASC'}`,
  );
  let sql = `SELECT * FROM ${resource.source}`;
  if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
  sql += ` ORDER BY ${order.join(', ')}`;
  if (query.limit !== undefined) {
    sql += ' LIMIT {}';
    params.push(query.limit);
  }
  return statement(dialect, sql, params);
}
