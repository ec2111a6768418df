// `node apps/projector/dist/main.js [rebuild]`: the projector (one active
// instance, the others standing by) or a one-off rebuild of the read models.
import { createLogger, loadRuntimeConfig, runApp } from '@sirocco/runtime';
import { rebuildReadModels, startProjectorApp, type ProjectorConfig } from './projector-app.js';

const command = process.argv[2] ?? 'run';

const loadConfig = (): ProjectorConfig => {
  const base = loadRuntimeConfig('projector', { defaultPort: 0, eventStore: true, readModels: true });
  return { ...base, eventStore: base.eventStore!, readModelsUrl: base.readModelsUrl! };
};

if (command === 'rebuild') {
  let config: ProjectorConfig;
  try {
    config = loadConfig();
  } catch (e) {
    process.stderr.write(
      `sirocco-projector: configuration error: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    process.exit(2);
  }
  const log = createLogger(config.logLevel, { app: 'projector', command });
  rebuildReadModels(config, log).then(
    () => process.exit(0),
    (e: unknown) => {
      log.error('rebuild failed', { error: e instanceof Error ? e.message : String(e) });
      process.exit(1);
    },
  );
} else if (command === 'run') {
  runApp({
    name: 'sirocco-projector',
    async start() {
      const config = loadConfig();
      const log = createLogger(config.logLevel, { app: 'projector', instance: config.instanceId });
      return {
        app: await startProjectorApp(config, log),
        log,
        stopDeadlineMs: config.shutdownGraceMs + 5_000,
      };
    },
  });
} else {
  process.stderr.write(`sirocco-projector: unknown command '${command}' (use: run | rebuild)\n`);
  process.exit(2);
}
