import { ModelInputError } from '../model-input-error.ts';

/** Review sentiment or aspect analysis cannot run as asked: no reviews to learn from, an unknown category or brand, a bad date range. */
export class SentimentError extends ModelInputError<'no_data' | 'bad_parameter' | 'not_found'> {
  override readonly name = 'SentimentError';
}
