import type { SeedOptions } from './seed-options.ts';

/** The demo's default size, apart from the validation (and zod) so the CLI's help can show it without loading either. */
export const SEED_DEFAULTS: Required<SeedOptions> = { users: 20_000, days: 90, seed: 42, endDate: '2025-11-30' };
