// The gRPC-style API as a Node request handler: Connect, gRPC and gRPC-Web
// requests to /sirocco.v1.*; anything else goes to `fallback` (the REST
// API), so both share one port.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type ServerHttp2Session } from 'node:http2';
import type { ConnectRouter } from '@connectrpc/connect';
import { connectNodeAdapter, type ConnectNodeAdapterOptions } from '@connectrpc/connect-node';
import type { GrpcApiDependencies } from './dependencies.js';
import { executionService } from './execution-service.js';
import { ExecutionService, WorkflowService } from './gen/sirocco/v1/sirocco_pb.js';
import { workflowService } from './workflow-service.js';

export const grpcRoutes =
  (deps: GrpcApiDependencies) =>
  (router: ConnectRouter): void => {
    router.service(WorkflowService, workflowService(deps));
    router.service(ExecutionService, executionService(deps));
  };

export function createGrpcApiHandler(
  deps: GrpcApiDependencies,
  fallback: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  // Connect's handler also takes HTTP/2 requests; this server is HTTP/1.1, so both sides see Node's http types.
  return connectNodeAdapter({
    routes: grpcRoutes(deps),
    fallback: fallback as ConnectNodeAdapterOptions['fallback'],
  }) as (req: IncomingMessage, res: ServerResponse) => void;
}

export interface GrpcHttp2Server {
  /** Stops listening and closes client sessions (clients keep them open; stop does not wait for them). */
  close(): Promise<void>;
}

/**
 * Serves the same services on a cleartext HTTP/2 (h2c) port, so native gRPC
 * clients (grpc-go, grpcio, @grpc/grpc-js) can call them; Connect and
 * gRPC-Web work there too. Plain gRPC needs HTTP/2, which the REST port
 * (HTTP/1.1) does not speak.
 */
export async function startGrpcHttp2Server(
  deps: GrpcApiDependencies,
  host: string,
  port: number,
): Promise<GrpcHttp2Server> {
  const server = createServer(connectNodeAdapter({ routes: grpcRoutes(deps) }));
  const sessions = new Set<ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of sessions) session.close();
      await closed;
    },
  };
}
