// `node apps/engine/dist/main.js`: one engine instance (distributed mode).
import { createLogger, runApp } from '@sirocco/runtime';
import { startEngineApp } from './engine-app.js';
import { loadEngineConfig } from './engine-config.js';

runApp({
  name: 'sirocco-engine',
  async start() {
    const config = loadEngineConfig();
    const log = createLogger(config.logLevel, { app: 'engine', instance: config.instanceId });
    const app = await startEngineApp(config, log);
    return { app, log, stopDeadlineMs: config.shutdownGraceMs + 5_000 };
  },
});
