import { Command, CommanderError } from 'commander';
import { registerSeedCommand } from './seed-command.ts';
import { registerImportCommand } from './import-command.ts';
import { registerSqlCommand } from './sql-command.ts';
import { registerDemoCommand } from './demo-command.ts';
import { registerAskCommand } from './ask-command.ts';
import { registerModelCommand } from './model-command.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerTokenCommand } from './token-command.ts';
import { registerDescribeCommand } from './describe-command.ts';

export function buildProgram(): Command {
  const program = new Command('shoplens')
    .description('ShopLens: conversational analytics over e-commerce behaviour data, on an embedded DuckDB warehouse.')
    .showHelpAfterError()
    .exitOverride();
  registerDemoCommand(program);
  registerSeedCommand(program);
  registerImportCommand(program);
  registerSqlCommand(program);
  registerDescribeCommand(program);
  registerAskCommand(program);
  registerModelCommand(program);
  registerServeCommand(program);
  registerTokenCommand(program);
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
