// Compares JSON shapes: same keys in the same order, same JSON types where
// both sides have a value (null is allowed either side: Mistral's nullable
// fields hold text or null depending on state).

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export function shapeDifferences(expected: unknown, actual: unknown, path = '$'): string[] {
  const te = typeOf(expected);
  const ta = typeOf(actual);
  if (te === 'null' || ta === 'null') return [];
  if (te !== ta) return [`${path}: expected ${te}, got ${ta}`];
  if (te !== 'object') return [];
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const problems: string[] = [];
  if (Object.keys(e).join(',') !== Object.keys(a).join(',')) {
    problems.push(`${path}: keys [${Object.keys(e).join(', ')}] != [${Object.keys(a).join(', ')}]`);
  }
  for (const k of Object.keys(e)) if (k in a) problems.push(...shapeDifferences(e[k], a[k], `${path}.${k}`));
  return problems;
}
