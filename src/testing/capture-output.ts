import { vi } from 'vitest';

/** What a CLI command wrote to stdout and stderr, captured instead of printed (call restore() after). */
export interface CapturedOutput {
  stdout: string[];
  stderr: string[];
  restore(): void;
}

export function captureOutput(): CapturedOutput {
  const captured: CapturedOutput = { stdout: [], stderr: [], restore: () => vi.restoreAllMocks() };
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (captured.stdout.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (captured.stderr.push(String(chunk)), true));
  return captured;
}
