/** Per-call evaluation context over internal values, with lazily converted data views. */
import type { ExpressionFunctions } from '../api-types.js';
import { toInternal, tuplify } from '../convert.js';
import type { Limits } from '../limits.js';

export interface InternalContext {
  /** Data context as internal values (lists, not tuples); built on first use when `raw` is given. */
  data?: unknown;
  /** The caller's data (public form), converted lazily for the language that needs it. */
  readonly raw?: unknown;
  readonly functions?: ExpressionFunctions;
  readonly limits?: Limits;
  /** Lazily built yaql view of the data (lists converted to tuples). */
  readonly yaqlData?: unknown;
}

const YAQL_VIEWS = new WeakMap<InternalContext, unknown>();

/** The yaql view of the data context (lists as tuples), converted on first use. */
export function yaqlData(ctx: InternalContext): unknown {
  if (ctx.yaqlData !== undefined) return ctx.yaqlData;
  if (!YAQL_VIEWS.has(ctx))
    YAQL_VIEWS.set(ctx, ctx.data !== undefined ? tuplify(ctx.data) : toInternal(ctx.raw, true));
  return YAQL_VIEWS.get(ctx);
}

/** The list-view data context, converted on first use. */
export function jinjaData(ctx: InternalContext): unknown {
  ctx.data ??= toInternal(ctx.raw);
  return ctx.data;
}
