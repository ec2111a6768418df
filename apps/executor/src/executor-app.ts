// Composition root of the executor process: pulls action work for one queue
// from NATS and reports results to the engine. Results carry the delivery
// count of their work item (a header), so a re-run shows in the history.
import { ActionRegistry } from '@sirocco/actions';
import { Executor } from '@sirocco/executor';
import { connectBus, contextualBus, startHealthServer, type Logger, type RunningApp } from '@sirocco/runtime';
import type { ExecutorConfig } from './executor-config.js';

export const startExecutorApp = async (
  config: ExecutorConfig,
  log: Logger,
): Promise<RunningApp & { port: number }> => {
  const bus = contextualBus(await connectBus(config.natsUrl, config.instanceId), { stampWorkDelivery: true });
  const executor = new Executor({
    bus,
    registry: ActionRegistry.withStandardActions(),
    queue: config.queue,
    concurrency: config.concurrency,
    ackWaitMs: config.ackWaitMs,
    shutdownGraceMs: config.shutdownGraceMs,
    logger: log,
  });
  let ready = false;
  await executor.start();
  ready = true;
  const health = await startHealthServer(
    config.host,
    config.port,
    () => ready,
    () => ({
      role: 'executor',
      instance: config.instanceId,
      queue: config.queue,
      inFlight: executor.inFlight,
    }),
  );
  log.info('executor is running', {
    queue: config.queue,
    concurrency: config.concurrency,
    healthPort: health.port,
  });
  return {
    port: health.port,
    async stop() {
      ready = false;
      // Running actions get the grace period to finish and report; the rest is handed back.
      await executor.stop();
      await health.close();
      await bus.close();
    },
  };
};
