import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** One scripted reply: text, tool calls, or both. */
export interface FakeReply {
  text?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
}

const ChatCompletionRequestSchema = z.object({
  model: z.string(),
  messages: z.array(z.looseObject({ role: z.string() })),
  tools: z.array(z.looseObject({ type: z.string(), function: z.looseObject({ name: z.string() }) })).optional(),
  stream: z.boolean().optional(),
});
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>;

/**
 * A tiny OpenAI-compatible Chat Completions server on 127.0.0.1 for tests: it answers with scripted replies
 * in order (streamed as SSE when asked), and records every request it received.
 */
export class FakeOpenAiServer {
  readonly requests: ChatCompletionRequest[] = [];
  private server?: Server;
  private next = 0;

  constructor(private readonly replies: FakeReply[]) {}

  get baseUrl(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('FakeOpenAiServer is not started');
    return `http://127.0.0.1:${address.port}/v1`;
  }

  get unusedReplies(): number {
    return this.replies.length - this.next;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
      response.writeHead(404).end(JSON.stringify({ error: { message: `no route ${request.method} ${request.url}` } }));
      return;
    }
    const parsed = ChatCompletionRequestSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    if (!parsed.success) {
      response.writeHead(400).end(JSON.stringify({ error: { message: parsed.error.message } }));
      return;
    }
    this.requests.push(parsed.data);
    const reply = this.replies[this.next];
    this.next += 1;
    if (!reply) {
      response.writeHead(500).end(JSON.stringify({ error: { message: 'FakeOpenAiServer: script exhausted' } }));
      return;
    }
    const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({
      index,
      id: `call_${this.next}_${index}`,
      type: 'function',
      function: { name: call.name, arguments: JSON.stringify(call.arguments) },
    }));
    const finishReason = toolCalls.length > 0 ? 'tool_calls' : 'stop';
    const base = { id: `chatcmpl-${this.next}`, created: 0, model: parsed.data.model };
    if (!parsed.data.stream) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          ...base,
          object: 'chat.completion',
          choices: [{ index: 0, finish_reason: finishReason, message: { role: 'assistant', content: reply.text ?? null, tool_calls: toolCalls.length ? toolCalls : undefined } }],
        }),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (delta: Record<string, unknown>, finish: string | null) =>
      response.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
    send({ role: 'assistant', content: '' }, null);
    for (const word of (reply.text ?? '').split(/(?<=\s)/).filter(Boolean)) send({ content: word }, null);
    for (const call of toolCalls) {
      // Split the arguments in two chunks, as real servers do, so the client must reassemble them.
      const half = Math.ceil(call.function.arguments.length / 2);
      send({ tool_calls: [{ index: call.index, id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments.slice(0, half) } }] }, null);
      send({ tool_calls: [{ index: call.index, function: { arguments: call.function.arguments.slice(half) } }] }, null);
    }
    send({}, finishReason);
    response.end('data: [DONE]\n\n');
  }
}
