import type { z } from 'zod';
import type { ToolContext } from './tool-context.ts';

/** An agent tool: the same shape for every tool in src/tools, whichever planner calls it. */
export interface Tool<Parameters extends z.ZodType = z.ZodType, Result = unknown> {
  /** snake_case, as the model sees it. */
  name: string;
  description: string;
  parameters: Parameters;
  /** JSON Schema shown to models when it should say more than `parameters` can validate (see query_metrics). */
  modelSchema?: z.ZodType;
  execute(argumentsValue: z.infer<Parameters>, context: ToolContext): Promise<Result>;
}

/** Helps TypeScript infer the parameter type from the zod schema. */
export function defineTool<Parameters extends z.ZodType, Result>(tool: Tool<Parameters, Result>): Tool<Parameters, Result> {
  return tool;
}

export type AnyTool = Tool<z.ZodType, unknown>;
