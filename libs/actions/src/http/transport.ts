// Sends a prepared request with node:http/https (not fetch: we need the
// server's header case, no automatic redirects, per-request TLS checks and
// requests-style connect/read timeouts), following redirects only when asked.
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { PassThrough } from 'node:stream';
import { ApplicationFailure } from '../failures.js';
import type { PreparedRequest } from './request.js';
import { readBody } from './body.js';
import { proxyFor, type ProxyTarget } from './proxy.js';

export interface RawResponse {
  readonly url: string;
  readonly status: number;
  readonly reason: string;
  /** Name/value pairs as the server sent them. */
  readonly rawHeaders: readonly string[];
  readonly setCookies: readonly string[];
  readonly body: Buffer;
  readonly elapsedSeconds: number;
}

export interface HttpResponse extends RawResponse {
  /** Earlier responses when redirects were followed, oldest first. */
  readonly history: readonly RawResponse[];
}

const MAX_REDIRECTS = 30;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export async function send(
  req: PreparedRequest,
  signal: AbortSignal,
  maxBodyBytes: number,
): Promise<HttpResponse> {
  const history: RawResponse[] = [];
  let current = req;
  for (;;) {
    const res = await sendOnce(current, signal, maxBodyBytes);
    const location = headerValue(res.rawHeaders, 'location');
    if (!req.followRedirects || !REDIRECT_STATUSES.has(res.status) || location === undefined) {
      return { ...res, history };
    }
    history.push(res);
    if (history.length > MAX_REDIRECTS) throw new ApplicationFailure(`Exceeded ${MAX_REDIRECTS} redirects.`);
    current = redirected(current, res.status, new URL(location, current.url));
  }
}

/** requests' rebuild_method/rebuild_auth: 303 (and 301/302 for POST) turn into GET without a body. */
function redirected(req: PreparedRequest, status: number, url: URL): PreparedRequest {
  const toGet =
    (status === 303 && req.method !== 'HEAD') ||
    (status === 302 && req.method !== 'HEAD') ||
    (status === 301 && req.method === 'POST');
  const headers = new Map(req.headers);
  if (toGet) for (const h of ['content-type', 'content-length', 'transfer-encoding']) headers.delete(h);
  if (url.hostname !== req.url.hostname) headers.delete('authorization');
  return { ...req, url, method: toGet ? 'GET' : req.method, body: toGet ? undefined : req.body, headers };
}

function sendOnce(req: PreparedRequest, signal: AbortSignal, maxBodyBytes: number): Promise<RawResponse> {
  const started = performance.now();
  const isHttps = req.url.protocol === 'https:';
  const proxy = proxyFor(req.url, req.proxies);
  const headers: Record<string, string> = {};
  for (const [name, value] of req.headers.values()) headers[name] = value;
  if (req.body) headers['Content-Length'] = String(req.body.length);
  if (proxy?.authorization && !isHttps) headers['Proxy-Authorization'] = proxy.authorization;

  return new Promise<RawResponse>((resolve, reject) => {
    const tlsOptions = isHttps ? tlsFor(req) : {};
    const options: https.RequestOptions = {
      method: req.method,
      headers,
      // No agent: a fresh connection per request, so TLS options never leak between requests.
      ...(proxy && isHttps ? {} : { agent: false }),
      signal,
      ...tlsOptions,
      ...(proxy && !isHttps
        ? { host: proxy.url.hostname, port: proxy.url.port || 80, path: req.url.href, setHost: false }
        : {
            host: req.url.hostname.replace(/^\[|\]$/g, ''),
            port: req.url.port || (isHttps ? 443 : 80),
            path: `${req.url.pathname}${req.url.search}`,
          }),
      ...(proxy && isHttps && { createConnection: tunnelThrough(proxy, req, tlsOptions) }),
    };
    if (proxy && !isHttps) headers['Host'] = req.url.host;

    const client = (isHttps ? https : http).request(options, (res) => {
      const elapsedSeconds = Math.round(performance.now() - started) / 1000;
      readBody(res, maxBodyBytes).then(
        (body) =>
          resolve({
            url: req.url.href,
            status: res.statusCode ?? 0,
            reason: res.statusMessage ?? '',
            rawHeaders: res.rawHeaders,
            setCookies: res.headers['set-cookie'] ?? [],
            body,
            elapsedSeconds,
          }),
        reject,
      );
    });
    applyTimeouts(client, req);
    client.on('error', (e) => reject(describe(e, req)));
    client.end(req.body);
  });
}

function tlsFor(req: PreparedRequest): https.RequestOptions {
  if (req.verify === false) return { rejectUnauthorized: false };
  if (typeof req.verify === 'string') return { rejectUnauthorized: true, ca: readFileSync(req.verify) };
  return { rejectUnauthorized: true };
}

/** CONNECT tunnel through an HTTP proxy for an https URL (Node calls `done` once it is up). */
function tunnelThrough(
  proxy: ProxyTarget,
  req: PreparedRequest,
  tlsOptions: https.RequestOptions,
): NonNullable<http.RequestOptions['createConnection']> {
  return (_opts, done) => {
    const target = `${req.url.hostname}:${req.url.port || 443}`;
    const connect = http.request({
      host: proxy.url.hostname,
      port: proxy.url.port || 80,
      method: 'CONNECT',
      path: target,
      agent: false,
      headers: { Host: target, ...(proxy.authorization && { 'Proxy-Authorization': proxy.authorization }) },
    });
    connect.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        done(
          new ApplicationFailure(
            `Tunnel connection failed: ${res.statusCode} ${res.statusMessage ?? ''}`.trim(),
          ),
          socket,
        );
        return;
      }
      const secure = tls.connect({
        socket,
        servername: req.url.hostname,
        rejectUnauthorized: tlsOptions.rejectUnauthorized ?? true,
        ...(tlsOptions.ca !== undefined && { ca: tlsOptions.ca }),
      });
      done(null, secure);
    });
    connect.once('error', (e) => done(e, new PassThrough()));
    connect.end();
    return undefined;
  };
}

/** requests' timeouts: one for connecting, one for each wait on the server. */
function applyTimeouts(client: http.ClientRequest, req: PreparedRequest): void {
  if (req.connectTimeoutMs === undefined && req.readTimeoutMs === undefined) return;
  client.on('socket', (socket) => {
    socket.setTimeout((socket.connecting ? req.connectTimeoutMs : req.readTimeoutMs) ?? 0);
    socket.once('connect', () => socket.setTimeout(req.readTimeoutMs ?? 0));
    socket.on('timeout', () => {
      const detail = socket.connecting
        ? `Connection to ${req.url.hostname} timed out. (connect timeout=${req.timeoutText.connect ?? 'None'})`
        : `Read timed out. (read timeout=${req.timeoutText.read ?? 'None'})`;
      client.destroy(new ApplicationFailure(`${pool(req)}: ${detail}`));
    });
  });
}

const pool = (req: PreparedRequest): string =>
  `${req.url.protocol === 'https:' ? 'HTTPS' : 'HTTP'}ConnectionPool(host='${req.url.hostname}', port=${req.url.port || (req.url.protocol === 'https:' ? 443 : 80)})`;

/** Names the failure like requests does, keeping the Node error as cause. */
function describe(e: Error, req: PreparedRequest): Error {
  if (e instanceof ApplicationFailure || e.name === 'AbortError') return e;
  const code = (e as NodeJS.ErrnoException).code;
  const connecting =
    code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'EAI_AGAIN';
  const detail = connecting
    ? `Max retries exceeded with url: ${req.url.pathname}${req.url.search} (Caused by NewConnectionError('Failed to establish a new connection: ${e.message}'))`
    : e.message;
  return new ApplicationFailure(`${pool(req)}: ${detail}`, { cause: e });
}

function headerValue(rawHeaders: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === name) return rawHeaders[i + 1];
  }
  return undefined;
}
