// Python's float()/int() on action inputs, as Mistral's actions apply them:
// a value Python cannot convert falls back to 0, negatives clamp to 0.

/** Python `float(value)`, or undefined when Python would raise. */
function pyFloat(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value))
    return Number(value);
  return undefined;
}

/** Python `int(value)`: truncates numbers, accepts only integer strings. */
function pyInt(value: unknown): number | undefined {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  return undefined;
}

export const nonNegativeFloat = (value: unknown): number => Math.max(0, pyFloat(value) ?? 0);
export const nonNegativeInt = (value: unknown): number => Math.max(0, pyInt(value) ?? 0);
