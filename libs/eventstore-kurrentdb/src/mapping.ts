// Between Sirocco's event shapes and KurrentDB's. Pure, so it is unit-tested
// without a server.
//
// Positions: the port wants one increasing number. KurrentDB orders $all by
// (commit, prepare); events of one append share the commit position and have
// increasing prepare positions, and appends do not interleave in the log, so
// the prepare position alone increases along $all. A checkpoint p is resumed
// from {commit: p, prepare: p}: every later event is after it in $all order.
//
// Data: KurrentDB stores JSON objects, arrays or strings as JSON events; any
// other JSON value (a number, true, null) is wrapped and flagged in metadata.
import type { EventMetadata, NewEvent, RecordedEvent } from '@sirocco/eventstore';

export const WRAPPED = 'sirocco-wrapped';

export interface KurrentPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export const toNumber = (p: KurrentPosition | undefined): number => {
  if (!p)
    throw new Error('KurrentDB returned no position: Sirocco needs server >= 22.6 (positions on events)');
  return Number(p.prepare);
};

export const fromNumber = (n: number): KurrentPosition => ({ commit: BigInt(n), prepare: BigInt(n) });

export const toJsonEvent = (
  e: NewEvent,
): { id: string; type: string; data: Record<string, unknown> | unknown[] | string; metadata: Record<string, unknown> } => {
  if (e.data === undefined) throw new TypeError(`Event '${e.type}' has undefined data`);
  const plain = typeof e.data === 'string' || (typeof e.data === 'object' && e.data !== null);
  // A JSON round trip keeps what the other adapters keep (and rejects what they reject).
  const data = JSON.parse(JSON.stringify(plain ? e.data : { value: e.data })) as Record<string, unknown> | unknown[] | string;
  return {
    id: e.eventId,
    type: e.type,
    data,
    metadata: { ...e.metadata, ...(plain ? {} : { [WRAPPED]: true }) },
  };
};

export interface KurrentRecorded {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly created: Date;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: KurrentPosition;
}

export const toRecorded = (e: KurrentRecorded): RecordedEvent => {
  const meta = { ...((e.metadata ?? {}) as Record<string, unknown>) };
  const wrapped = meta[WRAPPED] === true;
  delete meta[WRAPPED];
  return {
    eventId: e.id,
    streamId: e.streamId,
    revision: Number(e.revision),
    position: toNumber(e.position),
    type: e.type,
    data: wrapped ? (e.data as { value: unknown }).value : e.data,
    metadata: meta as EventMetadata,
    recordedAt: e.created.toISOString(),
  };
};
