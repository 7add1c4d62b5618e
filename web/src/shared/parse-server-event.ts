import { AcknowledgementSchema, ServerEventSchema, type Acknowledgement, type ServerEvent } from '../../../src/server/protocol.ts';

export type ParsedServerEvent = { ok: true; event: ServerEvent } | { ok: false; problem: string };

/** Every server event is validated before the page looks at it; a malformed one is reported, never half-used. */
export function parseServerEvent(raw: unknown): ParsedServerEvent {
  const parsed = ServerEventSchema.safeParse(raw);
  if (parsed.success) return { ok: true, event: parsed.data };
  const issue = parsed.error.issues[0];
  const type = typeof raw === 'object' && raw !== null && 'type' in raw ? String((raw as { type: unknown }).type) : '(no type)';
  return { ok: false, problem: `${type}: ${issue ? `${issue.path.join('.') || '(root)'} ${issue.message}` : 'invalid'}` };
}

/** An acknowledgement that does not parse is treated as a failure (the request may or may not have run). */
export function parseAcknowledgement(raw: unknown): Acknowledgement {
  const parsed = AcknowledgementSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  return { ok: false, code: 'internal', message: 'The server sent an acknowledgement this page does not understand; reload the page.' };
}
