import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { AnalyticsAgent } from '../analytics/analytics-agent.ts';
import { ScheduleService } from '../analytics/schedules/schedule-service.ts';
import { ScheduleStore } from '../analytics/schedules/schedule-store.ts';
import { LangChainChatModel } from '../agent/llm/langchain-chat-model.ts';
import { llmConfigurationFromEnvironment } from '../agent/llm/llm-configuration.ts';
import { seedDemo } from '../seed/seed-demo.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { loadJwtSecret } from './auth/jwt-secret.ts';
import { createShopLensServer, type ShopLensServer } from './create-server.ts';
import type { AppExtension } from './http-routes.ts';
import { createLogger } from './request-logging.ts';
import { serverConfigurationFromEnvironment } from './server-configuration.ts';
import { ServerConfigurationError } from './server-errors.ts';
import { loadSupportBackend, SUPPORT_ON_CLICKHOUSE_REASON, type SupportBackend } from './support-backend.ts';
import type { WarehouseLocation } from '../sql/engine/warehouse-url.ts';
import { stateFilePath } from '../sql/engine/state-file-path.ts';
import { signToken } from './auth/tokens.ts';
import { removeServerLock, writeServerLock } from './server-lock-file.ts';
import { DEFAULT_QUERY_MEMORY_LIMIT } from '../sql/guard/index.ts';
import { ImportStaging } from './imports/import-staging.ts';
import { ServerImporter } from './imports/import-runner.ts';
import { OperatorJobs } from './jobs/operator-jobs.ts';
import type { SupportResponder } from './support-responder.ts';

export interface StartServerOptions {
  port: number;
  host: string;
  /** The DuckDB warehouse file; with `warehouse` (ClickHouse) the state file kept next to it (also the lock's key). */
  databasePath: string;
  /** A chdb:// or clickhouse:// warehouse (--warehouse): analytics read ClickHouse, app state stays in databasePath. */
  warehouse?: Exclude<WarehouseLocation, { kind: 'duckdb' }>;
  /**
   * With `warehouse`: databasePath is a complete DuckDB operational store (--operational-db: orders, users,
   * conversations, support actions), so the support agent runs on it while analytics read ClickHouse.
   */
  operationalStore?: boolean;
  environment?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Extra routes (e.g. the web front end), mounted before the 404 handler. */
  extendApp?: AppExtension;
}

export interface RunningServer {
  url: string;
  address: AddressInfo;
  server: ShopLensServer;
  supportDescription: string;
  /** Graceful shutdown, then closes DuckDB. */
  stop(): Promise<void>;
}

/** Seeds the default demo into an empty warehouse, the way `shoplens demo` does. */
async function seedIfEmpty(databasePath: string, logger: Logger): Promise<void> {
  const warehouse = await Warehouse.open({ path: databasePath, mode: 'read-write' });
  try {
    const existing = await warehouse.query('SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM orders) AS rows');
    if (existing.rows[0]?.rows === 0) {
      logger.info({ databasePath }, 'the warehouse is empty: seeding the demo data');
      let phase: string | undefined;
      const summary = await seedDemo(warehouse, {}, (progress) => {
        if (progress.phase === phase) return;
        phase = progress.phase;
        logger.info({ phase: progress.phase, total: progress.total }, `seeding: ${progress.phase}`);
      });
      logger.info({ seconds: Number(summary.seconds.toFixed(1)), events: summary.rows.events }, `seeded the demo data in ${summary.seconds.toFixed(1)} s`);
    }
  } finally {
    warehouse.close();
  }
}

/** An operational store must hold the orders support works on: an empty state file would answer "no orders" to everyone. */
async function assertOperationalStore(warehouse: Warehouse): Promise<void> {
  const orders = Number((await warehouse.query('SELECT count(*) AS orders FROM main.orders')).rows[0]?.orders ?? 0);
  if (orders === 0) {
    throw new ServerConfigurationError(
      `The operational store ${warehouse.path} has no orders, so support could not serve anyone. Point --operational-db at the DuckDB file that holds your orders (shoplens seed --db FILE or shoplens import --db FILE fill one).`,
      '--operational-db',
    );
  }
}

/**
 * `shoplens serve`: opens the warehouse sandboxed (seeding the demo first if it is empty), builds the analytics
 * agent and, when installed, the support agent, and listens.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const environment = options.environment ?? process.env;
  const logger = options.logger ?? createLogger();
  const configuration = serverConfigurationFromEnvironment(environment);
  const { secret, source } = loadJwtSecret(environment);
  // A ClickHouse warehouse is never seeded behind the user's back: it must have been loaded (seed/import --warehouse).
  if (options.databasePath !== ':memory:' && !options.warehouse) await seedIfEmpty(options.databasePath, logger);
  // Uploads for `shoplens import` while the server runs: the only folder outside itself the sandbox may read. Not on
  // ClickHouse: an import there replaces ClickHouse tables (import-into-clickhouse.ts), with the server stopped.
  const staging = options.databasePath === ':memory:' || options.warehouse ? undefined : ImportStaging.forWarehouse(options.databasePath);
  staging?.prepare();
  const warehouse = options.warehouse
    ? await (await import('../sql/engine/open-engine-warehouse.ts')).openWarehouseAt(options.warehouse, { mode: 'sandboxed', memoryLimit: DEFAULT_QUERY_MEMORY_LIMIT, create: false, stateFile: options.databasePath })
    : await Warehouse.open({ path: options.databasePath, mode: 'sandboxed', memoryLimit: DEFAULT_QUERY_MEMORY_LIMIT, readableDirectories: staging ? [staging.root] : [] });
  try {
    const llm = llmConfigurationFromEnvironment(environment);
    const chatModel = llm ? new LangChainChatModel(llm) : undefined;
    // Both agents read a few things once (data window, value index, categories, currency); an import through the
    // server replaces them with fresh ones, and turns already running finish on the old ones.
    let analyticsAgent = await AnalyticsAgent.create({ warehouse, chatModel });
    // The support agent reads and changes orders in DuckDB: the warehouse file, or beside ClickHouse the operational
    // store; on ClickHouse without one it is off, and /support says why.
    if (options.warehouse && options.operationalStore) await assertOperationalStore(warehouse);
    const support: SupportBackend = options.warehouse && !options.operationalStore
      ? { description: `none: ${SUPPORT_ON_CLICKHOUSE_REASON}`, unavailableReason: SUPPORT_ON_CLICKHOUSE_REASON }
      : await loadSupportBackend(warehouse, chatModel);
    let supportResponder = support.responder;
    const currentSupport: SupportResponder | undefined = supportResponder && {
      handleMessage: (input) => (supportResponder as SupportResponder).handleMessage(input),
      handleConfirmation: (input) => (supportResponder as SupportResponder).handleConfirmation(input),
    };
    // After an import or a seed through the server: fresh agents over the new data.
    const rebuildAgents = async () => {
      analyticsAgent = await AnalyticsAgent.create({ warehouse, chatModel });
      if (supportResponder) supportResponder = (await loadSupportBackend(warehouse, chatModel)).responder ?? supportResponder;
    };
    const importer = staging ? new ServerImporter(warehouse, staging, rebuildAgents) : undefined;
    // On ClickHouse too: `train`/`model` in a second terminal run here (chDB admits one process per folder); a seed
    // job is refused there (OperatorJobs.seed).
    const operatorJobs = new OperatorJobs(warehouse, rebuildAgents, staging?.root, options.warehouse !== undefined && options.operationalStore === true);
    const schedules = new ScheduleService({
      store: new ScheduleStore(warehouse),
      ask: async (question) => (await analyticsAgent.ask(question)).answer,
      onError: (error, scheduleId) => logger.warn({ err: error, scheduleId }, 'scheduled question failed'),
    });
    const server = createShopLensServer({
      warehouse,
      secret,
      apiKey: configuration.apiKey,
      analyticsAgent: { ask: (question, askOptions) => analyticsAgent.ask(question, askOptions) },
      supportResponder: currentSupport,
      importer,
      operatorJobs,
      ...(support.unavailableReason ? { supportUnavailableReason: support.unavailableReason } : {}),
      handoffDesk: support.desk,
      corsOrigins: configuration.corsOrigins,
      rateLimits: configuration.rateLimits,
      maxMessageLength: configuration.maxMessageLength,
      guestTokenTtl: configuration.guestTokenTtl,
      extendApp: options.extendApp,
      schedules,
      logger,
    });
    const address = await server.listen(options.port, options.host);
    // The lock names the file the server holds; beside an operational store it also marks the chDB folder (one process
    // per folder), so commands naming only --warehouse chdb://… find the server too.
    const lockPaths = [options.databasePath];
    if (options.warehouse?.kind === 'chdb' && options.operationalStore) lockPaths.push(stateFilePath(options.warehouse));
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}`;
    if (options.databasePath !== ':memory:') {
      // CLI commands on the same warehouse go through this server while it runs (see server-lock-file.ts).
      const token = await signToken(secret, { role: 'analyst', name: 'local-cli' }, '30d');
      const lock = { pid: process.pid, url: url.replace('0.0.0.0', '127.0.0.1').replace('[::]', '[::1]'), token, startedAt: new Date().toISOString(), ...(warehouse.behaviourEngine ? { warehouse: warehouse.behaviourEngine.location } : {}) };
      for (const lockPath of lockPaths) writeServerLock({ ...lock, databasePath: lockPath });
    }
    if (support.unavailableReason) logger.warn({ warehouse: warehouse.behaviourEngine?.location }, support.unavailableReason);
    logger.info({ url, databasePath: options.databasePath, warehouse: warehouse.behaviourEngine?.location, secret: source, support: support.description, llm: Boolean(llm), apiKeyConfigured: Boolean(configuration.apiKey) }, 'ShopLens server listening');
    // After listening (ready is not delayed): the planner's first-use costs are paid now, not by the first questions.
    setImmediate(() => {
      analyticsAgent.warmUp().then(
        (milliseconds) => logger.info({ milliseconds: Math.round(milliseconds) }, 'analytics planner warmed up'),
        (error: unknown) => logger.warn({ error: String(error) }, 'analytics planner warm-up failed; the first questions pay its first-use costs'),
      );
    });
    let stopping: Promise<void> | undefined;
    return {
      url,
      address,
      server,
      supportDescription: support.description,
      stop() {
        stopping ??= server.close().finally(() => {
          for (const lockPath of lockPaths) removeServerLock(lockPath);
          warehouse.close();
        });
        return stopping;
      },
    };
  } catch (error) {
    warehouse.close();
    throw error;
  }
}
