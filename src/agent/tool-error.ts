/** Errors that know their own kind (SQL guard errors, policy denials …) expose it; anything else is 'other'. */
interface KindedError {
  kind: string;
  message: string;
  detail?: unknown;
}

function hasKind(error: unknown): error is Error & { kind: string; detail?: unknown; toFeedback?: () => unknown } {
  return error instanceof Error && typeof (error as { kind?: unknown }).kind === 'string';
}

export function toolErrorOf(error: unknown): KindedError {
  // SQL guard errors carry a compact machine-readable form (kind, object, position, suggestions) for repair.
  if (hasKind(error)) return { kind: error.kind, message: error.message, detail: error.toFeedback ? error.toFeedback() : error.detail };
  if (error instanceof Error && error.name === 'SemanticQueryError') {
    return { kind: 'semantic', message: error.message, detail: (error as Error & { allowed?: unknown }).allowed };
  }
  if (error instanceof Error) return { kind: 'other', message: error.message };
  return { kind: 'other', message: String(error) };
}
