// What a trigger does about slots it missed while no scheduler was running
// (downtime, or every instance stopped):
// - 'once' (default, as Mistral): run once for the missed window (the first
//   missed slot), then continue with the next slot after now;
// - 'skip': run nothing for the missed window and continue after now.
// Never a burst: whatever the downtime, at most one run per trigger.
// A slot counts as missed when it is more than the grace period late.
export type CatchUpPolicy = 'once' | 'skip';

export const CATCH_UP_POLICIES: readonly CatchUpPolicy[] = ['once', 'skip'];

export function parseCatchUpPolicy(raw: string | undefined, source = 'SIROCCO_CRON_CATCHUP'): CatchUpPolicy {
  if (raw === undefined || raw === '') return 'once';
  if ((CATCH_UP_POLICIES as readonly string[]).includes(raw)) return raw as CatchUpPolicy;
  throw new Error(`${source} must be one of ${CATCH_UP_POLICIES.join(', ')}, got '${raw}'`);
}
