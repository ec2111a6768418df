// The nats-server features this adapter relies on, with the version that
// introduced each, so a too-old server is refused at connect time instead of
// misbehaving later. "nats.js" marks versions the client itself gates
// (nats-core semver.ts `Feature`); the others are from server release notes
// and are exercised by the contract suite against 2.9.10.
//
// | feature                                                  | server |
// | -------------------------------------------------------- | ------ |
// | JetStream streams, durable pull consumers, headers       | 2.2    |
// | `Nats-Msg-Id` dedupe, `+WPI` (working)                   | 2.2    |
// | `nak` with a delay                                       | 2.7.1  |
// | consumer create API (nats.js JS_NEW_CONSUMER_CREATE_API) | 2.9.0  |
// | `js.consumers.get` + `fetch` (nats.js JS_SIMPLIFICATION) | 2.9.4  |
// | `term` with a reason (sent only when supported)          | 2.10.4 |
//
// Not used, on purpose:
// - the consumer `backoff` option (2.7.1, needs max_deliver > len(backoff)):
//   the server applies it to ack timeouts too, replacing `ack_wait`, so a long
//   action would be redelivered after backoff[0]. Backoff is applied by the
//   client instead, as `nak(delay)` after a failed attempt (same as in-process).
// - `max_deliver` on the server (it would drop a message silently after the
//   last timeout); the client counts deliveries and calls `onExhausted`.
// - multi-filter consumers (2.10), per-message TTL (2.11), scheduled messages
//   (2.12/2.14): Debian ships 2.9.10.

export const MIN_SERVER_VERSION = '2.9.4';
export const TERM_REASON_VERSION = '2.10.4';

/** Compares dotted versions numerically; pre-release suffixes are ignored. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parse = (v: string) =>
    v
      .split('-')[0]!
      .split('.')
      .map((part) => Number.parseInt(part, 10) || 0);
  const a = parse(version);
  const b = parse(minimum);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}
