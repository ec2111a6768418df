// JSON request bodies, read as text so that every failure is a clear 400
// (and never express's HTML error page).
import express, { type Request, type RequestHandler } from 'express';
import { badRequest } from './http-error.js';

export const jsonBodyAsText = (limitBytes: number): RequestHandler =>
  express.text({ type: () => true, limit: limitBytes });

/** The body as a JSON object; 400 "Request is not in valid JSON format" otherwise. */
export function jsonObjectBody(req: Request): Record<string, unknown> {
  const text = typeof req.body === 'string' ? req.body : '';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('Request is not in valid JSON format');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('Request is not in valid JSON format');
  }
  return value as Record<string, unknown>;
}

const pyType = (v: unknown): string =>
  v === null
    ? "<class 'NoneType'>"
    : Array.isArray(v)
      ? "<class 'list'>"
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? "<class 'int'>"
          : "<class 'float'>"
        : typeof v === 'boolean'
          ? "<class 'bool'>"
          : typeof v === 'object'
            ? "<class 'dict'>"
            : "<class 'str'>";

/** A text attribute, or undefined when absent or null; 400 in Mistral's words for other types. */
export function textAttribute(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') {
    throw badRequest(
      `Invalid input for field/attribute ${name}. Value: '${String(typeof v === 'object' ? JSON.stringify(v) : v)}'. Wrong type. Expected '<class 'str'>', got '${pyType(v)}'`,
    );
  }
  return v;
}

/**
 * A JSON-object attribute that may arrive as an object or as JSON text
 * (python-mistralclient sends `input` and `params` as strings).
 */
export function objectAttribute(
  body: Record<string, unknown>,
  name: string,
): Record<string, unknown> | undefined {
  let v = body[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch (e) {
      throw badRequest(
        `Invalid input for field/attribute ${name}. Value: '${String(body[name])}'. ${(e as Error).message}`,
      );
    }
    if (v === null) return undefined;
  }
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw badRequest(
      `Invalid input for field/attribute ${name}. Value: '${JSON.stringify(body[name])}'. A JSON object is expected`,
    );
  }
  return v as Record<string, unknown>;
}
