import { z } from 'zod';
import type { Language } from '../text/language.ts';

/**
 * Who the shopper is, as the server authenticated them: a signed-in customer (all their orders), or a guest who
 * verified one order (that order only). Identity always comes from here, never from a message or a model.
 */
export type SupportScope = { kind: 'customer'; customerId: number } | { kind: 'guest-order'; customerId: number; orderId: number };

export interface SupportSession {
  scope: SupportScope;
  /** The shopper's chosen language; when absent each message's own language is used. */
  language?: Language;
}

export const SupportScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customer'), customerId: z.number().int().positive() }),
  z.object({ kind: z.literal('guest-order'), customerId: z.number().int().positive(), orderId: z.number().int().positive() }),
]);

export const SupportSessionSchema = z.object({
  scope: SupportScopeSchema,
  language: z.enum(['en', 'zh']).optional(),
});

/** The audit actor of everything the shopper does through the bot. */
export function customerActor(scope: SupportScope): string {
  return `customer:${scope.customerId}`;
}
