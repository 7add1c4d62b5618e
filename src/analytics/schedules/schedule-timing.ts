import type { Cadence } from './alert-rule.ts';

/**
 * The first run time strictly after `after`: daily at `hour`:00 UTC, or weekly on ISO `weekday` (1 = Monday …
 * 7 = Sunday) at `hour`:00 UTC. UTC keeps a schedule's rhythm independent of the server's time zone.
 */
export function nextRunAfter(after: Date, cadence: Cadence, hour: number, weekday: number | null): Date {
  const candidate = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate(), hour));
  if (candidate.getTime() <= after.getTime()) candidate.setUTCDate(candidate.getUTCDate() + 1);
  if (cadence === 'weekly') {
    const wanted = (weekday ?? 1) % 7; // JavaScript's Sunday is 0
    while (candidate.getUTCDay() !== wanted) candidate.setUTCDate(candidate.getUTCDate() + 1);
  }
  return candidate;
}
