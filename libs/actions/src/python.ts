// Small Python behaviours Mistral's messages and payloads depend on, so
// Mistral-compatible clients see the same texts and bytes.

/** Python `repr()` of a str. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return quote + out + quote;
}

/** Python `repr()` of a list of str: `['a', 'b']`. */
export const pyStrListRepr = (items: readonly string[]): string => `[${items.map(pyStrRepr).join(', ')}]`;

/** Python truthiness of a JSON value: empty containers, '', 0, false and None are falsy. */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/**
 * Python `json.dumps(value)` with its defaults (", " and ": " separators,
 * non-ASCII escaped): what Mistral and requests put on the wire for a dict body.
 */
export function pyJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return asciiJson(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${asciiJson(k)}: ${pyJsonDumps(v)}`).join(', ')}}`;
  }
  return JSON.stringify(String(value));
}

const asciiJson = (s: string): string =>
  JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
