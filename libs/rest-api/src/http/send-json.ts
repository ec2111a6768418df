import type { Response } from 'express';
import { pyJsonDumps } from './python-json.js';

/** JSON whatever the Accept header says (Mistral answers 406 to some; we never do). */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/json').send(pyJsonDumps(body));
}
