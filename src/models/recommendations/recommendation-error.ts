import { ModelInputError } from '../model-input-error.ts';

/** A recommendation cannot be made as asked: unknown user or product, a title that matches nothing, no orders to learn from. */
export class RecommendationError extends ModelInputError<'no_data' | 'bad_parameter' | 'not_found'> {
  override readonly name = 'RecommendationError';
}
