/** Mistral's InlineJinjaEvaluator on top of the Jinja interpreter (NOTES §7). */
import { ExpressionError } from '../errors.js';
import { Budget } from '../limits.js';
import { callMistralFunction, MISTRAL_FUNCTION_NAMES, type MistralEnv } from '../mistral/functions.js';
import { jinjaData, type InternalContext } from '../mistral/context.js';
import { PyError, typeError, valueError } from '../python/errors.js';
import { jsonDumps } from '../python/json.js';
import { dictGet, dictHas, truthy } from '../python/ops.js';
import { typeName } from '../python/types.js';
import type { JExpr, JStmt } from './ast.js';
import { JinjaSyntaxError } from './errors.js';
import { buildFilters } from './filters.js';
import { JinjaInterpreter, JScope, type FilterFn } from './interpreter.js';
import { JINJA_VAR_RE } from '../mistral/patterns.js';
import { parseJinjaExpression, parseJinjaTemplate } from './parser.js';
import { buildTests } from './tests.js';
import { JCallable, JNamespace, JUndefined, type CallArgs } from './values.js';

const CACHE_MAX = 2000;
const exprCache = new Map<string, JExpr | JinjaSyntaxError>();
const templateCache = new Map<string, JStmt[] | JinjaSyntaxError>();

function cached<T>(cache: Map<string, T | JinjaSyntaxError>, key: string, make: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    try {
      v = make();
    } catch (e) {
      if (!(e instanceof JinjaSyntaxError)) throw e;
      v = e;
    }
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(key, v);
  }
  if (v instanceof JinjaSyntaxError) throw v;
  return v;
}

export function parseExpressionCached(text: string): JExpr {
  return cached(exprCache, text, () => parseJinjaExpression(text));
}

export function parseTemplateCached(text: string): JStmt[] {
  return cached(templateCache, text, () => parseJinjaTemplate(text));
}

let filters: Map<string, FilterFn> | undefined;
let tests: ReturnType<typeof buildTests> | undefined;

/** Mistral's functions as filters: the piped value fills the hidden context slot. */
function mistralFilter(name: string, host: MistralEnv): FilterFn {
  return (_ip, value, args) => {
    switch (name) {
      case 'json_pp': {
        const target = args.length && truthy(args[0]) ? args[0] : value;
        return jsonDumps(target, { indent: 4 }).replaceAll('\\n', '\n');
      }
      case 'env':
        if (args.length) throw typeError('env_() takes 1 positional argument');
        if (value instanceof Map && dictHas(value, '__env')) return dictGet(value, '__env');
        if (value instanceof Map) throw new PyError('KeyError', "'__env'");
        throw typeError(`'${typeName(value)}' object is not subscriptable`);
      case 'uuid':
        if (args.length) throw typeError('uuid_() takes from 0 to 1 positional arguments');
        return callMistralFunction('uuid', host, []);
      default:
        if (
          args.length === 0 &&
          ['json_dump', 'json_parse', 'yaml_dump', 'yaml_parse', 'global'].includes(name)
        ) {
          throw typeError(`${name}_() missing 1 required positional argument: 'data'`);
        }
        return callMistralFunction(name, { ...host, data: value }, args);
    }
  };
}

function baseFilters(): Map<string, FilterFn> {
  filters ??= buildFilters();
  return filters;
}

function kwargsOnly(a: CallArgs, fname: string): void {
  if (a.args.length) throw typeError(`${fname}() takes no positional arguments`);
}

function globalsScope(data: unknown, host: MistralEnv, budget: Budget): JScope {
  const root = new JScope();
  const g = root.vars;
  g.set(
    'range',
    new JCallable(
      'range',
      (a) => {
        kwargsNone(a);
        const nums = a.args.map((x) => {
          if (typeof x !== 'bigint')
            throw typeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
          return x;
        });
        const [start, stop, step] =
          nums.length === 1 ? [0n, nums[0] as bigint, 1n] : [nums[0] ?? 0n, nums[1] ?? 0n, nums[2] ?? 1n];
        if (step === 0n) throw valueError('range() arg 3 must not be zero');
        const count =
          step > 0n
            ? stop > start
              ? (stop - start + step - 1n) / step
              : 0n
            : start > stop
              ? (start - stop - step - 1n) / -step
              : 0n;
        if (count > 100000n)
          throw new PyError(
            'OverflowError',
            'Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).',
          );
        budget.plan(Number(count), 'items');
        const out: unknown[] = [];
        for (let i = start; step > 0n ? i < stop : i > stop; i += step) {
          if (out.length >= 100000)
            throw new PyError(
              'OverflowError',
              'Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).',
            );
          out.push(i);
        }
        return out;
      },
      'function',
    ),
  );
  g.set(
    'dict',
    new JCallable(
      'dict',
      (a) => {
        const m = new Map<unknown, unknown>();
        const first = a.args[0];
        if (first instanceof Map) for (const [k, v] of first) m.set(k, v);
        for (const [k, v] of a.kwargs) m.set(k, v);
        return m;
      },
      'type',
    ),
  );
  g.set(
    'namespace',
    new JCallable(
      'namespace',
      (a) => {
        const m = new Map<string, unknown>();
        const first = a.args[0];
        if (first instanceof Map) for (const [k, v] of first) m.set(String(k), v);
        for (const [k, v] of a.kwargs) m.set(k, v);
        return new JNamespace(m);
      },
      'type',
    ),
  );
  g.set(
    'joiner',
    new JCallable(
      'joiner',
      (a) => {
        const sep = a.args[0] ?? a.kwargs.get('sep') ?? ', ';
        let used = false;
        return new JCallable('joiner', () => {
          if (!used) {
            used = true;
            return '';
          }
          return sep;
        });
      },
      'type',
    ),
  );
  g.set(
    'cycler',
    new JCallable(
      'cycler',
      (a) => {
        const items = [...a.args];
        let pos = 0;
        const attrs = new Map<string, unknown>();
        const sync = (): void => {
          attrs.set('current', items.length ? items[pos % items.length] : null);
        };
        attrs.set(
          'next',
          new JCallable('next', () => {
            const v = items[pos % items.length];
            pos = (pos + 1) % Math.max(1, items.length);
            sync();
            return v;
          }),
        );
        attrs.set(
          'reset',
          new JCallable('reset', () => {
            pos = 0;
            sync();
            return null;
          }),
        );
        sync();
        return new JNamespace(attrs);
      },
      'type',
    ),
  );
  g.set('lipsum', new JCallable('lipsum', () => 'Lorem ipsum dolor sit amet.', 'function'));
  for (const name of MISTRAL_FUNCTION_NAMES) {
    g.set(
      name,
      new JCallable(
        name,
        (a) => {
          if (a.kwargs.size) kwargsOnly({ args: [], kwargs: new Map() }, name);
          return callMistralFunction(name, host, a.args);
        },
        'functools.partial',
      ),
    );
  }
  g.set('_', data);
  for (const k of ['__env', '__execution', '__task_execution']) {
    g.set(k, data instanceof Map && dictHas(data, k) ? dictGet(data, k) : null);
  }
  return new JScope(root);
}

function kwargsNone(a: CallArgs): void {
  if (a.kwargs.size) throw typeError('range() takes no keyword arguments');
}

function makeInterpreter(budget: Budget, host: MistralEnv): JinjaInterpreter {
  const f = new Map(baseFilters());
  for (const name of MISTRAL_FUNCTION_NAMES) f.set(name, mistralFilter(name, host));
  tests ??= buildTests();
  const random = host.functions?.random;
  return new JinjaInterpreter(budget, f, tests, random ? () => random.call(host.functions) : undefined);
}

function wrap(expression: string, e: unknown): ExpressionError {
  if (e instanceof ExpressionError) return e;
  if (e instanceof PyError || e instanceof JinjaSyntaxError)
    return new ExpressionError('JinjaEvaluationException', expression, e.name, e.message);
  if (e instanceof RangeError)
    return new ExpressionError('JinjaEvaluationException', expression, 'RecursionError', e.message);
  return new ExpressionError(
    'JinjaEvaluationException',
    expression,
    'Error',
    e instanceof Error ? e.message : String(e),
  );
}

/** Evaluates a string that Mistral classifies as Jinja. */
export function evaluateJinjaString(s: string, ctx: InternalContext): unknown {
  const data = jinjaData(ctx);
  const host: MistralEnv = { lang: 'jinja', data, functions: ctx.functions };
  try {
    const m = JINJA_VAR_RE.exec(s);
    // Mistral indexes the (possibly empty) match list: blocks without {{ }} fail.
    if (!m) throw new PyError('IndexError', 'list index out of range');
    const budget = new Budget(ctx.limits);
    const ip = makeInterpreter(budget, host);
    const scope = globalsScope(data, host, budget);
    if (m[0] === s) {
      const expr = parseExpressionCached(m[1] ?? '');
      const v = ip.eval(expr, scope);
      if (v instanceof JUndefined) {
        if (v.lenient) return null;
        throw v.fail();
      }
      return v;
    }
    const body = parseTemplateCached(s);
    const out: string[] = [];
    ip.render(body, scope, out);
    return out.join('');
  } catch (e) {
    throw wrap(s, e);
  }
}

/** Syntax check of a Jinja string (Mistral's validate): undefined when fine. */
export function checkJinjaSyntax(s: string): string | undefined {
  try {
    parseTemplateCached(s);
    return undefined;
  } catch (e) {
    if (e instanceof JinjaSyntaxError) return `Syntax error '${e.message}'.`;
    throw e;
  }
}
