// Cron math, through croner. Why croner: it computes next runs in an IANA
// time zone with correct DST handling (a 02:30 job on a spring-forward day
// runs at 03:00 instead of being skipped, and runs once on the repeated hour
// in autumn), it has no dependencies, and toolchain.md measured it on this
// Node. Patterns are the classic 5 fields; day-of-month and day-of-week are
// OR-ed when both are restricted, as in Vixie cron and croniter (Mistral).
import { Cron } from 'croner';

export interface CronSchedule {
  /** The first run strictly after `afterMs` (epoch ms), or undefined when there is none. */
  nextAfter(afterMs: number): number | undefined;
}

export class InvalidCronPattern extends Error {
  override name = 'InvalidCronPattern';
}

export class InvalidTimeZone extends Error {
  override name = 'InvalidTimeZone';
}

export function isValidTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** Parses a 5-field pattern; throws InvalidCronPattern or InvalidTimeZone. Defaults to UTC, as Mistral. */
export function cronSchedule(pattern: string, timezone = 'UTC'): CronSchedule {
  if (!isValidTimeZone(timezone)) throw new InvalidTimeZone(`Unknown time zone: ${timezone}`);
  if (pattern.trim().split(/\s+/).length !== 5)
    throw new InvalidCronPattern(`not a 5-field pattern: ${pattern}`);
  let cron: Cron;
  try {
    cron = new Cron(pattern, { mode: '5-part', timezone, paused: true });
  } catch (error) {
    throw new InvalidCronPattern((error as Error).message);
  }
  return {
    nextAfter: (afterMs) => cron.nextRun(new Date(afterMs))?.getTime(),
  };
}
