import { z } from 'zod';

const LlmConfigurationSchema = z.object({
  baseUrl: z.url({ message: 'SHOPLENS_LLM_BASE_URL must be a URL such as https://api.deepseek.com/v1' }),
  apiKey: z.string().min(1).default('not-needed'),
  model: z.string().min(1, 'SHOPLENS_LLM_MODEL must name a model, e.g. gpt-4o-mini, deepseek-chat, qwen-plus'),
  timeoutMs: z.coerce.number().int().positive().default(60_000),
});
export type LlmConfiguration = z.infer<typeof LlmConfigurationSchema>;

/**
 * The LLM is optional: with no SHOPLENS_LLM_BASE_URL the agent runs on its offline planner alone.
 * Any OpenAI-compatible endpoint works (OpenAI, DeepSeek, Qwen/DashScope, vLLM, Ollama).
 */
export function llmConfigurationFromEnvironment(environment: NodeJS.ProcessEnv = process.env): LlmConfiguration | undefined {
  if (!environment.SHOPLENS_LLM_BASE_URL) return undefined;
  return LlmConfigurationSchema.parse({
    baseUrl: environment.SHOPLENS_LLM_BASE_URL,
    apiKey: environment.SHOPLENS_LLM_API_KEY || undefined,
    model: environment.SHOPLENS_LLM_MODEL ?? '',
    timeoutMs: environment.SHOPLENS_LLM_TIMEOUT_MS || undefined,
  });
}
