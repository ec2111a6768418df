// /health (the process is alive) and /ready (it does its job: connected and
// caught up) for the apps that serve no API; orchestrators probe these.
import { createServer, type Server } from 'node:http';

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

export const startHealthServer = async (
  host: string,
  port: number,
  isReady: () => boolean,
  details: () => Record<string, unknown> = () => ({}),
): Promise<HealthServer> => {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/health') return send(200, { status: 'ok', ...details() });
    if (path === '/ready')
      return isReady() ? send(200, { status: 'ready' }) : send(503, { status: 'not ready' });
    send(404, { error: 'not found' });
  });
  await listen(server, host, port);
  return {
    port: boundPort(server),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

export const listen = (server: Server, host: string, port: number): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

export const boundPort = (server: Server): number => {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
};
