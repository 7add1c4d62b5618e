import type { DuckDBConnection } from '@duckdb/node-api';
import { connectionReader } from '../sql/connection-reader.ts';
import { readShopSettings, writeShopSettings, type ShopSettings } from '../sql/shop-settings.ts';
import { ImportError } from './import-error.ts';
import type { ImportFormat } from './import-report.ts';

/**
 * The shop each dataset comes from: UCI Online Retail is a UK shop (amounts in pounds, London time),
 * Olist a Brazilian marketplace, Taobao UserBehavior has no prices and its timestamps are China time.
 * Mapping imports (csv, parquet) have no default: --currency / --timezone say it, else the stored one stays.
 */
export const FORMAT_SHOP_SETTINGS: Record<ImportFormat, ShopSettings | undefined> = {
  'online-retail': { currency: 'GBP', timeZone: 'Europe/London', locale: 'en-GB' },
  olist: { currency: 'BRL', timeZone: 'America/Sao_Paulo', locale: 'pt-BR' },
  'taobao-user-behavior': { currency: null, timeZone: 'Asia/Shanghai', locale: 'zh-CN' },
  csv: undefined,
  parquet: undefined,
};

export interface ShopSettingsOverride {
  /** ISO 4217 code, or null for "no prices"; undefined = the format's default. */
  currency?: string | null;
  timeZone?: string;
}

/**
 * Decides the warehouse's shop settings after this import and refuses to mix currencies: amounts in pounds
 * added to a warehouse of yuan would be summed as if they were the same money.
 */
export async function settleShopSettings(connection: DuckDBConnection, format: ImportFormat, override: ShopSettingsOverride, file: string): Promise<{ settings: ShopSettings; notes: string[] }> {
  const stored = await readShopSettings(connectionReader(connection));
  const defaults = FORMAT_SHOP_SETTINGS[format];
  const wanted = override.currency !== undefined ? override.currency : defaults?.currency;
  const notes: string[] = [];
  const hasAmounts = (await connectionReader(connection).query('SELECT EXISTS (SELECT 1 FROM order_items) AS filled')).rows[0]?.filled === true;
  if (stored?.currency && wanted && stored.currency !== wanted && hasAmounts) {
    throw new ImportError({
      file,
      reason: `the warehouse holds amounts in ${stored.currency} and this import's are in ${wanted}`,
      hint: 'Import into its own warehouse (--db PATH), or pass --currency if the amounts are in fact the same currency; nothing was imported.',
    });
  }
  // A price-less import (Taobao) keeps the currency of amounts already in the warehouse.
  const currency = wanted ?? stored?.currency ?? null;
  const timeZone = override.timeZone ?? defaults?.timeZone ?? stored?.timeZone ?? 'UTC';
  if (!defaults && override.currency === undefined && !stored) notes.push('No --currency given: amounts are shown without a currency symbol (pass --currency CODE to record it).');
  if (!defaults && override.timeZone === undefined && !stored) notes.push('No --timezone given: timestamps are taken as UTC (pass --timezone to record the shop\'s time zone).');
  const settings: ShopSettings = { currency, timeZone, locale: defaults?.locale ?? stored?.locale ?? 'en-US' };
  await writeShopSettings(connection, settings);
  notes.push(`Shop settings: currency ${currency ?? 'none'}, time zone ${timeZone}.`);
  return { settings, notes };
}
