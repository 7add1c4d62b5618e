/** Segmentation cannot run on this warehouse (no buyers, too few users, bad parameter); `kind` lets the agent react. */
export class SegmentationError extends Error {
  override readonly name = 'SegmentationError';
  readonly kind: 'no_data' | 'bad_parameter';
  readonly parameter?: string;

  constructor(message: string, options: { kind: 'no_data' | 'bad_parameter'; parameter?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.kind = options.kind;
    this.parameter = options.parameter;
  }
}
