/** YAQL output conversion (`convert_output_data`) on internal values. */
import { typeError } from '../python/errors.js';
import { LazySeq, PyGenerator, PySet } from '../python/types.js';
import { ScopeValue } from '../yaql/scope.js';

/**
 * Tuples and iterators become lists, dicts are converted recursively; sets stay
 * sets (Mistral returns Python sets; a set of item pairs cannot be built: TypeError).
 */
export function yaqlOutput(v: unknown, depth = 0): unknown {
  if (depth > 1000) throw typeError('result is nested too deeply');
  if (Array.isArray(v)) return v.map((x) => yaqlOutput(x, depth + 1));
  if (v instanceof PyGenerator) return v.items.map((x) => yaqlOutput(x, depth + 1));
  if (v instanceof LazySeq) return [...v].map((x) => yaqlOutput(x, depth + 1));
  if (v instanceof Map) {
    const m = new Map<unknown, unknown>();
    for (const [k, x] of v) m.set(yaqlOutput(k, depth + 1), yaqlOutput(x, depth + 1));
    return m;
  }
  if (v instanceof PySet) {
    if (v.items.some((x) => Array.isArray(x) || x instanceof Map)) {
      throw typeError(`unhashable type: '${v.items.some((x) => x instanceof Map) ? 'dict' : 'list'}'`);
    }
    return new PySet(
      v.items.map((x) => yaqlOutput(x, depth + 1)),
      false,
    );
  }
  if (v instanceof ScopeValue) return '<yaql context>';
  return v;
}
