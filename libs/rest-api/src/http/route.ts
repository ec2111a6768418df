// Registers a path's handlers and answers other methods with 405 and an
// Allow header (express would fall through to 404).
import type { RequestHandler, Router } from 'express';
import { HttpError } from './http-error.js';

export type Method = 'get' | 'post' | 'put' | 'delete';
export type MethodHandlers = Partial<Record<Method, RequestHandler | readonly RequestHandler[]>>;

export function route(router: Router, path: string, handlers: MethodHandlers): void {
  const r = router.route(path);
  const allowed: string[] = [];
  for (const method of ['get', 'post', 'put', 'delete'] as const) {
    const h = handlers[method];
    if (!h) continue;
    const list = Array.isArray(h) ? [...(h as readonly RequestHandler[])] : [h as RequestHandler];
    r[method](...list);
    allowed.push(method.toUpperCase());
  }
  if (allowed.includes('GET')) allowed.push('HEAD');
  r.all((req, _res, next) => {
    next(
      new HttpError(405, `The method ${req.method} is not allowed for this resource.`, {
        Allow: allowed.join(', '),
      }),
    );
  });
}
