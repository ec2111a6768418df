// Reading query parameters the way Mistral's WSME layer does.
import type { Request } from 'express';
import { badRequest } from './http-error.js';

/** A single text value (the first when repeated); undefined when absent. */
export function queryText(req: Request, name: string): string | undefined {
  const raw: unknown = (req.query as Record<string, unknown>)[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return typeof first === 'string' ? first : undefined;
}

export function queryInt(req: Request, name: string): number | undefined {
  const text = queryText(req, name);
  if (text === undefined || text === '') return undefined;
  if (!/^[+-]?\d+$/.test(text.trim())) {
    throw badRequest(
      `Invalid input for field/attribute ${name}. Value: '${text}'. unable to convert to int. Error: invalid literal for int() with base 10: '${text}'`,
    );
  }
  return Number.parseInt(text, 10);
}

export function queryBool(req: Request, name: string): boolean | undefined {
  const text = queryText(req, name);
  if (text === undefined || text === '') return undefined;
  if (/^(true|1|yes|on|t|y)$/i.test(text)) return true;
  if (/^(false|0|no|off|f|n)$/i.test(text)) return false;
  throw badRequest(
    `Invalid input for field/attribute ${name}. Value: '${text}'. Wrong type. Expected a boolean`,
  );
}

/** `a,b,c` → ['a', 'b', 'c'] (empty items dropped). */
export function queryList(req: Request, name: string): string[] | undefined {
  const text = queryText(req, name);
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
