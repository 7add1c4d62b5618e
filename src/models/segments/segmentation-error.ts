import { ModelInputError } from '../model-input-error.ts';

/** Segmentation cannot run on this warehouse (no buyers, too few users, bad parameter); `kind` lets the agent react. */
export class SegmentationError extends ModelInputError<'no_data' | 'bad_parameter'> {
  override readonly name = 'SegmentationError';
}
