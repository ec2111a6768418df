// The gRPC-style API as a Node request handler: Connect, gRPC and gRPC-Web
// requests to /sirocco.v1.*; anything else goes to `fallback` (the REST
// API), so both share one port.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Http2Server } from 'node:http2';
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

/**
 * A cleartext HTTP/2 (h2c) server for the same services, so native gRPC
 * clients (grpc-go, grpcio, @grpc/grpc-js) can call them; Connect and
 * gRPC-Web work there too. Plain gRPC needs HTTP/2, which the REST port
 * (HTTP/1.1) does not speak.
 */
export function createGrpcHttp2Server(deps: GrpcApiDependencies): Http2Server {
  return createServer(connectNodeAdapter({ routes: grpcRoutes(deps) }));
}
