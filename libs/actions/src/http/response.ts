// The result dict of Mistral's HTTPAction: content (parsed JSON when the
// body is JSON, else text), status, headers as sent, final url, history,
// encoding (requests' guess from Content-Type), reason, cookies, elapsed.
import type { HttpResponse, RawResponse } from './transport.js';

export interface HttpResult {
  readonly content: unknown;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly url: string;
  readonly history: readonly HistoryEntry[];
  readonly encoding: string | null;
  readonly reason: string;
  readonly cookies: Record<string, string>;
  readonly elapsed: number;
}

/** requests keeps Response objects here; we keep what a workflow can use. */
export interface HistoryEntry {
  readonly status: number;
  readonly url: string;
  readonly reason: string;
  readonly headers: Record<string, string>;
}

export function toHttpResult(res: HttpResponse): HttpResult {
  const headers = headerDict(res.rawHeaders);
  const encoding = encodingFromContentType(lookup(headers, 'content-type'));
  const text = decode(res.body, encoding);
  return {
    content: parseJson(text),
    status: res.status,
    headers,
    url: res.url,
    history: res.history.map(historyEntry),
    encoding,
    reason: res.reason,
    cookies: cookieDict(res.setCookies),
    elapsed: res.elapsedSeconds,
  };
}

/** Mistral fails std.http unless 200 <= status < 307. */
export const isSuccessStatus = (status: number): boolean => status >= 200 && status < 307;

const historyEntry = (r: RawResponse): HistoryEntry => ({
  status: r.status,
  url: r.url,
  reason: r.reason,
  headers: headerDict(r.rawHeaders),
});

/** Repeated headers are joined with ", " (urllib3's HTTPHeaderDict); first spelling wins. */
function headerDict(raw: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const names = new Map<string, string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    const value = raw[i + 1] ?? '';
    const key = names.get(name.toLowerCase());
    if (key === undefined) {
      names.set(name.toLowerCase(), name);
      out[name] = value;
    } else out[key] = `${out[key]}, ${value}`;
  }
  return out;
}

function lookup(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** requests' get_encoding_from_headers. */
export function encodingFromContentType(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const [type = '', ...params] = contentType.split(';');
  for (const p of params) {
    const [k, v] = p.split('=');
    if (k?.trim().toLowerCase() === 'charset' && v !== undefined) return v.trim().replace(/^['"]|['"]$/g, '');
  }
  if (type.includes('text')) return 'ISO-8859-1';
  if (type.includes('application/json')) return 'utf-8';
  return null;
}

function decode(body: Buffer, encoding: string | null): string {
  try {
    return new TextDecoder(encoding ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Name → value of the cookies the response set. */
function cookieDict(setCookies: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of setCookies) {
    const pair = line.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq > 0) out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}
