// `node apps/api/dist/main.js`: the REST API in distributed mode.
import { createLogger, integer, loadRuntimeConfig, runApp } from '@sirocco/runtime';
import { startApiApp, type ApiConfig } from './api-app.js';

runApp({
  name: 'sirocco-api',
  async start() {
    const base = loadRuntimeConfig('api', {
      defaultPort: 8989,
      nats: true,
      eventStore: true,
      readModels: true,
    });
    const config: ApiConfig = {
      ...base,
      natsUrl: base.natsUrl!,
      eventStore: base.eventStore!,
      readModelsUrl: base.readModelsUrl!,
      readYourWritesTimeoutMs: integer(
        process.env,
        'SIROCCO_READ_YOUR_WRITES_TIMEOUT_MS',
        10_000,
        0,
        600_000,
      ),
      cronMinLeadSeconds: integer(process.env, 'SIROCCO_CRON_MIN_LEAD_SECONDS', 60, 0, 86_400),
      ...(process.env['SIROCCO_GRPC_PORT']
        ? { grpcPort: integer(process.env, 'SIROCCO_GRPC_PORT', 0, 1, 65_535) }
        : {}),
    };
    const log = createLogger(config.logLevel, { app: 'api', instance: config.instanceId });
    const app = await startApiApp(config, log);
    return { app, log, stopDeadlineMs: config.shutdownGraceMs + 5_000 };
  },
});
