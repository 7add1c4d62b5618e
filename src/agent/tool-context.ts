import type { Warehouse } from '../sql/warehouse.ts';

import type { Language } from '../text/language.ts';
export type { Language };

/**
 * What a tool may know about the run that called it. Identity (customerId) comes from the authenticated
 * session, never from model output, so no tool takes a customer id as a parameter.
 */
export interface ToolContext {
  warehouse: Warehouse;
  language: Language;
  /** The data's latest date (YYYY-MM-DD): relative dates resolve against it. */
  asOf: string;
  conversationId?: string;
  customerId?: number;
  signal?: AbortSignal;
  /** Long work inside a tool (a model training) reports how far it is; the loop forwards it as a tool-progress event. */
  onProgress?: (progress: ToolProgress) => void;
}

export interface ToolProgress {
  phase: string;
  /** 0–100. */
  percent: number;
  elapsedMs: number;
}
