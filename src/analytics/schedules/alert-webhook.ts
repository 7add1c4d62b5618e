import { z } from 'zod';
import { ScheduleError } from './schedule-error.ts';

/** A webhook must be an http(s) URL; nothing else is called. */
export const WebhookUrlSchema = z
  .string()
  .max(2000)
  .refine((text) => {
    try {
      return ['http:', 'https:'].includes(new URL(text).protocol);
    } catch {
      return false;
    }
  }, 'an http:// or https:// URL');

export interface AlertPayload {
  schedule_id: string;
  run_id: string;
  question: string;
  language: 'en' | 'zh';
  ran_at: string;
  value: number | null;
  message: string;
  answer: string;
}

/**
 * POSTs a fired alert as JSON. Returns a short status for the run's record ("200", "timeout", "error: …"); a
 * webhook that fails never fails the run, and it is not retried (the inbox still has the alert).
 */
export async function callWebhook(url: string, payload: AlertPayload, options: { timeoutMs?: number; fetch?: typeof fetch } = {}): Promise<string> {
  if (!WebhookUrlSchema.safeParse(url).success) throw new ScheduleError(`The webhook ${url} is not an http:// or https:// URL.`, { kind: 'bad_parameter', parameter: 'webhook_url' });
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'ShopLens-alerts' },
      body: JSON.stringify({ type: 'shoplens.alert', ...payload }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      redirect: 'manual',
    });
    return String(response.status);
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}
