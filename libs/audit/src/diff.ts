// A precise structural comparison: every leaf that differs, with its path.
// Used to report how a rebuilt state differs from what a read model shows.

export interface Mismatch {
  /** e.g. `execution.output.greeting`, `tasks[say#1].published.x` */
  readonly path: string;
  /** What the events say (the truth). */
  readonly expected: unknown;
  /** What the compared view shows. */
  readonly actual: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const keyPath = (path: string, key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

export function diffValues(
  path: string,
  expected: unknown,
  actual: unknown,
  out: Mismatch[] = [],
): Mismatch[] {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const n = Math.max(expected.length, actual.length);
    for (let i = 0; i < n; i++) {
      if (i >= expected.length || i >= actual.length) {
        out.push({ path: `${path}[${i}]`, expected: expected[i], actual: actual[i] });
      } else diffValues(`${path}[${i}]`, expected[i], actual[i], out);
    }
    return out;
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const k of keys) {
      // An absent key and an `undefined` value are the same once stored as JSON.
      if (expected[k] === undefined && actual[k] === undefined) continue;
      diffValues(keyPath(path, k), expected[k], actual[k], out);
    }
    return out;
  }
  if (!Object.is(expected, actual) && !(expected === 0 && actual === 0)) {
    out.push({ path, expected, actual });
  }
  return out;
}
