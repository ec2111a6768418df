// Liveness and readiness for orchestrators; not part of Mistral's API.
import { Router } from 'express';
import { route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';

export function healthRouter(isReady: () => boolean): Router {
  const router = Router();
  route(router, '/health', { get: (_req, res) => sendJson(res, 200, { status: 'ok' }) });
  route(router, '/ready', {
    get: (_req, res) =>
      isReady() ? sendJson(res, 200, { status: 'ready' }) : sendJson(res, 503, { status: 'catching up' }),
  });
  return router;
}
