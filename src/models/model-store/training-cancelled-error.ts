import { ModelInputError } from '../model-input-error.ts';

/** Training was cancelled (the asker pressed cancel, or every question waiting for it went away). */
export class TrainingCancelledError extends ModelInputError<'cancelled'> {
  override readonly name = 'TrainingCancelledError';
  constructor(readonly model: string) {
    super(`Training of the ${model} model was cancelled; ask again to start it anew.`, { kind: 'cancelled' });
  }
}
