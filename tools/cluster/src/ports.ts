// Free TCP ports on 127.0.0.1 and waiting for a port to answer.
import { createServer, connect } from 'node:net';

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

export const portOpen = (port: number, host = '127.0.0.1'): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it holds; `describe` explains a timeout (e.g. the tail of a log). */
export const waitUntil = async (
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  describe: () => string = () => '',
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`${what} not ready within ${timeoutMs} ms${describe() ? `:\n${describe()}` : ''}`);
    await sleep(50);
  }
};
