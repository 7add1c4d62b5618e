import type { ImportContext } from './import-context.ts';

/** One import format. `validate` runs before the transaction starts; `load` inside it. */
export interface Importer {
  /** Number of `context.step` calls `load` makes, for progress display. */
  readonly steps: number;
  /** Cheap checks of every input (existence, encoding, header); throws ImportError, writes nothing. */
  validate(): Promise<void>;
  /** Reads, cleans and writes everything; any throw rolls the whole import back. */
  load(context: ImportContext): Promise<void>;
}
