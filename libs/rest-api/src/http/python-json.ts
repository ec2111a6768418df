// JSON text as Python's json.dumps writes it (Mistral builds every JSON
// string field and body with it): ", " and ": " separators and non-ASCII
// escaped as \uXXXX. Clients parse either form; this keeps bodies and the
// JSON-in-a-string fields byte-compatible with Mistral's for scripts that
// compare text.

export function pyJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${pyString(k)}: ${pyJsonDumps(v)}`).join(', ')}}`;
  }
  return 'null';
}

function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return JSON.stringify(n);
}

function pyString(s: string): string {
  // JSON.stringify escapes quotes, backslashes and control characters; then escape non-ASCII.
  return JSON.stringify(s).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
