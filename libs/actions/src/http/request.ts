// Turns std.http inputs into one prepared request, mirroring what Mistral's
// HTTPAction and requests do with them: "user:pass" auth strings, numeric
// header values stringified, a dict body sent as JSON text without a
// content type, `json` sent as application/json, cookies as a Cookie header.
import { pyJsonDumps, pyTruthy } from '../python.js';
import { ApplicationFailure, InvalidInputFailure } from '../failures.js';
import { withParams } from './query.js';

export interface PreparedRequest {
  readonly method: string;
  readonly url: URL;
  /** Lower-cased name → [name as given, value]; later entries override earlier ones. */
  readonly headers: Map<string, readonly [string, string]>;
  readonly body: Buffer | undefined;
  readonly connectTimeoutMs: number | undefined;
  readonly readTimeoutMs: number | undefined;
  /** Seconds as the user gave them, for error texts. */
  readonly timeoutText: { connect?: string; read?: string };
  readonly followRedirects: boolean;
  readonly proxies: Readonly<Record<string, string>>;
  /** true/false, or a CA bundle path. */
  readonly verify: boolean | string;
}

export interface HttpInput {
  readonly url?: unknown;
  readonly method?: unknown;
  readonly params?: unknown;
  readonly body?: unknown;
  readonly json?: unknown;
  readonly headers?: unknown;
  readonly cookies?: unknown;
  readonly auth?: unknown;
  readonly timeout?: unknown;
  readonly allow_redirects?: unknown;
  readonly proxies?: unknown;
  readonly verify?: unknown;
}

export function prepareRequest(
  input: HttpInput,
  extraHeaders: Readonly<Record<string, string | undefined>> = {},
): PreparedRequest {
  if (pyTruthy(input.body) && pyTruthy(input.json)) {
    throw new InvalidInputFailure("Only one of the parameters 'json' and 'body' can be passed");
  }
  const url = parseUrl(input.url);
  const headers = new Map<string, readonly [string, string]>();
  const set = (name: string, value: string): void => void headers.set(name.toLowerCase(), [name, value]);

  // requests' session defaults, which user headers override.
  set('User-Agent', 'sirocco-http');
  set('Accept-Encoding', 'gzip, deflate');
  set('Accept', '*/*');
  if (input.headers !== null && typeof input.headers === 'object') {
    for (const [name, value] of Object.entries(input.headers as Record<string, unknown>)) {
      if (value === null || value === undefined) headers.delete(name.toLowerCase());
      else
        set(
          name,
          typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean),
        );
    }
  }
  for (const [name, value] of Object.entries(extraHeaders)) if (value !== undefined) set(name, value);

  const cookie = cookieHeader(input.cookies);
  if (cookie && !headers.has('cookie')) set('Cookie', cookie);
  const auth = basicAuth(input.auth, url);
  if (auth) set('Authorization', auth);

  // Mistral turns a dict body into JSON text; requests then uses `json` only when the body is empty.
  const data = isDict(input.body) ? pyJsonDumps(input.body) : input.body;
  let body: Buffer | undefined;
  if (pyTruthy(data)) {
    body = Buffer.from(typeof data === 'string' ? data : pyJsonDumps(data), 'utf8');
  } else if (input.json !== null && input.json !== undefined) {
    body = Buffer.from(pyJsonDumps(input.json), 'utf8');
    if (!headers.has('content-type')) set('Content-Type', 'application/json');
  }

  const [connect, read] = timeouts(input.timeout);
  return {
    method: (typeof input.method === 'string' && input.method ? input.method : 'GET').toUpperCase(),
    url: withParams(url, input.params),
    headers,
    body,
    connectTimeoutMs: connect === undefined ? undefined : connect * 1000,
    readTimeoutMs: read === undefined ? undefined : read * 1000,
    timeoutText: {
      ...(connect !== undefined && { connect: String(connect) }),
      ...(read !== undefined && { read: String(read) }),
    },
    // requests gets allow_redirects=None from Mistral by default, which means "don't follow".
    followRedirects: pyTruthy(input.allow_redirects),
    proxies: stringRecord(input.proxies),
    verify: typeof input.verify === 'string' ? input.verify : input.verify !== false,
  };
}

function parseUrl(raw: unknown): URL {
  const text = typeof raw === 'string' ? raw : String(raw);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ApplicationFailure(
      `Invalid URL '${text}': No scheme supplied. Perhaps you meant http://${text}?`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApplicationFailure(`No connection adapters were found for '${text}'`);
  }
  return url;
}

function basicAuth(auth: unknown, url: URL): string | undefined {
  let user: string | undefined;
  let pass: string | undefined;
  if (typeof auth === 'string' && auth.split(':').length === 2) [user, pass] = auth.split(':');
  else if (Array.isArray(auth) && auth.length === 2) [user, pass] = auth.map((v) => String(v));
  else if (auth !== null && auth !== undefined && auth !== '') {
    throw new ApplicationFailure('Unsupported \'auth\': give "user:password" or [user, password]');
  } else if (url.username)
    [user, pass] = [decodeURIComponent(url.username), decodeURIComponent(url.password)];
  if (user === undefined) return undefined;
  return `Basic ${Buffer.from(`${user}:${pass ?? ''}`, 'latin1').toString('base64')}`;
}

function cookieHeader(cookies: unknown): string | undefined {
  if (cookies === null || typeof cookies !== 'object') return undefined;
  const parts = Object.entries(cookies as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${String(v as string)}`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** requests' timeout: seconds, or a [connect, read] pair. */
function timeouts(timeout: unknown): [number | undefined, number | undefined] {
  const num = (v: unknown): number | undefined => {
    const n = typeof v === 'string' ? Number(v) : v;
    return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
  };
  if (Array.isArray(timeout)) return [num(timeout[0]), num(timeout[1])];
  const t = num(timeout);
  return [t, t];
}

function stringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}

const isDict = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
