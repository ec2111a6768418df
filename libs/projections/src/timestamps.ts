// Mistral shows times as `2026-11-23 06:51:02`: UTC, 1-second resolution.
// The text form sorts like the time it names, so range filters can compare
// strings in any SQL dialect.

/** ISO 8601 (as events carry it) → Mistral's display form. */
export function toMistralTimestamp(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Not an ISO timestamp: ${iso}`);
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A timestamp given in a filter (`created_at=gt:2026-11-23 06:51:02`, or an
 * ISO form with `T`, fraction and zone) → Mistral's display form, so the
 * comparison is text against text. Returns undefined when it is no date.
 */
export function normaliseFilterTimestamp(value: string): string | undefined {
  const trimmed = value.trim();
  const isoLike = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(trimmed);
  if (!isoLike) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(trimmed) && trimmed.length > 10;
  const ms = Date.parse(trimmed.replace(' ', 'T') + (hasZone || trimmed.length === 10 ? '' : 'Z'));
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
