import { afterEach, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../testing/fake-openai-server.ts';
import { LangChainChatModel } from './langchain-chat-model.ts';

describe('LangChainChatModel against an OpenAI-compatible server on 127.0.0.1', () => {
  let server: FakeOpenAiServer | undefined;
  afterEach(async () => server?.stop());

  it('streams text tokens and returns them whole', async () => {
    server = await new FakeOpenAiServer([{ text: 'GMV rose 12% last week.' }]).start();
    const model = new LangChainChatModel({ baseUrl: server.baseUrl, apiKey: 'test', model: 'fake-model', timeoutMs: 5000 });
    const deltas: string[] = [];
    const response = await model.respond({ messages: [{ role: 'user', content: 'hi' }], tools: [], onTextDelta: (delta) => deltas.push(delta) });
    expect(response.text).toBe('GMV rose 12% last week.');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(response.text);
    expect(server.requests[0]?.stream).toBe(true);
    expect(server.requests[0]?.model).toBe('fake-model');
  });

  it('sends tools as functions and reassembles streamed tool-call arguments', async () => {
    server = await new FakeOpenAiServer([{ toolCalls: [{ name: 'run_sql', arguments: { sql: 'SELECT count(*) FROM orders' } }] }]).start();
    const model = new LangChainChatModel({ baseUrl: server.baseUrl, apiKey: 'test', model: 'fake-model', timeoutMs: 5000 });
    const response = await model.respond({
      messages: [
        { role: 'system', content: 'You answer with SQL.' },
        { role: 'user', content: 'How many orders?' },
      ],
      tools: [{ name: 'run_sql', description: 'Run SQL', parameters: { type: 'object', properties: { sql: { type: 'string' } }, required: ['sql'] } }],
    });
    expect(response.toolCalls).toEqual([{ id: 'call_1_0', name: 'run_sql', arguments: { sql: 'SELECT count(*) FROM orders' } }]);
    expect(server.requests[0]?.tools?.[0]?.function.name).toBe('run_sql');
    expect(server.requests[0]?.messages.map((message) => message.role)).toEqual(['system', 'user']);
  });
});
