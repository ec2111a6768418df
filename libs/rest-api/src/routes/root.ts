// GET / and GET /v2: Mistral's version documents.
import { Router } from 'express';
import { baseUrl } from '../http/list-request.js';
import { route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';

export function rootRouter(): Router {
  const router = Router();
  route(router, '/', {
    get: (req, res) =>
      sendJson(res, 200, {
        versions: [
          {
            id: 'v2.0',
            status: 'CURRENT',
            links: [{ href: `${baseUrl(req)}/v2`, target: 'v2', rel: 'self' }],
          },
        ],
      }),
  });
  route(router, '/v2', { get: (req, res) => sendJson(res, 200, { uri: `${baseUrl(req)}/v2` }) });
  return router;
}
