import { AIMessage, AIMessageChunk, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import type { ChatMessage, ChatModel, ChatRequest, ModelResponse } from './chat-model.ts';
import type { LlmConfiguration } from './llm-configuration.ts';

function toLangChainMessage(message: ChatMessage): BaseMessage {
  switch (message.role) {
    case 'system':
      return new SystemMessage(message.content);
    case 'user':
      return new HumanMessage(message.content);
    case 'assistant':
      return new AIMessage({
        content: message.content,
        tool_calls: (message.toolCalls ?? []).map((call) => ({
          id: call.id,
          name: call.name,
          args: (call.arguments ?? {}) as Record<string, unknown>,
          type: 'tool_call' as const,
        })),
      });
    case 'tool':
      return new ToolMessage({ content: message.content, tool_call_id: message.toolCallId });
  }
}

function textOf(content: AIMessageChunk['content']): string {
  if (typeof content === 'string') return content;
  return content.map((part) => (typeof part === 'object' && part && 'text' in part ? String(part.text) : '')).join('');
}

/** LangChain's ChatOpenAI on the Chat Completions API, so every OpenAI-compatible server works. */
export class LangChainChatModel implements ChatModel {
  readonly id: string;
  private readonly chat: ChatOpenAI;

  constructor(configuration: LlmConfiguration) {
    this.id = configuration.model;
    this.chat = new ChatOpenAI({
      model: configuration.model,
      apiKey: configuration.apiKey,
      configuration: { baseURL: configuration.baseUrl },
      temperature: 0,
      timeout: configuration.timeoutMs,
      maxRetries: 1,
      useResponsesApi: false,
      streaming: true,
      streamUsage: false,
    });
  }

  async respond(request: ChatRequest): Promise<ModelResponse> {
    const bound = this.chat.bindTools(
      request.tools.map((tool) => ({ type: 'function' as const, function: { name: tool.name, description: tool.description, parameters: tool.parameters } })),
    );
    let aggregate: AIMessageChunk | undefined;
    const stream = await bound.stream(request.messages.map(toLangChainMessage), { signal: request.signal });
    for await (const chunk of stream) {
      const delta = textOf(chunk.content);
      if (delta) request.onTextDelta?.(delta);
      aggregate = aggregate ? aggregate.concat(chunk) : chunk;
    }
    return {
      text: aggregate ? textOf(aggregate.content) : '',
      toolCalls: (aggregate?.tool_calls ?? []).map((call, index) => ({
        id: call.id ?? `call_${index}`,
        name: call.name,
        arguments: call.args,
      })),
    };
  }
}
