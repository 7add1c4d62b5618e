/** A golden file could not be read or does not follow evals/README.md; `file` (and `entry`) say where. */
export class GoldenFileError extends Error {
  override readonly name = 'GoldenFileError';
  readonly file: string;
  /** Zero-based index of the offending entry in the file's `questions` list, when known. */
  readonly entry: number | undefined;

  constructor(message: string, options: { file: string; entry?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.file = options.file;
    this.entry = options.entry;
  }
}
