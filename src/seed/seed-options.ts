import { z } from 'zod';
import { parseIsoDate } from './calendar.ts';
import { SeedOptionsError } from './seed-error.ts';
import { SEED_DEFAULTS } from './seed-defaults.ts';

export interface SeedOptions {
  users?: number;
  days?: number;
  seed?: number;
  /** Last day of the window, YYYY-MM-DD. */
  endDate?: string;
}

export type ResolvedSeedOptions = Required<SeedOptions>;

export { SEED_DEFAULTS };

export const SEED_LIMITS = { maxUsers: 1_000_000, maxDays: 730, maxSeed: 4_294_967_295 } as const;

const FLAGS: Record<keyof SeedOptions, string> = { users: '--users', days: '--days', seed: '--seed', endDate: '--end-date' };

const seedOptionsSchema = z.object({
  users: z.number().int().min(1).max(SEED_LIMITS.maxUsers),
  days: z.number().int().min(1).max(SEED_LIMITS.maxDays),
  seed: z.number().int().min(0).max(SEED_LIMITS.maxSeed),
  endDate: z.string().refine((text) => parseIsoDate(text) !== undefined),
});

const HINTS: Record<keyof SeedOptions, string> = {
  users: `a whole number from 1 to ${SEED_LIMITS.maxUsers}, e.g. --users ${SEED_DEFAULTS.users}`,
  days: `a whole number of days from 1 to ${SEED_LIMITS.maxDays}, e.g. --days ${SEED_DEFAULTS.days}`,
  seed: `a whole number from 0 to ${SEED_LIMITS.maxSeed}, e.g. --seed ${SEED_DEFAULTS.seed}`,
  endDate: `a real calendar date written YYYY-MM-DD, e.g. --end-date ${SEED_DEFAULTS.endDate}`,
};

/** Fills defaults and validates; the error names the offending option and shows a valid example. */
export function resolveSeedOptions(options: SeedOptions = {}): ResolvedSeedOptions {
  const merged = { ...SEED_DEFAULTS, ...definedOnly(options) };
  const result = seedOptionsSchema.safeParse(merged);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = (issue?.path[0] ?? 'users') as keyof SeedOptions;
  const value = merged[key];
  throw new SeedOptionsError(`${FLAGS[key]} must be ${HINTS[key]} (got ${JSON.stringify(value)}).`, {
    parameter: FLAGS[key],
    value,
    cause: result.error,
  });
}

/** Parses command-line text ("20000", "2025-11-30") into options; numbers must be plain decimal integers. */
export function parseSeedArguments(raw: { users?: string; days?: string; seed?: string; endDate?: string }): ResolvedSeedOptions {
  const number = (key: 'users' | 'days' | 'seed'): number | undefined => {
    const text = raw[key];
    if (text === undefined) return undefined;
    const trimmed = text.replaceAll('_', '').trim();
    if (!/^\d+$/.test(trimmed)) {
      throw new SeedOptionsError(`${FLAGS[key]} must be ${HINTS[key]} (got ${JSON.stringify(text)}).`, {
        parameter: FLAGS[key],
        value: text,
      });
    }
    return Number(trimmed);
  };
  return resolveSeedOptions({ users: number('users'), days: number('days'), seed: number('seed'), endDate: raw.endDate });
}

function definedOnly(options: SeedOptions): SeedOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as SeedOptions;
}
