// The little that differs between the SQL dialects the read models run on.

export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Placeholder for the n-th (1-based) parameter. */
  placeholder(n: number): string;
}

export const sqliteDialect: SqlDialect = { name: 'sqlite', placeholder: () => '?' };
export const postgresDialect: SqlDialect = { name: 'postgres', placeholder: (n) => `$${n}` };

export interface SqlStatement {
  readonly sql: string;
  readonly params: readonly (string | number | null)[];
}

/** Builds a statement with `{}` markers turned into the dialect's placeholders. */
export function statement(
  dialect: SqlDialect,
  template: string,
  params: readonly (string | number | null)[],
): SqlStatement {
  let n = 0;
  const sql = template.replace(/\{\}/g, () => dialect.placeholder(++n));
  if (n !== params.length)
    throw new Error(`SQL has ${n} placeholders but ${params.length} parameters: ${template}`);
  return { sql, params };
}
