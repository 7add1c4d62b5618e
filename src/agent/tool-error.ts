/** Errors that know their own kind (SQL guard errors, policy denials …) expose it; anything else is 'other'. */
interface KindedError {
  kind: string;
  message: string;
  detail?: unknown;
}

function hasKind(error: unknown): error is Error & { kind: string; detail?: unknown } {
  return error instanceof Error && typeof (error as { kind?: unknown }).kind === 'string';
}

export function toolErrorOf(error: unknown): KindedError {
  if (hasKind(error)) return { kind: error.kind, message: error.message, detail: error.detail };
  if (error instanceof Error) return { kind: 'other', message: error.message };
  return { kind: 'other', message: String(error) };
}
