/**
 * `npm run bench [section ...]`: prints throughput and latency numbers. Sections: startup, seed, import, ask, planner
 * (`npm run bench ask planner -- --db FILE` to skip seeding), embedding, training,
 * models, support, load, workspace, scale (DuckDB vs chDB; `npm run bench scale -- --events 10000000`).
 * With no arguments every section runs. Numbers are printed, never asserted.
 */
/** `--db FILE`: an existing demo warehouse for the ask and planner sections instead of seeding one. */
function databaseOption(): string | undefined {
  return process.argv.includes('--db') ? process.argv[process.argv.indexOf('--db') + 1] : undefined;
}

const sections: Record<string, () => Promise<void>> = {
  startup: async () => (await import('./startup-bench.ts')).runStartupBench(),
  seed: async () => (await import('./seed-bench.ts')).runSeedBench(),
  import: async () => (await import('./import-bench.ts')).runImportBench(),
  ask: async () => (await import('./ask-bench.ts')).runAskBench({ db: databaseOption() }),
  planner: async () => (await import('./planner-bench.ts')).runPlannerBench({ db: databaseOption() }),
  embedding: async () => (await import('./embedding-bench.ts')).runEmbeddingBench(),
  training: async () => (await import('./training-bench.ts')).runTrainingBench(),
  support: async () => (await import('./support-load-bench.ts')).runSupportLoadBench(),
  models: async () => (await import('./models-bench.ts')).runModelsBench(),
  load: async () => {
    // A smaller load for machines that cannot sustain the target (the default is the 500 chats, 50 analysts).
    const count = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
    await (await import('./load-bench.ts')).runLoadBench({
      clientsInProcess: process.env.SHOPLENS_BENCH_CLIENTS_IN_PROCESS === '1',
      chats: count('SHOPLENS_BENCH_LOAD_CHATS'),
      messagesPerChat: count('SHOPLENS_BENCH_LOAD_MESSAGES'),
      analysts: count('SHOPLENS_BENCH_LOAD_ANALYSTS'),
      threads: count('SHOPLENS_BENCH_LOAD_THREADS'),
      maxConcurrentTurns: count('SHOPLENS_BENCH_LOAD_TURNS'),
    });
  },
  workspace: async () => (await import('./workspace-bench.ts')).runWorkspaceBench(),
  scale: async () => (await import('./scale-bench.ts')).runScaleBench(),
};

// Options after the section names (--events N) belong to the sections themselves.
const requested = process.argv.slice(2).filter((argument, index, all) => !argument.startsWith('--') && !all[index - 1]?.startsWith('--'));
const unknown = requested.filter((name) => !(name in sections));
if (unknown.length > 0) {
  process.stderr.write(`Unknown bench section(s): ${unknown.join(', ')}. Choose from: ${Object.keys(sections).join(', ')}.\n`);
  process.exit(2);
}
for (const name of requested.length > 0 ? requested : Object.keys(sections)) {
  process.stdout.write(`\n== ${name} ==\n`);
  await sections[name]?.();
}
// Everything is printed. Whatever still holds the event loop after a grace period (a socket, a timer, a child process)
// is named and the process exits instead of hanging: a bench that does not finish is useless in a script.
setTimeout(() => {
  process.stderr.write(`bench: still running after its last section, held by: ${process.getActiveResourcesInfo().join(', ')}; exiting.\n`);
  process.exit(0);
}, 10_000).unref();
