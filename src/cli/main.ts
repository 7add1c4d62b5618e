import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerSeedCommand } from './seed-command.ts';
import { registerImportCommand } from './import-command.ts';
import { registerSqlCommand } from './sql-command.ts';
import { registerDemoCommand } from './demo-command.ts';
import { registerAskCommand } from './ask-command.ts';
import { registerModelCommand } from './model-command.ts';
import { registerSentimentCommand } from './sentiment-command.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerTokenCommand } from './token-command.ts';
import { registerDescribeCommand } from './describe-command.ts';
import { registerScheduleCommand } from './schedule-command.ts';
import { registerSyncCommand } from './sync-command.ts';

/** The version in package.json, found upwards from this file (src/cli/ under tsx, dist/src/cli/ compiled). */
export function packageVersion(): string {
  for (let folder = new URL('./', import.meta.url); ; folder = new URL('../', folder)) {
    try {
      const manifest: unknown = JSON.parse(readFileSync(new URL('package.json', folder), 'utf8'));
      // Checked by hand, not with zod: `--version` and `--help` must not load zod (≈60 ms).
      if (typeof manifest === 'object' && manifest !== null && 'name' in manifest && manifest.name === 'shoplens' && 'version' in manifest) return String(manifest.version);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (folder.pathname === '/') throw new Error(`no package.json of shoplens above ${import.meta.url}`);
  }
}

export function buildProgram(): Command {
  const program = new Command('shoplens')
    .description('ShopLens: conversational analytics over e-commerce behaviour data, on an embedded DuckDB warehouse.')
    .version(packageVersion(), '-V, --version', 'print the version of ShopLens')
    .showHelpAfterError()
    .exitOverride();
  registerDemoCommand(program);
  registerSeedCommand(program);
  registerImportCommand(program);
  registerSqlCommand(program);
  registerDescribeCommand(program);
  registerAskCommand(program);
  registerModelCommand(program);
  registerSentimentCommand(program);
  registerServeCommand(program);
  registerTokenCommand(program);
  registerScheduleCommand(program);
  registerSyncCommand(program);
  return program;
}

/** Runs the CLI and returns the process exit code; errors are printed as one clear line, not a stack. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`shoplens: ${name}: ${message}\n`);
    if (process.env.SHOPLENS_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
