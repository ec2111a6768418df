/** Evaluates one YAQL expression text (no delimiters) against a data context. */
import type { ExpressionFunctions } from '../api-types.js';
import { Budget, type Limits } from '../limits.js';
import { dictGet, dictHas } from '../python/ops.js';
import type { Node } from './ast.js';
import { YaqlSyntaxError } from './errors.js';
import { Interpreter } from './interpreter.js';
import { parseYaql } from './parser.js';
import { Scope } from './scope.js';
import { yaqlRegistry } from './stdlib/index.js';

const CACHE_MAX = 5000;
const cache = new Map<string, Node | YaqlSyntaxError>();

/** Parses with a bounded cache of ASTs (and of syntax errors) keyed by text. */
export function parseCached(text: string): Node {
  let entry = cache.get(text);
  if (entry === undefined) {
    try {
      entry = parseYaql(text);
    } catch (e) {
      if (!(e instanceof YaqlSyntaxError)) throw e;
      entry = e;
    }
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(text, entry);
  }
  if (entry instanceof YaqlSyntaxError) throw entry;
  return entry;
}

/**
 * @param data internal value of the data context, already converted the yaql way
 *   (lists as tuples).
 */
export function evaluateYaql(
  text: string,
  data: unknown,
  functions: ExpressionFunctions | undefined,
  limits?: Limits,
): unknown {
  const ast = parseCached(text);
  const budget = new Budget(limits);
  const interp = new Interpreter(yaqlRegistry(), budget, { data, functions });
  const scope = new Scope();
  scope.set('1', data);
  if (data instanceof Map) {
    for (const k of ['__env', '__execution', '__task_execution']) {
      scope.set(k, dictHas(data, k) ? dictGet(data, k) : null);
    }
  }
  return interp.eval(ast, scope);
}
