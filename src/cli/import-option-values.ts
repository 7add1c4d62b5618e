import { z } from 'zod';
import { parseCurrency, parseTimeZone } from '../sql/shop-settings.ts';

/** DuckDB's size syntax: a number and a unit, e.g. 512MB, 12GB, 1.5GiB. */
const MemoryLimitSchema = z
  .string()
  .trim()
  .max(20)
  .regex(/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'a size such as 512MB or 12GB');
const BatchesSchema = z.coerce.number().int('a whole number').min(1, 'at least 1').max(1000, 'at most 1000');

export interface RawImportOptionValues {
  memoryLimit?: string;
  batches?: string;
  currency?: string;
  timezone?: string;
}

export interface ImportOptionValues {
  memoryLimit?: string;
  batches?: number;
  currency?: string | null;
  timeZone?: string;
}

/**
 * The import options checked with zod at the edge, in the action before any file is touched (not in commander's
 * parsers: those run synchronously, so they would make `shoplens --help` load zod). A bad --memory-limit or --batches
 * goes to `refuse` with a message naming the option; a bad --currency or --timezone throws ShopSettingsError.
 */
export function checkImportOptionValues(raw: RawImportOptionValues, refuse: (flags: string, value: string, message: string) => never): ImportOptionValues {
  const check = <Value>(flags: string, value: string, schema: z.ZodType<Value>): Value => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const option = flags.split(' ')[0] as string;
    return refuse(flags, value, `${option} must be ${parsed.error.issues.map((issue) => issue.message).join('; ')}.`);
  };
  return {
    ...(raw.memoryLimit !== undefined ? { memoryLimit: check('--memory-limit <size>', raw.memoryLimit, MemoryLimitSchema) } : {}),
    ...(raw.batches !== undefined ? { batches: check('--batches <n>', raw.batches, BatchesSchema) } : {}),
    ...(raw.currency !== undefined ? { currency: parseCurrency(raw.currency) } : {}),
    ...(raw.timezone !== undefined ? { timeZone: parseTimeZone(raw.timezone) } : {}),
  };
}
