/** Jinja2 built-in tests (`x is name`). */
import { typeError } from '../python/errors.js';
import { numArith, pyCompare, pyEquals } from '../python/ops.js';
import { LazySeq, PyGenerator, PySet } from '../python/types.js';
import type { TestFn } from './interpreter.js';
import { jinjaIn } from './ops.js';
import { JCallable, JUndefined } from './values.js';

export function buildTests(): Map<string, TestFn> {
  const t = new Map<string, TestFn>();
  const def = (names: string | string[], fn: TestFn): void => {
    for (const n of Array.isArray(names) ? names : [names]) t.set(n, fn);
  };
  const arg = (args: readonly unknown[]): unknown => {
    if (args.length < 1) throw typeError('test takes one argument');
    return args[0];
  };
  def('defined', (_ip, v) => !(v instanceof JUndefined));
  def('undefined', (_ip, v) => v instanceof JUndefined);
  def('none', (_ip, v) => v === null);
  def('boolean', (_ip, v) => typeof v === 'boolean');
  def('false', (_ip, v) => v === false);
  def('true', (_ip, v) => v === true);
  def('integer', (_ip, v) => typeof v === 'bigint');
  def('float', (_ip, v) => typeof v === 'number');
  def('number', (_ip, v) => typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean');
  def('string', (_ip, v) => typeof v === 'string');
  def('mapping', (_ip, v) => v instanceof Map);
  def('sequence', (_ip, v) => typeof v === 'string' || Array.isArray(v) || v instanceof Map);
  def(
    'iterable',
    (_ip, v) =>
      typeof v === 'string' ||
      Array.isArray(v) ||
      v instanceof Map ||
      v instanceof PySet ||
      v instanceof PyGenerator ||
      v instanceof LazySeq,
  );
  def('callable', (_ip, v) => v instanceof JCallable);
  def('lower', (_ip, v) => typeof v === 'string' && v === v.toLowerCase() && /\p{L}/u.test(v));
  def('upper', (_ip, v) => typeof v === 'string' && v === v.toUpperCase() && /\p{L}/u.test(v));
  def('escaped', () => false);
  def('odd', (_ip, v) => numArith('%', v, 2n, true) !== 0n && numArith('%', v, 2n, true) !== 0);
  def('even', (_ip, v) => {
    const r = numArith('%', v, 2n, true);
    return r === 0n || r === 0;
  });
  def('divisibleby', (_ip, v, args) => {
    const r = numArith('%', v, arg(args), true);
    return r === 0n || r === 0;
  });
  def(['eq', 'equalto', '=='], (_ip, v, args) => pyEquals(v, arg(args)));
  def(['ne', '!='], (_ip, v, args) => !pyEquals(v, arg(args)));
  def(['lt', 'lessthan', '<'], (_ip, v, args) => pyCompare(v, arg(args)) < 0);
  def(['le', '<='], (_ip, v, args) => pyEquals(v, arg(args)) || pyCompare(v, arg(args)) <= 0);
  def(['gt', 'greaterthan', '>'], (_ip, v, args) => pyCompare(v, arg(args)) > 0);
  def(['ge', '>='], (_ip, v, args) => pyEquals(v, arg(args)) || pyCompare(v, arg(args)) >= 0);
  def('in', (_ip, v, args) => jinjaIn(v, arg(args)));
  def('sameas', (_ip, v, args) => v === arg(args) || (v === null && arg(args) === null));
  def('filter', (ip, v) => typeof v === 'string' && ip.filters.has(v));
  def('test', (ip, v) => typeof v === 'string' && ip.tests.has(v));
  return t;
}
