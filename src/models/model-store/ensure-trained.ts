import type { Warehouse } from '../../sql/warehouse.ts';
import { readStoredModel, writeStoredModel, type StoredModel, type StoredModelMetadata } from './stored-model.ts';
import { TrainingCancelledError } from './training-cancelled-error.ts';
import type { TrainingControl, TrainingProgress, TrainingProgressListener } from './training-progress.ts';

export interface TrainedResult<Payload> {
  payload: Payload;
  dataWindow: StoredModelMetadata['dataWindow'];
  metrics: Record<string, number>;
}

export interface EnsureTrainedOptions<Payload> {
  warehouse: Warehouse;
  model: string;
  /** The training parameters that make the model distinct; stored as canonical JSON. */
  parameters: Record<string, unknown>;
  /** Summary of the data the model depends on; when it changes the model is retrained. */
  fingerprint: string;
  train(control: TrainingControl): Promise<TrainedResult<Payload>>;
  /** The payload as JSON for the store (default: as it is). */
  serializePayload?(payload: Payload): unknown;
  /** Checks a stored payload (it may come from an older version); null means "retrain". */
  parsePayload(payload: unknown): Payload | null;
  onProgress?: TrainingProgressListener;
  signal?: AbortSignal;
  /**
   * Train even when a current model is remembered or stored (a caller that knows its derived output is missing or
   * was asked to recompute); a training already running for the same key is still joined, not duplicated.
   */
  force?: boolean;
}

export interface EnsuredModel<Payload> {
  payload: Payload;
  metadata: StoredModelMetadata;
  /** 'memory' and 'stored' reuse a model; 'trained' means this call (or one it waited for) trained it. */
  source: 'memory' | 'stored' | 'trained';
}

interface Training {
  promise: Promise<EnsuredModel<unknown>>;
  listeners: Set<TrainingProgressListener>;
  waiters: number;
  controller: AbortController;
  last?: TrainingProgress;
}

const inFlight = new WeakMap<Warehouse, Map<string, Training>>();
const remembered = new WeakMap<Warehouse, Map<string, EnsuredModel<unknown>>>();

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined).sort(([left], [right]) => (left < right ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function mapOf<Value>(store: WeakMap<Warehouse, Map<string, Value>>, warehouse: Warehouse): Map<string, Value> {
  let map = store.get(warehouse);
  if (!map) {
    map = new Map();
    store.set(warehouse, map);
  }
  return map;
}

/**
 * A trained model for these parameters and this data: from memory, else from shoplens_cache.trained_models, else
 * trained now, once: a second caller for the same model joins the running training (and its progress events)
 * instead of starting another. A caller's signal cancels its own wait; the training itself stops when no caller is
 * left waiting. Stored models survive restarts; a changed data fingerprint retrains.
 */
export async function ensureTrained<Payload>(options: EnsureTrainedOptions<Payload>): Promise<EnsuredModel<Payload>> {
  const { warehouse, model, fingerprint } = options;
  const parameters = canonical(options.parameters);
  const key = `${model}|${parameters}`;
  options.signal?.throwIfAborted();
  const memory = options.force ? undefined : mapOf(remembered, warehouse).get(key);
  if (memory && memory.metadata.fingerprint === fingerprint) return { ...(memory as EnsuredModel<Payload>), source: 'memory' };

  const trainings = mapOf(inFlight, warehouse);
  // A training everyone walked away from is stopping: a new question starts afresh instead of joining it.
  let training = trainings.get(key);
  if (training?.controller.signal.aborted) training = undefined;
  if (!training) {
    const stored = options.force ? null : await readStoredModel(warehouse, model, parameters);
    const payload = stored && stored.fingerprint === fingerprint ? options.parsePayload(stored.payload) : null;
    if (stored && payload !== null) {
      const { payload: _ignored, ...metadata } = stored;
      const ensured: EnsuredModel<Payload> = { payload, metadata, source: 'stored' };
      mapOf(remembered, warehouse).set(key, ensured);
      return ensured;
    }
    const running = trainings.get(key);
    training = running && !running.controller.signal.aborted ? running : startTraining(options, parameters, key);
  }
  return wait(training, options) as Promise<EnsuredModel<Payload>>;
}

/**
 * Resolves once every training running on this warehouse has ended (finished, failed or stopped after a cancel):
 * a warehouse must not be closed under a training that still runs queries, even one whose callers gave up.
 */
export async function trainingsSettled(warehouse: Warehouse): Promise<void> {
  const running = [...(inFlight.get(warehouse)?.values() ?? [])].map((training) => training.promise.catch(() => undefined));
  await Promise.all(running);
}

function startTraining<Payload>(options: EnsureTrainedOptions<Payload>, parameters: string, key: string): Training {
  const { warehouse, model, fingerprint } = options;
  const trainings = mapOf(inFlight, warehouse);
  const controller = new AbortController();
  const startedAt = performance.now();
  const training: Training = { listeners: new Set(), waiters: 0, controller, promise: Promise.resolve() as never };
  const control: TrainingControl = {
    signal: controller.signal,
    report(phase, percent) {
      const progress = { model, phase, percent: Math.max(0, Math.min(100, Math.round(percent))), elapsedMs: Math.round(performance.now() - startedAt) };
      training.last = progress;
      for (const listener of training.listeners) listener(progress);
    },
    throwIfCancelled() {
      if (controller.signal.aborted) throw new TrainingCancelledError(model);
    },
  };
  training.promise = (async () => {
    try {
      // Start on the next tick, so the caller that started it is listening before the first progress event.
      await Promise.resolve();
      control.report('starting', 0);
      const result = await options.train(control);
      control.throwIfCancelled();
      const stored: StoredModel = {
        model,
        parameters,
        fingerprint,
        trainedAt: new Date().toISOString().slice(0, 19),
        trainingSeconds: (performance.now() - startedAt) / 1000,
        dataWindow: result.dataWindow,
        metrics: result.metrics,
        payload: options.serializePayload ? options.serializePayload(result.payload) : result.payload,
      };
      control.report('saving', 99);
      if (warehouse.mode !== 'read-only') await writeStoredModel(warehouse, stored);
      const { payload: _serialized, ...metadata } = stored;
      const ensured: EnsuredModel<unknown> = { payload: result.payload, metadata, source: 'trained' };
      mapOf(remembered, warehouse).set(key, ensured);
      control.report('done', 100);
      return ensured;
    } finally {
      // A cancelled training may finish after a new one took its place: remove only itself.
      if (trainings.get(key) === training) trainings.delete(key);
    }
  })();
  // Nobody may be waiting when it fails (all cancelled): the rejection is reported to waiters, not left unhandled.
  training.promise.catch(() => undefined);
  trainings.set(key, training);
  return training;
}

function wait<Payload>(training: Training, options: EnsureTrainedOptions<Payload>): Promise<EnsuredModel<unknown>> {
  const listener = options.onProgress;
  training.waiters += 1;
  if (listener) {
    training.listeners.add(listener);
    if (training.last) listener(training.last);
  }
  return new Promise<EnsuredModel<unknown>>((resolve, reject) => {
    let settled = false;
    const leave = (): void => {
      if (settled) return;
      settled = true;
      training.waiters -= 1;
      if (listener) training.listeners.delete(listener);
      options.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      leave();
      if (training.waiters === 0) training.controller.abort();
      reject(new TrainingCancelledError(options.model));
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    training.promise.then(
      (value) => {
        leave();
        resolve(value);
      },
      (error: unknown) => {
        leave();
        reject(error);
      },
    );
  });
}
