import { z } from 'zod';

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ModelToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

export interface ModelToolCall {
  id: string;
  name: string;
  arguments: unknown;
}

/** A tool as a model sees it: name, description and JSON Schema of its parameters. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export const ModelResponseSchema = z.object({
  text: z.string(),
  toolCalls: z.array(z.object({ id: z.string(), name: z.string(), arguments: z.unknown() })),
});
export type ModelResponse = z.infer<typeof ModelResponseSchema>;

export interface ChatRequest {
  messages: ChatMessage[];
  tools: ToolSpec[];
  /** Called with each text token as it streams in, when the model streams. */
  onTextDelta?: (delta: string) => void;
  signal?: AbortSignal;
}

/** The narrow interface the LLM planner needs; LangChain behind it in production, a script in tests. */
export interface ChatModel {
  readonly id: string;
  respond(request: ChatRequest): Promise<ModelResponse>;
}
