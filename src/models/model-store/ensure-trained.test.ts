import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Warehouse } from '../../sql/warehouse.ts';
import { ensureTrained, type EnsureTrainedOptions } from './ensure-trained.ts';
import { listStoredModels } from './stored-model.ts';
import { TrainingCancelledError } from './training-cancelled-error.ts';
import type { TrainingProgress } from './training-progress.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function databasePath(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-model-store-'));
  folders.push(folder);
  return path.join(folder, 'models.duckdb');
}

/** A training that counts its runs and waits for `release` between its two phases, so tests can act mid-training. */
function slowTraining(warehouse: Warehouse, overrides: Partial<EnsureTrainedOptions<{ weights: number[] }>> = {}) {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const state = { runs: 0, sawAbort: false, release: () => release() };
  const options: EnsureTrainedOptions<{ weights: number[] }> = {
    warehouse,
    model: 'toy',
    parameters: { horizon: 7 },
    fingerprint: 'data-v1',
    async train(control) {
      state.runs += 1;
      control.report('loading', 10);
      await gate;
      state.sawAbort = control.signal.aborted;
      control.throwIfCancelled();
      control.report('fitting', 60);
      return { payload: { weights: [0.5, -1.25] }, dataWindow: { start: '2025-09-02', end: '2025-11-30' }, metrics: { auc: 0.81 } };
    },
    parsePayload: (payload) => (typeof payload === 'object' && payload !== null && Array.isArray((payload as { weights?: unknown }).weights) ? (payload as { weights: number[] }) : null),
    ...overrides,
  };
  return { state, options };
}

describe('ensureTrained', () => {
  it('trains once, stores the model with its metadata and reuses it from memory and after a reopen', async () => {
    const file = databasePath();
    const warehouse = await Warehouse.open({ path: file, mode: 'read-write' });
    const { state, options } = slowTraining(warehouse);
    state.release();
    const first = await ensureTrained(options);
    expect(first.source).toBe('trained');
    expect(first.payload).toEqual({ weights: [0.5, -1.25] });
    expect((await ensureTrained(options)).source).toBe('memory');
    const [stored] = await listStoredModels(warehouse);
    expect(stored).toMatchObject({ model: 'toy', parameters: '{"horizon":7}', fingerprint: 'data-v1', dataWindow: { start: '2025-09-02', end: '2025-11-30' }, metrics: { auc: 0.81 } });
    expect(stored?.trainedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    // The behaviour tables are untouched: the model lives in the cache schema only.
    const { rows } = await warehouse.query("SELECT DISTINCT schema_name FROM duckdb_tables() WHERE table_name = 'trained_models'");
    expect(rows).toEqual([{ schema_name: 'shoplens_cache' }]);
    warehouse.close();

    const reopened = await Warehouse.open({ path: file, mode: 'sandboxed' });
    try {
      const again = slowTraining(reopened);
      const reused = await ensureTrained(again.options);
      expect(reused.source).toBe('stored');
      expect(reused.payload).toEqual({ weights: [0.5, -1.25] });
      expect(again.state.runs).toBe(0);
      // New data: retrained.
      again.state.release();
      expect((await ensureTrained({ ...again.options, fingerprint: 'data-v2' })).source).toBe('trained');
      expect(again.state.runs).toBe(1);
    } finally {
      reopened.close();
    }
  });

  it('lets a second question wait for the running training, with its progress, instead of starting another', async () => {
    const warehouse = await Warehouse.open({ path: ':memory:', mode: 'read-write' });
    try {
      const { state, options } = slowTraining(warehouse);
      const firstEvents: TrainingProgress[] = [];
      const secondEvents: TrainingProgress[] = [];
      const first = ensureTrained({ ...options, onProgress: (event) => firstEvents.push(event) });
      // Ask again once the first has started training (its stored-model lookup can take long on a busy machine; a
      // second question asked before that would start the training itself, and the first would join it).
      await vi.waitFor(() => expect(firstEvents.map((event) => event.phase)).toContain('loading'), { timeout: 5_000, interval: 5 });
      const second = ensureTrained({ ...options, onProgress: (event) => secondEvents.push(event) });
      await new Promise((resolve) => setTimeout(resolve, 20));
      state.release();
      const [one, two] = await Promise.all([first, second]);
      expect(state.runs).toBe(1);
      expect(one.payload).toBe(two.payload);
      expect(firstEvents.map((event) => event.phase)).toEqual(['starting', 'loading', 'fitting', 'saving', 'done']);
      // The late joiner first gets the phase in progress, then everything after it.
      expect(secondEvents.map((event) => event.phase)).toEqual(['loading', 'fitting', 'saving', 'done']);
      expect(firstEvents.at(-1)).toMatchObject({ model: 'toy', percent: 100 });
      expect(firstEvents.every((event) => event.elapsedMs >= 0)).toBe(true);
    } finally {
      warehouse.close();
    }
  });

  it('cancels: one waiter leaving keeps the training for the other; the last one leaving stops it, and nothing is stored', async () => {
    const warehouse = await Warehouse.open({ path: ':memory:', mode: 'read-write' });
    try {
      const { state, options } = slowTraining(warehouse);
      const leaving = new AbortController();
      const staying = ensureTrained(options);
      const cancelled = ensureTrained({ ...options, signal: leaving.signal });
      leaving.abort();
      await expect(cancelled).rejects.toBeInstanceOf(TrainingCancelledError);
      state.release();
      expect((await staying).source).toBe('trained');
      expect(state.sawAbort).toBe(false);

      const alone = slowTraining(warehouse, { parameters: { horizon: 14 } });
      const controller = new AbortController();
      const pending = ensureTrained({ ...alone.options, signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort();
      await expect(pending).rejects.toBeInstanceOf(TrainingCancelledError);
      alone.state.release();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(alone.state.sawAbort).toBe(true);
      expect((await listStoredModels(warehouse)).map((model) => model.parameters)).toEqual(['{"horizon":7}']);
      // Asking again starts afresh.
      const retry = slowTraining(warehouse, { parameters: { horizon: 14 } });
      retry.state.release();
      expect((await ensureTrained(retry.options)).source).toBe('trained');
    } finally {
      warehouse.close();
    }
  });

  it('a question asked while a cancelled training is still stopping trains afresh to the end instead of joining it', async () => {
    const warehouse = await Warehouse.open({ path: ':memory:', mode: 'read-write' });
    try {
      const stopping = slowTraining(warehouse);
      const controller = new AbortController();
      const cancelled = ensureTrained({ ...stopping.options, signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort();
      await expect(cancelled).rejects.toBeInstanceOf(TrainingCancelledError);
      // The first training has not noticed yet (it waits at its gate) when the next question comes.
      const fresh = slowTraining(warehouse);
      const events: TrainingProgress[] = [];
      const next = ensureTrained({ ...fresh.options, onProgress: (event) => events.push(event) });
      fresh.state.release();
      expect((await next).source).toBe('trained');
      expect(events.at(-1)?.percent).toBe(100);
      stopping.state.release();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(stopping.state.sawAbort).toBe(true);
      expect(fresh.state.runs).toBe(1);
    } finally {
      warehouse.close();
    }
  });
});
