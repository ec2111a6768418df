/** YAQL math functions. */
import { PyError, valueError } from '../../python/errors.js';
import { modInt, numArith, pyRound } from '../../python/ops.js';
import { isNumber } from '../../python/types.js';
import { define, type Call, type Registry } from '../call.js';
import { yaqlOrder } from '../operators.js';
import { intArg } from './helpers.js';

function numArg(c: Call, i: number): bigint | number {
  const v = c.val(i);
  if (!isNumber(v)) throw c.noMatch();
  return v;
}

export function registerMath(reg: Registry): void {
  define(reg, 'function', 'abs', (c) => {
    c.arity(1);
    const v = numArg(c, 0);
    return typeof v === 'bigint' ? (v < 0n ? -v : v) : Math.abs(v);
  });
  define(reg, 'function', 'pow', (c) => {
    c.arity(2, 3);
    const a = numArg(c, 0);
    const b = numArg(c, 1);
    if (c.has(2) && c.val(2) !== null) {
      const m = intArg(c, 2);
      if (typeof a !== 'bigint' || typeof b !== 'bigint') throw c.noMatch();
      if (b < 0n) throw valueError('pow() 2nd argument cannot be negative when 3rd argument specified');
      let result = 1n;
      let base = modInt(a, m);
      let e = b;
      while (e > 0n) {
        if (e & 1n) result = modInt(result * base, m);
        base = modInt(base * base, m);
        e >>= 1n;
      }
      return modInt(result, m);
    }
    return numArith('**', a, b, false);
  });
  define(reg, 'function', 'sign', (c) => {
    c.arity(1);
    const v = numArg(c, 0);
    if (typeof v === 'bigint') return v > 0n ? 1n : v < 0n ? -1n : 0n;
    return v > 0 ? 1n : v < 0 ? -1n : 0n;
  });
  define(reg, 'function', 'round', (c) => {
    c.arity(1, 2);
    const v = numArg(c, 0);
    const nd = c.has(1) ? intArg(c, 1) : 0n;
    return pyRound(v, nd);
  });
  define(reg, 'function', ['max', 'min'], (c) => {
    c.arity(2);
    const a = c.val(0);
    const b = c.val(1);
    if (c.name === 'max') return yaqlOrder('>', b, a) ? b : a;
    return yaqlOrder('<', b, a) ? b : a;
  });
  const bit = (name: string, f: (a: bigint, b: bigint) => bigint): void =>
    define(reg, 'function', name, (c) => {
      c.arity(2);
      return f(intArg(c, 0), intArg(c, 1));
    });
  bit('bitwiseAnd', (a, b) => a & b);
  bit('bitwiseOr', (a, b) => a | b);
  bit('bitwiseXor', (a, b) => a ^ b);
  bit('shiftBitsLeft', (a, b) => {
    if (b > 10000n) throw valueError('shift count too large');
    return a << b;
  });
  bit('shiftBitsRight', (a, b) => a >> b);
  define(reg, 'function', 'bitwiseNot', (c) => {
    c.arity(1);
    return ~intArg(c, 0);
  });
  define(reg, 'function', 'random', (c) => {
    c.arity(0, 2);
    // The core has no randomness of its own: the engine injects ExpressionFunctions.random.
    const source = c.interp.host.functions?.random;
    if (!source)
      throw new PyError('RuntimeError', 'random() needs a random source (ExpressionFunctions.random)');
    const r = source.call(c.interp.host.functions);
    if (c.count === 0) return r;
    const lo = intArg(c, 0);
    const hi = intArg(c, 1);
    if (hi < lo) throw valueError('empty range for randrange()');
    return lo + BigInt(Math.floor(r * Number(hi - lo + 1n)));
  });
}
