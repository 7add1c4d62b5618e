import { ModelInputError } from '../model-input-error.ts';

/** A forecast cannot be made as asked: bad metric or category, or too little history. */
export class ForecastError extends ModelInputError<'not_enough_data' | 'bad_parameter'> {
  override readonly name = 'ForecastError';
}
