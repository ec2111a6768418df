// std.http against a real HTTP server on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFailure, CancelledFailure, InvalidInputFailure } from '../failures.js';
import type { HttpResult } from '../http/response.js';
import { testContext } from '../testing.js';
import { httpAction } from './http.js';
import { mistralHttpAction } from './mistral-http.js';

let server: http.Server;
let proxy: http.Server;
let base: string;
let proxyBase: string;

function echoRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: string,
  extra: object = {},
): void {
  const payload = JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body, ...extra });
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(payload);
}

function route(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/text') {
    res.writeHead(200, {
      'Content-Type': 'text/plain',
      'Set-Cookie': ['session=abc; Path=/', 'theme=dark'],
      'X-Custom': 'Yes',
    });
    res.end('hello');
  } else if (path === '/latin') {
    res
      .writeHead(200, { 'Content-Type': 'text/plain; charset=iso-8859-1' })
      .end(Buffer.from('café', 'latin1'));
  } else if (path === '/gzip') {
    res
      .writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
      .end(gzipSync('{"zipped":true}'));
  } else if (path === '/empty') {
    res.writeHead(204).end();
  } else if (path.startsWith('/status/')) {
    res.writeHead(Number(path.slice(8)), { 'Content-Type': 'application/json' }).end('{"error":"nope"}');
  } else if (path === '/redirect') {
    res.writeHead(302, { Location: '/json?from=redirect' }).end();
  } else if (path === '/see-other') {
    res.writeHead(303, { Location: '/json' }).end();
  } else if (path === '/loop') {
    res.writeHead(302, { Location: '/loop' }).end();
  } else if (path === '/slow') {
    setTimeout(() => res.writeHead(200).end('late'), 1000);
  } else {
    echoRequest(req, res, body);
  }
}

function listen(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void,
): Promise<http.Server> {
  const s = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}
const urlOf = (s: http.Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

beforeAll(async () => {
  server = await listen(route);
  // A forward proxy that answers itself, showing what it was asked.
  proxy = await listen((req, res, body) => echoRequest(req, res, body, { proxied: true }));
  // https goes through a CONNECT tunnel; this proxy refuses to open one.
  proxy.on('connect', (_req, socket: Socket) => {
    socket.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
  });
  base = urlOf(server);
  proxyBase = urlOf(proxy);
});

afterAll(async () => {
  server.closeAllConnections();
  proxy.closeAllConnections();
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => proxy.close(r))]);
});

const action = httpAction();
const ctx = testContext();
async function ok(input: Record<string, unknown>): Promise<HttpResult> {
  const outcome = await action.run(input, ctx);
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.error)}`);
  return outcome.result as HttpResult;
}
type Echo = { method: string; url: string; headers: Record<string, string>; body: string; proxied?: boolean };

describe('std.http', () => {
  it('parses JSON content and returns the Mistral result shape', async () => {
    const r = await ok({ url: `${base}/json` });
    expect(Object.keys(r).sort()).toEqual(
      ['content', 'cookies', 'elapsed', 'encoding', 'headers', 'history', 'reason', 'status', 'url'].sort(),
    );
    expect(r).toMatchObject({
      status: 200,
      reason: 'OK',
      encoding: 'utf-8',
      url: `${base}/json`,
      history: [],
      cookies: {},
    });
    expect((r.content as Echo).method).toBe('GET');
    expect(r.headers['Content-Type']).toBe('application/json');
    expect(typeof r.elapsed).toBe('number');
  });

  it('returns text content, header case as sent, cookies set, and requests-style encoding', async () => {
    const r = await ok({ url: `${base}/text` });
    expect(r.content).toBe('hello');
    expect(r.encoding).toBe('ISO-8859-1');
    expect(r.headers['X-Custom']).toBe('Yes');
    expect(r.headers['Set-Cookie']).toBe('session=abc; Path=/, theme=dark');
    expect(r.cookies).toEqual({ session: 'abc', theme: 'dark' });
  });

  it('decodes the declared charset and gzip bodies', async () => {
    expect((await ok({ url: `${base}/latin` })).content).toBe('café');
    expect((await ok({ url: `${base}/gzip` })).content).toEqual({ zipped: true });
  });

  it('gives empty text content for an empty body', async () => {
    const r = await ok({ url: `${base}/empty` });
    expect(r).toMatchObject({ status: 204, content: '', encoding: null });
  });

  it('adds params to the query string like requests', async () => {
    const r = await ok({ url: `${base}/json?x=1`, params: { q: [1, 2], skip: null, s: 'a b&c', t: true } });
    expect((r.content as Echo).url).toBe('/json?x=1&q=1&q=2&s=a+b%26c&t=True');
    expect(r.url).toBe(`${base}/json?x=1&q=1&q=2&s=a+b%26c&t=True`);
  });

  it('sends headers (numbers as text), cookies and basic auth', async () => {
    const r = await ok({
      url: `${base}/json`,
      headers: { 'X-Num': 5, 'User-Agent': 'mine' },
      cookies: { a: '1', b: 2 },
      auth: 'user:pass',
    });
    const h = (r.content as Echo).headers;
    expect(h['x-num']).toBe('5');
    expect(h['user-agent']).toBe('mine');
    expect(h['cookie']).toBe('a=1; b=2');
    expect(h['authorization']).toBe(`Basic ${Buffer.from('user:pass').toString('base64')}`);
    const tuple = await ok({ url: `${base}/json`, auth: ['u', 'p'] });
    expect((tuple.content as Echo).headers['authorization']).toBe(
      `Basic ${Buffer.from('u:p').toString('base64')}`,
    );
  });

  it('sends a string body as is and a dict body as JSON text without content type', async () => {
    const text = (await ok({ url: `${base}/json`, method: 'post', body: 'raw text' })).content as Echo;
    expect(text).toMatchObject({ method: 'POST', body: 'raw text' });
    expect(text.headers['content-type']).toBeUndefined();
    const dict = (await ok({ url: `${base}/json`, method: 'PUT', body: { a: 1, b: 'x' } })).content as Echo;
    expect(dict.body).toBe('{"a": 1, "b": "x"}');
    expect(dict.headers['content-type']).toBeUndefined();
  });

  it('sends json with an application/json content type', async () => {
    const r = (await ok({ url: `${base}/json`, method: 'POST', json: { k: [1, 2] } })).content as Echo;
    expect(r.body).toBe('{"k": [1, 2]}');
    expect(r.headers['content-type']).toBe('application/json');
  });

  it('refuses body and json together', async () => {
    await expect(action.run({ url: `${base}/json`, body: 'a', json: { b: 1 } }, ctx)).rejects.toBeInstanceOf(
      InvalidInputFailure,
    );
  });

  it('fails with the result dict as error data when the status is not 2xx', async () => {
    const outcome = await action.run({ url: `${base}/status/404` }, ctx);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatchObject({
      status: 404,
      reason: 'Not Found',
      content: { error: 'nope' },
    });
    const server = await action.run({ url: `${base}/status/500` }, ctx);
    expect(!server.ok && server.error).toMatchObject({ status: 500 });
  });

  it('does not follow redirects unless allow_redirects, and a 302 counts as success', async () => {
    const r = await ok({ url: `${base}/redirect` });
    expect(r.status).toBe(302);
    expect(r.headers['Location']).toBe('/json?from=redirect');
    const followed = await ok({ url: `${base}/redirect`, allow_redirects: true });
    expect(followed.status).toBe(200);
    expect(followed.url).toBe(`${base}/json?from=redirect`);
    expect(followed.history).toEqual([expect.objectContaining({ status: 302, url: `${base}/redirect` })]);
  });

  it('turns a POST into a GET on 303, like requests', async () => {
    const r = await ok({ url: `${base}/see-other`, method: 'POST', body: 'x', allow_redirects: true });
    expect(r.content).toMatchObject({ method: 'GET', body: '' });
  });

  it('stops after 30 redirects', async () => {
    await expect(action.run({ url: `${base}/loop`, allow_redirects: true }, ctx)).rejects.toThrow(
      'Failed to send HTTP request: Exceeded 30 redirects.',
    );
  });

  it('fails on a read timeout', async () => {
    const run = action.run({ url: `${base}/slow`, timeout: 0.2 }, ctx);
    await expect(run).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(run).rejects.toThrow(
      /^Failed to send HTTP request: HTTPConnectionPool\(host='127.0.0.1', port=\d+\): Read timed out\. \(read timeout=0\.2\)$/,
    );
  });

  it('fails when the connection is refused', async () => {
    const closed = await listen(() => {});
    const url = urlOf(closed);
    await new Promise((r) => closed.close(r));
    await expect(action.run({ url: `${url}/x` }, ctx)).rejects.toThrow(
      /^Failed to send HTTP request: HTTPConnectionPool\(host='127.0.0.1', port=\d+\): Max retries exceeded with url: \/x .*ECONNREFUSED/,
    );
  });

  it('fails on URLs requests rejects', async () => {
    await expect(action.run({ url: 'example.com' }, ctx)).rejects.toThrow(
      "Failed to send HTTP request: Invalid URL 'example.com': No scheme supplied.",
    );
    await expect(action.run({ url: 'ftp://example.com/x' }, ctx)).rejects.toThrow(
      "Failed to send HTTP request: No connection adapters were found for 'ftp://example.com/x'",
    );
  });

  it('goes through an HTTP proxy, with proxy credentials', async () => {
    const target = 'http://service.invalid:8080/path?q=1';
    const r = (await ok({ url: target, proxies: { http: proxyBase.replace('//', '//pu:pp@') } }))
      .content as Echo;
    expect(r).toMatchObject({ proxied: true, url: target });
    expect(r.headers['host']).toBe('service.invalid:8080');
    expect(r.headers['proxy-authorization']).toBe(`Basic ${Buffer.from('pu:pp').toString('base64')}`);
  });

  it('tunnels https through the proxy with CONNECT and reports a refused tunnel', async () => {
    await expect(
      action.run({ url: 'https://service.invalid/x', proxies: { https: proxyBase } }, ctx),
    ).rejects.toThrow(
      'Failed to send HTTP request: Tunnel connection failed: 407 Proxy Authentication Required',
    );
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const run = action.run({ url: `${base}/slow` }, testContext({ signal: controller.signal }));
    setTimeout(() => controller.abort(new CancelledFailure('stop')), 50);
    await expect(run).rejects.toBeInstanceOf(CancelledFailure);
  });
});

describe('std.mistral_http', () => {
  it('is async and sends Mistral-* headers with the callback URL', async () => {
    const a = mistralHttpAction();
    expect(a.async).toBe(true);
    const outcome = await a.run({ url: `${base}/json` }, ctx);
    const headers = ((outcome.ok && (outcome.result as HttpResult).content) as Echo).headers;
    expect(headers).toMatchObject({
      'mistral-workflow-name': 'wf',
      'mistral-workflow-execution-id': 'wf-ex-1',
      'mistral-task-id': 'task-ex-1',
      'mistral-action-execution-id': 'action-ex-1',
      'mistral-callback-url': '/v2/action_executions/action-ex-1',
    });
  });
});
