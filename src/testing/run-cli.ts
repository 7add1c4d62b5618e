import { buildProgram } from '../cli/main.ts';
import { captureOutput } from './capture-output.ts';

/** Runs `shoplens ARGV…` in this process and returns what it wrote to stdout and what it threw (undefined if nothing). */
export async function runCli(...argv: string[]): Promise<{ output: string; error: unknown }> {
  const captured = captureOutput();
  try {
    const error = await buildProgram()
      .parseAsync(['node', 'shoplens', ...argv])
      .then(() => undefined, (caught: unknown) => caught);
    return { output: captured.stdout.join(''), error };
  } finally {
    captured.restore();
  }
}
