import { CHANGEABLE_PAYMENT_METHODS } from '../policy/payment-change-policy.ts';
import { z } from 'zod';
import { CANCEL_REASON_CODES } from '../policy/cancel-reasons.ts';

const base = { orderId: z.number().int(), orderNo: z.string() };

/** A write of one order. */
const ORDER_OPERATIONS = [
  // Cards stored before reasons had codes commit as 'other'.
  z.object({ tool: z.literal('cancel_order'), ...base, reason: z.string().nullable(), reasonCode: z.enum(CANCEL_REASON_CODES).default('other') }),
  z.object({
    tool: z.literal('request_return'),
    ...base,
    items: z.array(z.object({ lineNo: z.number().int(), quantity: z.number().int().positive() })).min(1),
    reason: z.string(),
    refundTo: z.enum(['original', 'gift_card']).default('original'),
  }),
  z.object({
    tool: z.literal('request_exchange'), ...base, lineNo: z.number().int(), reason: z.string(), wanted: z.string().nullable(), toProductId: z.number().int().nullable().default(null),
    // Every item of the exchange (cards stored before several items were possible have only lineNo/toProductId).
    items: z.array(z.object({ lineNo: z.number().int(), wanted: z.string().nullable(), toProductId: z.number().int().nullable() })).default([]),
  }),
  z.object({
    tool: z.literal('change_order_items'), ...base,
    changes: z.array(z.object({ lineNo: z.number().int(), fromProductId: z.number().int(), toProductId: z.number().int() })).min(1),
    /** Where the difference is charged from or refunded to; null when no money moves. */
    settle: z.string().nullable(),
  }),
  z.object({ tool: z.literal('change_shipping_address'), ...base, address: z.string(), city: z.string(), postalCode: z.string().nullable().default(null) }),
  z.object({ tool: z.literal('change_payment_method'), ...base, method: z.enum(CHANGEABLE_PAYMENT_METHODS) }),
] as const;
export const OrderOperationSchema = z.discriminatedUnion('tool', [...ORDER_OPERATIONS]);
export type OrderOperation = z.infer<typeof OrderOperationSchema>;

/** The exact write a confirmation token commits; stored as JSON in support_confirmations.operation. */
export const PendingOperationSchema = z.discriminatedUnion('tool', [
  ...ORDER_OPERATIONS,
  // One card for a request spanning several orders: every part is committed, or none.
  z.object({ tool: z.literal('several'), orderId: z.null(), orderNo: z.null(), parts: z.array(OrderOperationSchema).min(2).max(10) }),
  // The profile's default address: no order is changed (orderId null); fromOrderNo names the order it was copied from.
  z.object({
    tool: z.literal('set_default_address'), orderId: z.null(), orderNo: z.null(), fromOrderNo: z.string().nullable(),
    street: z.string(), city: z.string().nullable(), province: z.string().nullable(), postalCode: z.string().nullable(), country: z.string().nullable(), fullAddress: z.string(),
  }),
]);
export type PendingOperation = z.infer<typeof PendingOperationSchema>;
export type WriteTool = PendingOperation['tool'];

/** The shopper-facing intent of each write. */
export const INTENT_OF_WRITE: Record<WriteTool, string> = {
  cancel_order: 'cancel_order',
  request_return: 'return',
  request_exchange: 'exchange',
  change_shipping_address: 'change_address',
  change_payment_method: 'change_payment',
  change_order_items: 'change_items',
  set_default_address: 'default_address',
  several: 'several',
};
