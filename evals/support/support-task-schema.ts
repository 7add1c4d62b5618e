import { z } from 'zod';

/** The classes the suite reports on; one YAML file per class in evals/support-tasks/. */
export const SUPPORT_TASK_CLASSES = [
  'cancel',
  'change_items',
  'change_address',
  'change_payment',
  'default_address',
  'return',
  'exchange',
  'totals',
  'tracking',
  'product_info',
  'payment_info',
  'multi_order',
  'policy_refusal',
  'wrong_target',
  'handoff',
  'dialogue',
] as const;
export type SupportTaskClass = (typeof SUPPORT_TASK_CLASSES)[number];

/** Which of a shopper's orders a task needs (see task-fixtures.ts for what each kind means on the demo). */
export const ORDER_KINDS = ['pending', 'shipped', 'delivered_recent', 'delivered_mid', 'delivered_old', 'delivered_any', 'returned', 'cancelled'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

export const orderFixtureSchema = z.strictObject({
  kind: z.enum(ORDER_KINDS),
  items: z.number().int().min(1).optional(),
  min_items: z.number().int().min(1).optional(),
  /** The order was not paid with this method (so a change to it is a change). */
  payment_not: z.string().optional(),
  /** The first two items have the same option word (both "Black" / "黑色"): naming the option is ambiguous. */
  shared_option: z.boolean().optional(),
});
export type OrderFixture = z.infer<typeof orderFixtureSchema>;

export const productFixtureSchema = z.strictObject({
  category: z.string(),
  /** Which product family of the category (0 = the first by product id). */
  index: z.number().int().min(0),
});

/** Orders that are not the shopper's: another shopper's open order, a number that exists nowhere, or one in another shop's format (#W…). */
export const DECOY_KINDS = ['other_pending', 'unknown', 'foreign_format'] as const;

const expectedValueSchema = z.union([z.string(), z.number(), z.strictObject({ contains: z.string() })]);
export type ExpectedValue = z.infer<typeof expectedValueSchema>;

const changeSchema = z.union([
  z.strictObject({ order: z.string(), set: z.record(z.string(), expectedValueSchema), optional: z.boolean().optional() }),
  z.strictObject({ item: z.string().regex(/^[a-z]\w*\.item\d+$/, 'item must look like main.item1'), set: z.record(z.string(), expectedValueSchema), optional: z.boolean().optional() }),
]);
export type ExpectedChange = z.infer<typeof changeSchema>;

/** A fact the replies must state: a text (templated), a money amount computed from the database, or one of several phrasings. */
export const factSchema = z.union([
  z.string(),
  z.strictObject({ money: z.string() }),
  z.strictObject({ any: z.array(z.string()).min(1) }),
  z.strictObject({ stock: z.string() }),
  z.strictObject({ saved_methods: z.literal(true) }),
  z.strictObject({ payments_of: z.string() }),
]);
export type Fact = z.infer<typeof factSchema>;

const expectSchema = z.strictObject({
  /** Every change to the shopper's orders and items; anything else that changes fails the task. Empty: nothing changes. */
  changes: z.array(changeSchema).default([]),
  tickets: z.array(z.strictObject({ order: z.string(), kind: z.string(), payload_has: z.record(z.string(), z.union([z.string(), z.array(z.string())])) })).default([]),
  /** Money movements recorded for an order (table payments); kind difference = charge if positive, refund if negative. */
  payments: z.array(z.strictObject({ order: z.string(), kind: z.enum(['charge', 'refund', 'difference']), amount: z.string() })).default([]),
  default_address: z.record(z.string(), expectedValueSchema).optional(),
  handoff: z.boolean().default(false),
  decoys_unchanged: z.boolean().optional(),
  facts: z.array(factSchema).default([]),
});

const sayStepSchema = z.union([z.string().min(1), z.strictObject({ interrupt: z.string().min(1) })]);
export type SayStep = z.infer<typeof sayStepSchema>;

/** What the shopper answers when the bot asks for one of these (templated). */
export const ANSWER_SLOTS = ['order', 'items', 'reason', 'address', 'refund_method', 'payment_method', 'variant', 'quantity', 'human', 'confirm'] as const;
export type AnswerSlot = (typeof ANSWER_SLOTS)[number];

export const supportTaskSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be kebab-case'),
  language: z.enum(['zh', 'en']),
  persona: z.string().min(1),
  goal: z.string().min(1),
  shopper: z
    .strictObject({
      orders: z.record(z.string().regex(/^[a-z]\w*$/), orderFixtureSchema).default({}),
      products: z.record(z.string().regex(/^[a-z]\w*$/), productFixtureSchema).default({}),
    })
    .default({ orders: {}, products: {} }),
  decoys: z.record(z.string().regex(/^[a-z]\w*$/), z.enum(DECOY_KINDS)).default({}),
  say: z.array(sayStepSchema).min(1),
  answers: z.partialRecord(z.enum(ANSWER_SLOTS), z.string()).default({}),
  expect: expectSchema,
  notes: z.string().optional(),
});
export type SupportTask = z.infer<typeof supportTaskSchema> & { class: SupportTaskClass; file: string };

export const supportTaskFileSchema = z.strictObject({
  class: z.enum(SUPPORT_TASK_CLASSES),
  tasks: z.array(z.unknown()).min(1),
});
