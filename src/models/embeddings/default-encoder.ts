import { selectEncoder } from './select-encoder.ts';
import type { EncoderSelection } from './text-encoder.ts';

let selection: Promise<EncoderSelection> | undefined;

/**
 * The process-wide encoder the tools use, selected once from SHOPLENS_EMBED_* (loading a model takes
 * seconds; every tool call after the first reuses it). A failed selection is forgotten so the next call
 * reports the error again instead of a stale one.
 */
export function defaultEncoderSelection(): Promise<EncoderSelection> {
  if (!selection) {
    selection = selectEncoder();
    selection.catch(() => {
      selection = undefined;
    });
  }
  return selection;
}
