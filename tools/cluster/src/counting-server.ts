// The crash test's HTTP endpoint: counts calls per path and answers after a
// short delay (so kills land mid-action). `/…/flaky` fails its first call.
import { createServer, type Server } from 'node:http';

export interface CountingServer {
  readonly port: number;
  readonly calls: Map<string, number>;
  close(): Promise<void>;
}

export const startCountingServer = async (delayMs: number): Promise<CountingServer> => {
  const calls = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const key = req.url ?? '';
    const n = (calls.get(key) ?? 0) + 1;
    calls.set(key, n);
    setTimeout(() => {
      const status = key.endsWith('/flaky') && n === 1 ? 500 : 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ n }));
    }, delayMs);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return {
    port: address.port,
    calls,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
};
