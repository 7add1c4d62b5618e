import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { z } from 'zod';
import { resolveDatabasePath } from '../src/sql/database-path.ts';
import { Warehouse } from '../src/sql/warehouse.ts';
import { loadAnalyticsAgent, type PlannerChoice } from './agent-loader.ts';
import { DisplayNames } from './display-names.ts';
import { formatSummary, summarize } from './eval-summary.ts';
import { evaluateUnits, type EvalRecord } from './evaluate-units.ts';
import { checkGoldItem } from './gold-checks.ts';
import { QUESTION_SHAPES } from './golden-schema.ts';
import { DEFAULT_FRESH_DIRECTORY, DEFAULT_GOLDEN_DIRECTORY, DEFAULT_HELDOUT_DIRECTORY, itemsOf, loadGoldenSet, type EvalUnit, type EvalWarehouse } from './load-golden.ts';
import { prepareRetailSample } from './retail-sample.ts';
import { defaultRunId, writeRunFiles } from './run-files.ts';
import { findRunningServer } from '../src/server/server-lock-file.ts';
import { runServerJob } from '../src/cli/running-server.ts';
import { supportEvalCommand } from './support/run-support-suite.ts';

const DEFAULT_RUNS_DIRECTORY = fileURLToPath(new URL('./runs/', import.meta.url));

const optionsSchema = z.object({
  db: z.string().optional(),
  retailDb: z.string().optional(),
  /** One folder of golden files; when given, --set is ignored. */
  golden: z.string().optional(),
  set: z.enum(['dev', 'heldout', 'fresh', 'all'], { message: '--set must be dev, heldout, fresh or all' }).default('all'),
  out: z.string().default(DEFAULT_RUNS_DIRECTORY),
  runId: z.string().optional(),
  minAccuracy: z.coerce
    .number({ message: '--min-accuracy must be a number from 0 to 1, e.g. --min-accuracy 0.9' })
    .min(0, '--min-accuracy must be from 0 to 1, e.g. 0.9')
    .max(1, '--min-accuracy must be from 0 to 1 (a share, not a percent), e.g. 0.9')
    .default(0.9),
  minHeldoutAccuracy: z.coerce.number().min(0).max(1).default(0),
  planner: z.enum(['auto', 'offline', 'llm'], { message: '--planner must be auto, offline or llm' }).default('auto'),
  only: z.string().optional(),
  language: z.enum(['zh', 'en'], { message: '--language must be zh or en' }).optional(),
  shape: z.enum(QUESTION_SHAPES, { message: `--shape must be one of ${QUESTION_SHAPES.join(', ')}` }).optional(),
  goldOnly: z.boolean().default(false),
  quiet: z.boolean().default(false),
});
type RunOptions = z.infer<typeof optionsSchema>;

/** Units whose id, or one of whose item ids, starts with one of the --only prefixes; then language and shape. */
export function selectUnits(units: readonly EvalUnit[], options: Pick<RunOptions, 'only' | 'language' | 'shape'>): EvalUnit[] {
  const prefixes = options.only?.split(',').map((prefix) => prefix.trim()).filter(Boolean) ?? [];
  return units.filter((unit) => {
    const first = unit.items[0];
    if (!first) return false;
    if (options.language && first.language !== options.language) return false;
    if (options.shape && first.shape !== options.shape) return false;
    if (prefixes.length === 0) return true;
    return prefixes.some((prefix) => unit.id.startsWith(prefix) || unit.items.some((item) => item.id.startsWith(prefix)));
  });
}

/** --gold-only: run every gold query and report errors, unintended empty results, bad ratios and tied rankings. */
async function checkGold(warehouse: Warehouse, units: readonly EvalUnit[]): Promise<number> {
  let problems = 0;
  for (const item of itemsOf(units)) {
    if (item.goldSql === undefined) continue;
    const check = await checkGoldItem(warehouse, item, { checkTies: true });
    problems += check.problems.length;
    const mark = check.problems.length === 0 ? '✓' : '✗';
    process.stdout.write(`${mark} ${item.id}: ${check.rowCount} row(s), ${Math.round(check.elapsedMs)} ms${check.problems.map((problem) => `\n    ${problem}`).join('')}\n`);
  }
  process.stdout.write(problems === 0 ? 'every gold query is usable\n' : `${problems} gold problem(s)\n`);
  return problems === 0 ? 0 : 1;
}

function progressLine(record: EvalRecord, index: number, total: number): string {
  const mark = record.verdict.passed ? '✓' : '✗';
  const planner = record.outcome?.answer.planner ?? '-';
  const detail = record.verdict.passed ? '' : ` ${record.verdict.reason}`;
  return `[${index + 1}/${total}] ${mark} ${record.item.id} (${planner}, ${Math.round(record.agentMs)} ms)${detail}\n`;
}

interface EvalSet {
  name: string;
  directory: string;
  minAccuracy: number;
}

function setsOf(options: RunOptions): EvalSet[] {
  if (options.golden) return [{ name: 'golden', directory: options.golden, minAccuracy: options.minAccuracy }];
  // The fresh sets (evals/fresh/f6…f12) are more development sets, each its own report; run with --set fresh only.
  if (options.set === 'fresh') {
    return readdirSync(DEFAULT_FRESH_DIRECTORY, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => ({ name: `fresh-${entry.name}`, directory: path.join(DEFAULT_FRESH_DIRECTORY, entry.name), minAccuracy: 0 }));
  }
  const sets: EvalSet[] = [];
  if (options.set !== 'heldout') sets.push({ name: 'dev', directory: DEFAULT_GOLDEN_DIRECTORY, minAccuracy: options.minAccuracy });
  if (options.set !== 'dev') sets.push({ name: 'heldout', directory: DEFAULT_HELDOUT_DIRECTORY, minAccuracy: options.minHeldoutAccuracy });
  return sets;
}

/** Opens each warehouse the selected units need once: the demo from --db, the retail sample from --retail-db or a fresh import. */
class EvalWarehouses {
  private readonly open = new Map<EvalWarehouse, Warehouse>();
  /** Snapshot files a running server made for this run, deleted at close. */
  private readonly snapshots: string[] = [];
  /** What the transcripts name: the warehouse asked for, and whether a snapshot of it was evaluated. */
  private readonly labels = new Map<Warehouse, string>();
  constructor(private readonly options: RunOptions) {}

  pathOf(kind: EvalWarehouse): Promise<string> | string {
    if (kind === 'demo') return resolveDatabasePath(this.options.db);
    return this.options.retailDb ?? prepareRetailSample();
  }

  async get(kind: EvalWarehouse): Promise<Warehouse> {
    let warehouse = this.open.get(kind);
    if (!warehouse) {
      // Gold-only never writes; a full run needs the agent's own writes (conversations), so it runs sandboxed.
      const databasePath = await this.pathOf(kind);
      // While `shoplens serve` owns this warehouse DuckDB refuses a second process: the server copies it (one consistent
      // snapshot of committed data) and the eval runs on the copy, writing its conversations there, not in the shop's.
      const server = findRunningServer(databasePath);
      let openPath = databasePath;
      if (server) {
        const { path: snapshot } = z.object({ path: z.string() }).parse(await runServerJob(server, 'snapshot', {}));
        this.snapshots.push(snapshot);
        process.stderr.write(`[eval] ${databasePath} is served by pid ${server.pid}: evaluating a snapshot it copied (${snapshot})\n`);
        openPath = snapshot;
      }
      warehouse = await Warehouse.open({ path: openPath, mode: this.options.goldOnly ? 'read-only' : 'sandboxed', memoryLimit: '2GB' });
      this.labels.set(warehouse, server ? `${databasePath} (a snapshot copied by the server, pid ${server.pid})` : databasePath);
      this.open.set(kind, warehouse);
    }
    return warehouse;
  }

  labelOf(warehouse: Warehouse): string {
    return this.labels.get(warehouse) ?? warehouse.path;
  }

  close(): void {
    for (const warehouse of this.open.values()) warehouse.close();
    for (const snapshot of this.snapshots) for (const file of [snapshot, `${snapshot}.wal`]) rmSync(file, { force: true });
  }
}

async function evaluateSet(set: EvalSet, units: EvalUnit[], warehouses: EvalWarehouses, options: RunOptions, startedAt: Date, separateFolder: boolean): Promise<number> {
  const total = itemsOf(units).length;
  const records: EvalRecord[] = [];
  const databasePaths: string[] = [];
  for (const kind of [...new Set(units.map((unit) => unit.warehouse))]) {
    const warehouse = await warehouses.get(kind);
    databasePaths.push(warehouses.labelOf(warehouse));
    const names = await DisplayNames.load(warehouse);
    const agent = await loadAnalyticsAgent({ warehouse, planner: options.planner as PlannerChoice });
    const selected = units.filter((unit) => unit.warehouse === kind);
    process.stderr.write(`[${set.name}] evaluating ${itemsOf(selected).length} question(s) against ${warehouses.labelOf(warehouse)}\n`);
    const offset = records.length;
    records.push(
      ...(await evaluateUnits(selected, {
        warehouse,
        agent,
        names,
        onRecord: (record, index) => {
          if (!options.quiet) process.stderr.write(progressLine(record, offset + index, total));
        },
      })),
    );
  }
  const summary = summarize(records, { minAccuracy: set.minAccuracy });
  const runId = options.runId ?? defaultRunId(options.planner, startedAt);
  const filters = Object.fromEntries(
    Object.entries({ only: options.only, language: options.language, shape: options.shape }).filter(([, value]) => value !== undefined),
  ) as Record<string, string>;
  const directory = writeRunFiles(
    separateFolder ? path.join(options.out, runId) : options.out,
    {
      runId: separateFolder ? set.name : runId,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      databasePath: databasePaths.join(', '),
      planner: options.planner,
      goldenDirectory: set.directory,
      filters,
    },
    summary,
    records,
  );
  process.stdout.write(`== ${set.name} set (${path.relative(process.cwd(), set.directory) || set.directory})\n${formatSummary(summary, { hideItems: set.name === 'heldout' })}\ntranscripts: ${path.relative(process.cwd(), directory) || directory}\n\n`);
  return summary.belowThreshold.length > 0 || summary.goldErrors > 0 ? 1 : 0;
}

export async function runEvals(rawOptions: unknown): Promise<number> {
  const options = optionsSchema.parse(rawOptions);
  const sets = setsOf(options).map((set) => ({ set, units: selectUnits(loadGoldenSet(set.directory), options) })).filter(({ units }) => units.length > 0);
  if (sets.length === 0) {
    process.stderr.write('No golden questions match --only/--language/--shape. List ids with: grep -h "id:" evals/golden/*.yaml evals/heldout/*.yaml\n');
    return 1;
  }
  const startedAt = new Date();
  const warehouses = new EvalWarehouses(options);
  try {
    let code = 0;
    for (const { set, units } of sets) {
      if (options.goldOnly) {
        for (const kind of [...new Set(units.map((unit) => unit.warehouse))]) {
          code = Math.max(code, await checkGold(await warehouses.get(kind), units.filter((unit) => unit.warehouse === kind)));
        }
      } else {
        code = Math.max(code, await evaluateSet(set, units, warehouses, options, startedAt, sets.length > 1));
      }
    }
    return code;
  } finally {
    warehouses.close();
  }
}

export function evalCommand(): Command {
  return new Command('eval')
    // Options after `support` belong to the support sub-command (both have --out, --only …).
    .enablePositionalOptions()
    .description('Run the golden questions through the analytics agent and score them against hand-written gold SQL.')
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb); nothing is seeded')
    .option('--set <set>', 'dev (evals/golden), heldout (evals/heldout), fresh (evals/fresh/*, more dev sets) or all (dev and held-out)', 'all')
    .option('--golden <dir>', 'one folder of golden *.yaml files instead of the dev and held-out sets')
    .option('--retail-db <path>', 'Online Retail warehouse for files marked warehouse: online-retail-sample (default: import ../shared/data/online_retail_sample.csv into a temporary folder)')
    .option('--out <dir>', 'folder for run outputs (<out>/<run-id>/summary.json and questions/*.json)', DEFAULT_RUNS_DIRECTORY)
    .option('--run-id <id>', 'name of the run folder (default: timestamp and planner)')
    .option('--min-accuracy <share>', 'exit non-zero when dev accuracy overall or in a language is below this share', '0.9')
    .option('--min-heldout-accuracy <share>', 'the same for the held-out set (default 0: reported, not enforced)', '0')
    .option('--planner <planner>', 'auto (offline, LLM when unsure and configured), offline or llm', 'auto')
    .option('--only <ids>', 'comma-separated id prefixes; a chain runs whole when any of its turns is named')
    .option('--language <language>', 'only zh or only en questions')
    .option('--shape <shape>', `only one shape: ${QUESTION_SHAPES.join(', ')}`)
    .option('--gold-only', 'only run the gold SQL (read-only) and report errors or empty results')
    .option('--quiet', 'no per-question progress lines')
    .action(async (options: Record<string, unknown>) => {
      process.exitCode = await runEvals(options);
    })
    .addCommand(supportEvalCommand(DEFAULT_RUNS_DIRECTORY));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  evalCommand()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      const message = error instanceof z.ZodError ? error.issues.map((issue) => issue.message).join('; ') : (error as Error).message;
      process.stderr.write(`eval failed: ${message}\n`);
      process.exitCode = 1;
    });
}
