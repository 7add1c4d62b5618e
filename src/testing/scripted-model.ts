import type { ChatModel, ChatRequest, ModelResponse } from '../agent/llm/chat-model.ts';

/**
 * A fake ChatModel for tests: answers with the given responses in order, records every request, and
 * `assertComplete()` fails the test if the script was not used up.
 */
export class ScriptedModel implements ChatModel {
  readonly id = 'scripted';
  readonly calls: ChatRequest[] = [];
  private next = 0;

  constructor(private readonly responses: readonly ModelResponse[]) {}

  async respond(request: ChatRequest): Promise<ModelResponse> {
    this.calls.push({ ...request, messages: [...request.messages] });
    const response = this.responses[this.next];
    if (!response) throw new Error(`ScriptedModel: call ${this.next + 1} has no scripted response (script has ${this.responses.length}).`);
    this.next += 1;
    if (request.onTextDelta && response.text) {
      for (const word of response.text.split(/(?<=\s)/)) request.onTextDelta(word);
    }
    return response;
  }

  assertComplete(): void {
    if (this.next !== this.responses.length) {
      throw new Error(`ScriptedModel: ${this.responses.length - this.next} scripted responses were never requested.`);
    }
  }
}
