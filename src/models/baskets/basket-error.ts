import { ModelInputError } from '../model-input-error.ts';

/** Basket analysis cannot run as asked: unknown product or category, bad threshold, no orders. */
export class BasketAnalysisError extends ModelInputError<'no_data' | 'bad_parameter' | 'not_found'> {
  override readonly name = 'BasketAnalysisError';
}
