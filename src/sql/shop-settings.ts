import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import type { QueryReader } from './connection-reader.ts';

/**
 * The shop a warehouse holds: its currency (ISO 4217, null when the data has no prices, as Taobao
 * UserBehavior), the IANA time zone its timestamps are written in, and the locale for number formatting.
 * Written by seed and import in their own transaction; every answer, table, chart and CSV formats money with it.
 */
export interface ShopSettings {
  currency: string | null;
  timeZone: string;
  locale: string;
}

const META_KEYS = { currency: 'shop_currency', timeZone: 'shop_time_zone', locale: 'shop_locale' } as const;
const NO_CURRENCY = 'none';

const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as GBP, CNY or BRL');

/** Checks a --currency value ("gbp", "GBP", or "none" for data without prices); returns the code or null. */
export function parseCurrency(value: string, parameter = '--currency'): string | null {
  if (value.trim().toLowerCase() === NO_CURRENCY) return null;
  const parsed = currencySchema.safeParse(value.trim().toUpperCase());
  if (!parsed.success) throw new ShopSettingsError(parameter, `"${value}" is not ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Checks a --timezone value against the IANA names the runtime knows (Europe/London, Asia/Shanghai …). */
export function parseTimeZone(value: string, parameter = '--timezone'): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value.trim() }).resolvedOptions().timeZone;
  } catch {
    throw new ShopSettingsError(parameter, `"${value}" is not an IANA time zone such as Europe/London or Asia/Shanghai`);
  }
}

export class ShopSettingsError extends Error {
  override readonly name = 'ShopSettingsError';
  constructor(
    readonly parameter: string,
    reason: string,
  ) {
    super(`${parameter}: ${reason}.`);
  }
}

/** The settings stored in `meta`, or undefined for a warehouse written before they were recorded. */
export async function readShopSettings(reader: QueryReader): Promise<ShopSettings | undefined> {
  const result = await reader.query('SELECT key, value FROM meta WHERE key IN ($1, $2, $3)', [META_KEYS.currency, META_KEYS.timeZone, META_KEYS.locale]);
  const values = new Map(result.rows.map((row) => [String(row.key), String(row.value)]));
  const timeZone = values.get(META_KEYS.timeZone);
  if (!values.has(META_KEYS.currency) || !timeZone) return undefined;
  const currency = values.get(META_KEYS.currency);
  return { currency: currency === NO_CURRENCY || !currency ? null : currency, timeZone, locale: values.get(META_KEYS.locale) ?? 'en-US' };
}

export async function writeShopSettings(connection: DuckDBConnection, settings: ShopSettings): Promise<void> {
  const entries: [string, string][] = [
    [META_KEYS.currency, settings.currency ?? NO_CURRENCY],
    [META_KEYS.timeZone, settings.timeZone],
    [META_KEYS.locale, settings.locale],
  ];
  for (const [key, value] of entries) {
    await connection.run('INSERT INTO meta VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }
}
