// Compares an event the decider emitted in a what-if run with the recorded
// one: times and generated ids are ignored (ids are matched through IdMap),
// everything else must be equal.
import type { ExecutionEvent } from '@sirocco/workflow';
import type { Mismatch } from '../diff.js';
import type { IdMap } from './id-map.js';

/** Fields that are the clock of the decision, not the decision. */
const TIME_KEYS = new Set(['at']);
/** ExecutionStarted fields that are the what-if input itself. */
const INPUT_KEYS = new Set(['spec', 'definitionRevision']);
const isIdKey = (key: string): boolean => key.endsWith('Id') || key === 'triggeredBy';

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function compareIds(path: string, decided: unknown, recorded: unknown, ids: IdMap, out: Mismatch[]): void {
  if (typeof decided === 'string' && typeof recorded === 'string') {
    if (!ids.bind(decided, recorded)) out.push({ path, expected: recorded, actual: ids.translate(decided) });
    return;
  }
  if (Array.isArray(decided) && Array.isArray(recorded) && decided.length === recorded.length) {
    decided.forEach((d, i) => compareIds(`${path}[${i}]`, d, recorded[i], ids, out));
    return;
  }
  if (decided !== recorded) out.push({ path, expected: recorded, actual: decided });
}

function compareValues(path: string, decided: unknown, recorded: unknown, ids: IdMap, out: Mismatch[]): void {
  if (typeof decided === 'string' && typeof recorded === 'string') {
    const translated = ids.translate(decided);
    if (translated !== recorded) out.push({ path, expected: recorded, actual: translated });
    return;
  }
  if (Array.isArray(decided) && Array.isArray(recorded)) {
    if (decided.length !== recorded.length) {
      out.push({ path: `${path}.length`, expected: recorded.length, actual: decided.length });
      return;
    }
    decided.forEach((d, i) => compareValues(`${path}[${i}]`, d, recorded[i], ids, out));
    return;
  }
  if (isObject(decided) && isObject(recorded)) {
    const keys = new Set([...Object.keys(recorded), ...Object.keys(decided)]);
    for (const k of keys) {
      if (decided[k] === undefined && recorded[k] === undefined) continue;
      if (isIdKey(k)) compareIds(`${path}.${k}`, decided[k], recorded[k], ids, out);
      else compareValues(`${path}.${k}`, decided[k], recorded[k], ids, out);
    }
    return;
  }
  if (!Object.is(decided, recorded)) out.push({ path, expected: recorded, actual: decided });
}

/** The differences, recorded value as `expected`; empty when the decision is the same. */
export function compareEvents(decided: ExecutionEvent, recorded: ExecutionEvent, ids: IdMap): Mismatch[] {
  if (decided.type !== recorded.type)
    return [{ path: 'type', expected: recorded.type, actual: decided.type }];
  const out: Mismatch[] = [];
  const d = decided.data as unknown as Record<string, unknown>;
  const r = recorded.data as unknown as Record<string, unknown>;
  const skip = (k: string) => TIME_KEYS.has(k) || (decided.type === 'ExecutionStarted' && INPUT_KEYS.has(k));
  const keys = new Set([...Object.keys(r), ...Object.keys(d)]);
  for (const k of keys) {
    if (skip(k) || (d[k] === undefined && r[k] === undefined)) continue;
    if (isIdKey(k)) compareIds(`data.${k}`, d[k], r[k], ids, out);
    else compareValues(`data.${k}`, d[k], r[k], ids, out);
  }
  return out;
}
