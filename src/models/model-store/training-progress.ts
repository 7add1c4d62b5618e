/** How far a model's training is, as the chat and the CLI show it. */
export interface TrainingProgress {
  model: string;
  phase: string;
  /** 0–100. */
  percent: number;
  elapsedMs: number;
}

export type TrainingProgressListener = (progress: TrainingProgress) => void;

/** What a training function gets: report its phase and percent; check the signal between steps. */
export interface TrainingControl {
  report(phase: string, percent: number): void;
  signal: AbortSignal;
  /** Throws TrainingCancelledError once every waiter has cancelled. */
  throwIfCancelled(): void;
}
