// Query strings the way requests builds them from `params`: urlencode with
// doseq (lists repeat the key), None values dropped, quote_plus escaping,
// appended to any query already in the URL.

/** Python `urllib.parse.quote_plus(s, safe='')`. */
export function quotePlus(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** Python `str()` of a JSON scalar. */
function pyStr(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  return typeof v === 'object' ? JSON.stringify(v) : String(v as string | number);
}

function encodeParams(params: unknown): string {
  if (typeof params === 'string') return params;
  if (params === null || typeof params !== 'object') return '';
  const pairs: string[] = [];
  const entries: [string, unknown][] = Array.isArray(params)
    ? params
        .filter((p): p is [unknown, unknown] => Array.isArray(p) && p.length === 2)
        .map(([k, v]) => [pyStr(k), v])
    : Object.entries(params as Record<string, unknown>);
  for (const [key, value] of entries) {
    // Python iterates a non-string value: lists give their items, dicts their keys.
    const values = Array.isArray(value)
      ? value
      : value !== null && typeof value === 'object'
        ? Object.keys(value)
        : [value];
    for (const v of values)
      if (v !== null && v !== undefined) pairs.push(`${quotePlus(key)}=${quotePlus(pyStr(v))}`);
  }
  return pairs.join('&');
}

export function withParams(url: URL, params: unknown): URL {
  const encoded = encodeParams(params);
  if (!encoded) return url;
  const result = new URL(url.href);
  const existing = result.search.replace(/^\?/, '');
  result.search = existing ? `${existing}&${encoded}` : encoded;
  return result;
}
