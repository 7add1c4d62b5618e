import type { QueryReader } from '../../connection-reader.ts';
import { behaviourReaderOf } from '../../engine/behaviour-reader.ts';
import { readShopSettings, type ShopSettings } from '../../shop-settings.ts';
import { CORE_TABLES, DIMENSIONS } from './dimensions.ts';
import { sampleDimensions, type DimensionSample } from './dimension-samples.ts';
import { METRICS } from './metrics.ts';
import { readStoredProfile, type DataDateRange } from './profile-store.ts';
import { profileWithDates, type Unavailability } from './warehouse-profile.ts';

export interface CatalogueEntryListing {
  id: string;
  name_en: string;
  name_zh: string;
}

export interface UnavailableListing extends CatalogueEntryListing {
  reason_en: string;
  reason_zh: string;
}

/** What `shoplens describe` prints: what this warehouse can answer and what it cannot, and why. */
export interface WarehouseDescription {
  /** Null when the warehouse was written before shop settings were recorded. */
  shop: ShopSettings | null;
  /** Rows of the tables the catalogue reads (bookkeeping tables such as meta and import_runs left out). */
  tableRows: Record<string, number>;
  dateRange: DataDateRange;
  metrics: { available: CatalogueEntryListing[]; unavailable: UnavailableListing[] };
  dimensions: { available: CatalogueEntryListing[]; unavailable: UnavailableListing[] };
  /** Distinct counts and most frequent values of the available dimensions read from one stored column. */
  dimensionSamples: Record<string, DimensionSample>;
  /** 'stored' when the profile written by the last seed or import still matches the data. */
  profileSource: 'stored' | 'computed';
}

function split<T extends CatalogueEntryListing>(entries: readonly T[], unavailable: Record<string, Unavailability>): WarehouseDescription['metrics'] {
  return {
    available: entries.filter((entry) => !unavailable[entry.id]).map(({ id, name_en, name_zh }) => ({ id, name_en, name_zh })),
    unavailable: entries
      .filter((entry) => unavailable[entry.id])
      .map(({ id, name_en, name_zh }) => ({ id, name_en, name_zh, reason_en: unavailable[id]?.en ?? '', reason_zh: unavailable[id]?.zh ?? '' })),
  };
}

export async function describeWarehouse(reader: QueryReader): Promise<WarehouseDescription> {
  // On a ClickHouse warehouse the stored profile is checked against, and the samples read from, ClickHouse's rows.
  const data = behaviourReaderOf(reader);
  const stored = await readStoredProfile(reader, data);
  const current = stored ?? (await profileWithDates(reader));
  const { profile } = current;
  return {
    shop: (await readShopSettings(reader)) ?? null,
    tableRows: Object.fromEntries(Object.entries(profile.tableRows).filter(([table]) => [...CORE_TABLES, 'user_segments'].includes(table))),
    dateRange: current.dateRange,
    metrics: split(METRICS, profile.unavailableMetrics),
    dimensions: split(DIMENSIONS, profile.unavailableDimensions),
    dimensionSamples: await sampleDimensions(data, profile.unavailableDimensions),
    profileSource: stored ? 'stored' : 'computed',
  };
}
