// GET /health: the process is up (liveness). GET /ready: it has caught up
// with the log and holds every pending timer and trigger (readiness). Both
// answer JSON with the scheduler's counters.
import { createServer, type Server } from 'node:http';

export interface HealthSource {
  ready(): boolean;
  stats(): Record<string, unknown>;
}

export async function startHealthServer(
  host: string,
  port: number,
  source: HealthSource,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || (path !== '/health' && path !== '/ready')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const ready = source.ready();
    const status = path === '/health' || ready ? 200 : 503;
    res
      .writeHead(status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: ready ? 'ready' : 'starting', ...source.stats() }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://${host}:${actualPort}` };
}
