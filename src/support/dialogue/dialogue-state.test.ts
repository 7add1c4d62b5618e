import { describe, expect, it } from 'vitest';
import type { SqlRunner } from '../sql-runner.ts';
import { freshDialogue, writeDialogue } from './dialogue-state.ts';

function failingRunner(failures: Error[]): SqlRunner & { runs: number } {
  const runner = {
    runs: 0,
    query: async () => ({ columns: [], rows: [] }),
    run: async () => {
      runner.runs += 1;
      const failure = failures.shift();
      if (failure) throw failure;
    },
  };
  return runner;
}

describe('writeDialogue', () => {
  const conversation = { conversationId: 'c-1', otherContext: {} };
  it('retries a write conflict with the server’s group commit, then succeeds', async () => {
    const runner = failingRunner([new Error('TransactionContext Error: Conflict on update!'), new Error('TransactionContext Error: Conflict on update!')]);
    await writeDialogue(runner, conversation, freshDialogue(0, 'en'), new Date('2025-01-01T00:00:00Z'));
    expect(runner.runs).toBe(3);
  });
  it('does not retry other errors, and gives up after five conflicts', async () => {
    const other = failingRunner([new Error('Catalog Error: no such table')]);
    await expect(writeDialogue(other, conversation, freshDialogue(0, 'en'), new Date())).rejects.toThrow(/Catalog Error/);
    expect(other.runs).toBe(1);
    const conflicts = failingRunner(Array.from({ length: 6 }, () => new Error('Conflict on update!')));
    await expect(writeDialogue(conflicts, conversation, freshDialogue(0, 'en'), new Date())).rejects.toThrow(/Conflict/);
    expect(conflicts.runs).toBe(5);
  });
});
