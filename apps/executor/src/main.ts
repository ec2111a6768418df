// `node apps/executor/dist/main.js`: one executor instance for SIROCCO_EXECUTOR_QUEUE.
import { createLogger, runApp } from '@sirocco/runtime';
import { startExecutorApp } from './executor-app.js';
import { loadExecutorConfig } from './executor-config.js';

runApp({
  name: 'sirocco-executor',
  async start() {
    const config = loadExecutorConfig();
    const log = createLogger(config.logLevel, {
      app: 'executor',
      instance: config.instanceId,
      queue: config.queue,
    });
    const app = await startExecutorApp(config, log);
    return { app, log, stopDeadlineMs: config.shutdownGraceMs + 5_000 };
  },
});
