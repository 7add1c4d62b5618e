import { ModelInputError } from '../model-input-error.ts';

/** Anomaly detection cannot run as asked: a bad date range, or no data in it. */
export class AnomalyError extends ModelInputError<'no_data' | 'bad_parameter'> {
  override readonly name = 'AnomalyError';
}
