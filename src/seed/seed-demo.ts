import type { DuckDBConnection } from '@duckdb/node-api';
import type { Warehouse } from '../sql/warehouse.ts';
import { USER_GROUPS, type UserGroup } from './behaviour-factors.ts';
import { simulateDay } from './behaviour-simulation.ts';
import { formatEpochDay, seedWindow, type SeedWindow } from './calendar.ts';
import { OrderBuilder } from './order-builder.ts';
import { buildProductChooser } from './product-chooser.ts';
import { buildProducts, type ProductRecord } from './products.ts';
import { SeededRandom } from '../random/seeded-random.ts';
import { buildDayProfiles } from './rhythms.ts';
import { buildSearchQueries } from './search-queries.ts';
import { SeedError } from './seed-error.ts';
import { resolveSeedOptions, type ResolvedSeedOptions, type SeedOptions } from './seed-options.ts';
import { SessionSimulator } from './session-simulator.ts';
import {
  GENDERS,
  loadStatements,
  SEEDED_TABLES,
  STAGING_COLUMNS,
  type SeededTable,
  type StagingTableName,
} from './staging-schema.ts';
import { StagingTable } from './staging-table.ts';
import { buildUsers, type UserProfile } from './users.ts';
import { writeShopSettings, type ShopSettings } from '../sql/shop-settings.ts';
import { rebuildUserActivityDays, refreshStoredProfile } from '../sql/semantic/index.ts';
import { seedShopperMoney } from './shopper-money.ts';

export const DEMO_SHOP_SETTINGS: ShopSettings = { currency: 'CNY', timeZone: 'Asia/Shanghai', locale: 'zh-CN' };

export type { SeedOptions } from './seed-options.ts';

export interface SeedProgress {
  phase: 'catalogue' | 'users' | 'behaviour' | 'loading';
  done: number;
  total: number;
}

export interface SeedSummary {
  options: ResolvedSeedOptions;
  window: { startDate: string; endDate: string };
  rows: Record<SeededTable, number>;
  sessions: number;
  /** How many users the generator put in each latent behaviour group (not stored in the warehouse). */
  groups: Record<UserGroup, number>;
  seconds: number;
  eventsPerSecond: number;
}

/**
 * Generates the deterministic demo data set and REPLACES the behaviour tables (products, users, events,
 * orders, order_items, reviews) in one transaction: if anything fails, the previous data stays intact.
 * The same options always produce the same table contents.
 */
export async function seedDemo(
  warehouse: Warehouse,
  options: SeedOptions,
  onProgress?: (progress: SeedProgress) => void,
): Promise<SeedSummary> {
  const resolved = resolveSeedOptions(options);
  // 'sandboxed' is a server's warehouse: its own writes work (shoplens seed runs there while a server owns the file).
  if (warehouse.mode === 'read-only') {
    throw new SeedError(
      `Cannot seed ${warehouse.path}: it is open ${warehouse.mode}. Open it with mode 'read-write' (shoplens seed does).`,
      { path: warehouse.path },
    );
  }
  const started = performance.now();
  const window = seedWindow(resolved.endDate, resolved.days);
  const report = onProgress ?? (() => undefined);
  let generated: Awaited<ReturnType<typeof generateAndLoad>>;
  try {
    generated = await warehouse.transaction((connection) => generateAndLoad(connection, resolved, window, report));
  } catch (error) {
    throw new SeedError(
      `Seeding ${warehouse.path} failed and was rolled back, so it still holds its previous data: ` +
        `${error instanceof Error ? error.message : String(error)}. Fix the cause (disk space, memory, a ` +
        'process holding the file) and run "shoplens seed" again.',
      { path: warehouse.path, cause: error },
    );
  }
  const { rows, sessions, groups } = generated;
  const seconds = (performance.now() - started) / 1000;
  return {
    options: resolved,
    window: { startDate: formatEpochDay(window.startEpochDay), endDate: formatEpochDay(window.endEpochDay) },
    rows,
    sessions,
    groups,
    seconds,
    eventsPerSecond: rows.events / Math.max(seconds, 1e-9),
  };
}

async function generateAndLoad(
  connection: DuckDBConnection,
  options: ResolvedSeedOptions,
  window: SeedWindow,
  report: (progress: SeedProgress) => void,
): Promise<{ rows: Record<SeededTable, number>; sessions: number; groups: Record<UserGroup, number> }> {
  const stages = {} as Record<StagingTableName, StagingTable>;
  for (const [name, columns] of Object.entries(STAGING_COLUMNS) as [StagingTableName, typeof STAGING_COLUMNS[StagingTableName]][]) {
    stages[name] = await StagingTable.create(connection, name, columns);
  }

  report({ phase: 'catalogue', done: 0, total: 1 });
  const products = buildProducts(window.endEpochDay);
  stageProducts(stages.stage_products, products, window);
  const chooser = buildProductChooser(products);
  const queries = buildSearchQueries();
  report({ phase: 'catalogue', done: 1, total: 1 });

  report({ phase: 'users', done: 0, total: options.users });
  const users = buildUsers(options.users, window, options.seed, chooser, (done) =>
    report({ phase: 'users', done, total: options.users }),
  );
  stageUsers(stages.stage_users, users, window);
  report({ phase: 'users', done: options.users, total: options.users });

  const orders = new OrderBuilder(options.seed, window, products, {
    orders: stages.stage_orders,
    orderItems: stages.stage_order_items,
    reviews: stages.stage_reviews,
  });
  const simulator = new SessionSimulator(
    new SeededRandom(options.seed, 'sessions'), window, chooser, queries, stages.stage_events, orders,
  );
  const profiles = buildDayProfiles(window, options.seed);
  const dayRandom = new SeededRandom(options.seed, 'schedule');
  report({ phase: 'behaviour', done: 0, total: window.days });
  profiles.forEach((profile, dayIndex) => {
    simulateDay(dayRandom, window, dayIndex, profile, users, simulator);
    report({ phase: 'behaviour', done: dayIndex + 1, total: window.days });
  });
  for (const stage of Object.values(stages)) stage.finish();

  const statements = loadStatements(window.startEpochDay, queries.queries.map((query) => query.text));
  const stageOf: Record<SeededTable, StagingTableName> = {
    products: 'stage_products', users: 'stage_users', events: 'stage_events',
    orders: 'stage_orders', order_items: 'stage_order_items', reviews: 'stage_reviews',
  };
  const rows = {} as Record<SeededTable, number>;
  for (const [index, table] of SEEDED_TABLES.entries()) {
    report({ phase: 'loading', done: index, total: SEEDED_TABLES.length });
    await connection.run(`DELETE FROM ${table}`);
    await connection.run(statements[table]);
    rows[table] = stages[stageOf[table]].rowsWritten;
  }
  // Derived from the loaded orders, so it runs after them and changes none of their rows.
  await seedShopperMoney(connection);
  // Only deterministic parameters: a run timestamp here would make two identical seeds differ.
  const metaEntries: [string, string][] = [
    ['dataset', 'demo'], ['seed', String(options.seed)], ['users', String(options.users)],
    ['days', String(options.days)], ['end_date', options.endDate],
  ];
  for (const [key, value] of metaEntries) {
    await connection.run('INSERT INTO meta VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }
  // The demo is a Chinese shop: yuan, China time. Stored with the data, as is the profile of what it can answer.
  await writeShopSettings(connection, DEMO_SHOP_SETTINGS);
  for (const name of Object.keys(stages)) await connection.run(`DROP TABLE temp.main.${name}`);
  await refreshStoredProfile(connection);
  // Retention questions read this per-user-day cache; built here, the first such question does not pay for it.
  await rebuildUserActivityDays(connection);
  report({ phase: 'loading', done: SEEDED_TABLES.length, total: SEEDED_TABLES.length });

  const groups = Object.fromEntries(USER_GROUPS.map((group) => [group, 0])) as Record<UserGroup, number>;
  for (const user of users) groups[user.group]++;
  return { rows, sessions: simulator.sessionsWritten, groups };
}

function stageProducts(stage: StagingTable, products: readonly ProductRecord[], window: SeedWindow): void {
  for (const product of products) {
    stage.append([
      product.productId, product.sku, product.titleZh, product.titleEn, product.categoryIndex, product.brand,
      product.priceCents, product.launchEpochDay - window.startEpochDay, product.productGroup, product.optionEn, product.optionZh, product.stock,
    ]);
  }
}

function stageUsers(stage: StagingTable, users: readonly UserProfile[], window: SeedWindow): void {
  for (const user of users) {
    stage.append([
      user.userId, user.name, user.email, user.phone, user.signupEpochDay - window.startEpochDay,
      GENDERS.indexOf(user.gender), user.age, user.cityIndex, user.deviceIndex, user.channelIndex,
    ]);
  }
}
