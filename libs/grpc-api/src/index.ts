// @sirocco/grpc-api: sirocco.v1.WorkflowService and ExecutionService
// (proto/sirocco/v1/sirocco.proto) over Connect, beside the REST API.
export {
  createGrpcApiHandler,
  grpcRoutes,
  startGrpcHttp2Server,
  type GrpcHttp2Server,
} from './create-grpc-api.js';
export type { GrpcApiDependencies } from './dependencies.js';
export * from './gen/sirocco/v1/sirocco_pb.js';
