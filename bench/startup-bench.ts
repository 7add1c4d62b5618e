import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { distIsCurrent } from '../scripts/source-stamp.mjs';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { Warehouse } from '../src/sql/warehouse.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(root, 'bin/shoplens.js');

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

interface TimedCommand {
  arguments: string[];
  environment?: NodeJS.ProcessEnv;
}

/**
 * Median wall seconds of each command, run `runs` times in turns (a, b, c, a, b, c …) so that a change in the
 * machine's load hits every command alike and the ratios stay fair on a shared machine.
 */
function timeCommands<Name extends string>(commands: Record<Name, TimedCommand>, runs: number): Record<Name, number> {
  const times = new Map<Name, number[]>();
  for (let run = 0; run < runs; run += 1) {
    for (const [name, command] of Object.entries(commands) as [Name, TimedCommand][]) {
      const started = performance.now();
      const result = spawnSync(process.execPath, command.arguments, { env: command.environment ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
      if (result.status !== 0) throw new Error(`${command.arguments.join(' ')} failed: ${result.stderr.toString().slice(0, 300)}`);
      times.set(name, [...(times.get(name) ?? []), (performance.now() - started) / 1000]);
    }
  }
  return Object.fromEntries([...times].map(([name, values]) => [name, median(values)])) as Record<Name, number>;
}

const loadAverage = (): string => loadavg().map((value) => value.toFixed(2)).join(' ');

/** Seconds from spawning `shoplens serve` to the first successful GET /healthz. */
async function serverReadySeconds(databasePath: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', databasePath], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stderr.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /ShopLens server on (http:\/\/\S+?)[ (]/.exec(text);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${text.slice(-300)}`)));
    });
    const response = await fetch(`${url}/healthz`);
    if (!response.ok) throw new Error(`/healthz answered ${response.status}`);
    return (performance.now() - started) / 1000;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * Start-up costs as wall-clock medians and as ratios to `node -e 0` (the machine's floor): shoplens --help, a cold
 * shoplens ask on the default demo (new process each time) and how long `shoplens serve` takes to answer /healthz on
 * an already seeded warehouse (a restart). Compiled (dist/) and through tsx, so the effect of the build shows.
 */
export async function runStartupBench(runs = 5): Promise<void> {
  if (!distIsCurrent(root)) spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-startup-bench-'));
  const databasePath = path.join(folder, 'demo.duckdb');
  try {
    const writer = await Warehouse.open({ path: databasePath, mode: 'read-write' });
    await seedDemo(writer, {});
    writer.close();
    const tsx = { ...process.env, SHOPLENS_USE_TSX: '1' };
    const ask = [CLI, 'ask', 'GMV by city tier last month', '--db', databasePath];
    process.stdout.write(`load average before: ${loadAverage()} on ${availableParallelism()} cores\n`);
    const medians = timeCommands(
      {
        floor: { arguments: ['-e', '0'] },
        help: { arguments: [CLI, '--help'] },
        helpTsx: { arguments: [CLI, '--help'], environment: tsx },
        version: { arguments: [CLI, '--version'] },
        ask: { arguments: ask },
        askTsx: { arguments: ask, environment: tsx },
      },
      runs,
    );
    const floor = medians.floor;
    const line = (label: string, seconds: number): void => {
      process.stdout.write(`  ${label.padEnd(44)} ${seconds.toFixed(3)} s  ${(seconds / floor).toFixed(1).padStart(6)}× node -e 0\n`);
    };
    process.stdout.write(`medians of ${runs} runs, taken in turns; node -e 0: ${floor.toFixed(3)} s\n`);
    line('shoplens --help (compiled)', medians.help);
    line('shoplens --help (tsx)', medians.helpTsx);
    line('shoplens --version (compiled)', medians.version);
    line('cold shoplens ask, demo (compiled)', medians.ask);
    line('cold shoplens ask, demo (tsx)', medians.askTsx);
    const ready: number[] = [];
    for (let run = 0; run < Math.min(runs, 3); run += 1) ready.push(await serverReadySeconds(databasePath));
    line(`server ready on restart (median of ${ready.length})`, median(ready));
    process.stdout.write(`load average after: ${loadAverage()}\n`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runStartupBench();
