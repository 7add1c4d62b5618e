import { ModelInputError } from '../model-input-error.ts';

/** Purchase propensity cannot be trained or scored as asked: too little history, no buyers, or a bad parameter. */
export class PropensityError extends ModelInputError<'not_enough_data' | 'bad_parameter'> {
  override readonly name = 'PropensityError';
}
