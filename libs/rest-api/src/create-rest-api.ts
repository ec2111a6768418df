// The Mistral v2 compatible REST API as an express application. It reads
// from the read models and writes through the catalog and the engine; it
// never appends events itself.
import express, { type Application } from 'express';
import { DEFAULT_BODY_LIMIT_BYTES, type RestApiDependencies } from './dependencies.js';
import { errorMiddleware } from './http/error-middleware.js';
import { HttpError } from './http/http-error.js';
import { actionExecutionsRouter } from './routes/action-executions.js';
import { actionRunsRouter } from './routes/action-runs.js';
import { actionsRouter } from './routes/actions.js';
import { environmentsRouter } from './routes/environments.js';
import { cronTriggersRouter } from './routes/cron-triggers.js';
import { eventTriggersRouter } from './routes/event-triggers.js';
import { executionAuditRouter } from './routes/execution-audit.js';
import { executionsRouter } from './routes/executions.js';
import { healthRouter } from './routes/health.js';
import { rootRouter } from './routes/root.js';
import { tasksRouter } from './routes/tasks.js';
import { workbooksRouter } from './routes/workbooks.js';
import { workflowsRouter } from './routes/workflows.js';
import { actionResultRouter, executionControlRouter, taskRerunRouter } from './routes/execution-control.js';

const consoleLogger = { error: (message: string, error: unknown) => console.error(message, error) };

export function createRestApi(dependencies: RestApiDependencies): Application {
  const deps: RestApiDependencies = {
    ...dependencies,
    bodyLimitBytes: dependencies.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
  };
  const readTimeoutMs = deps.readYourWritesTimeoutMs ?? 10_000;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(healthRouter(deps.isReady ?? (() => true)));
  app.use(rootRouter());
  app.use('/v2/workflows', workflowsRouter(deps, readTimeoutMs));
  app.use('/v2/executions', executionControlRouter(deps, readTimeoutMs));
  app.use('/v2/executions', executionAuditRouter(deps));
  app.use('/v2/executions', executionsRouter(deps, readTimeoutMs));
  app.use('/v2/tasks', taskRerunRouter(deps, readTimeoutMs));
  app.use('/v2/tasks', tasksRouter(deps));
  app.use('/v2/action_executions', actionResultRouter(deps, readTimeoutMs));
  app.use('/v2/action_executions', actionRunsRouter(deps));
  app.use('/v2/action_executions', actionExecutionsRouter(deps));
  app.use('/v2/actions', actionsRouter(deps, readTimeoutMs));
  if (deps.workbooks) app.use('/v2/workbooks', workbooksRouter(deps, deps.workbooks, readTimeoutMs));
  if (deps.environments)
    app.use('/v2/environments', environmentsRouter(deps, deps.environments, readTimeoutMs));
  app.use('/v2/cron_triggers', cronTriggersRouter(deps));
  app.use('/v2/event_triggers', eventTriggersRouter(deps));

  app.use((req, _res, next) =>
    next(new HttpError(404, `The resource could not be found: ${req.method} ${req.path}`)),
  );
  app.use(errorMiddleware(deps.logger ?? consoleLogger));
  return app;
}
