/** Progress a run reports while it works; the server turns these into wire events. */
export type AgentEvent =
  | { type: 'phase'; phase: 'understanding' | 'planning' | 'sql' | 'running' | 'chart' | 'narrative' }
  | { type: 'tool-call-start'; callId: string; toolName: string; arguments: unknown }
  | { type: 'tool-progress'; callId: string; toolName: string; phase: string; percent: number; elapsedMs: number }
  | { type: 'tool-result'; callId: string; toolName: string; ok: boolean; elapsedMs: number }
  | { type: 'text-delta'; delta: string };

export type AgentEventListener = (event: AgentEvent) => void;
