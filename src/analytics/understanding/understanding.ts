import type { AnalysisRequest } from '../analysis/analysis-request.ts';

/** What the offline planner made of a question. */
export type Understanding =
  | {
      kind: 'analysis';
      request: AnalysisRequest;
      confidence: number;
      notes: string[];
      /** Set when words were left unexplained: the question to ask instead of answering. */
      clarification?: { question: string; options: string[] };
    }
  | { kind: 'model'; toolName: string; arguments: Record<string, unknown>; confidence: number; notes: string[] }
  | { kind: 'clarify'; question: string; options: string[]; confidence: number; notes: string[] }
  | { kind: 'refuse'; reason: string; message: string; confidence: number; notes: string[] };

/** Below this the offline planner does not trust its reading: the LLM (if configured) or a clarifying question takes over. */
export const CONFIDENCE_THRESHOLD = 0.6;
