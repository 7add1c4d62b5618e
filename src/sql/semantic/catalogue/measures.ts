import { measureSchema, type MeasureDefinition } from './catalogue-schema.ts';

const PAID = 'o.paid_at IS NOT NULL';

// Two-stage facts (events, order_lines) are grouped per user first: `unit_columns` run per (dimensions, user),
// `aggregate` over those rows. `unit_key` is the user id of the unit row (NULL for guest orders).
const MEASURES_INPUT = [
  // events, per user
  { id: 'view_events', fact: 'events', unit_columns: { view_events: "COUNT(*) FILTER (WHERE e.event_type = 'view')" }, aggregate: 'SUM(view_events)' },
  { id: 'cart_events', fact: 'events', unit_columns: { cart_events: "COUNT(*) FILTER (WHERE e.event_type = 'cart')" }, aggregate: 'SUM(cart_events)' },
  { id: 'fav_events', fact: 'events', unit_columns: { fav_events: "COUNT(*) FILTER (WHERE e.event_type = 'fav')" }, aggregate: 'SUM(fav_events)' },
  { id: 'search_events', fact: 'events', unit_columns: { search_events: "COUNT(*) FILTER (WHERE e.event_type = 'search')" }, aggregate: 'SUM(search_events)' },
  { id: 'purchase_events', fact: 'events', unit_columns: { purchase_events: "COUNT(*) FILTER (WHERE e.event_type = 'purchase')" }, aggregate: 'SUM(purchase_events)' },
  { id: 'visitors', fact: 'events', aggregate: 'COUNT(*)' },
  { id: 'user_days', fact: 'events', unit_columns: { user_days: 'COUNT(DISTINCT CAST(e.event_time AS DATE))' }, aggregate: 'SUM(user_days)' },
  { id: 'cart_users', fact: 'events', unit_columns: { has_cart: "bool_or(e.event_type = 'cart')" }, aggregate: 'COUNT(*) FILTER (WHERE has_cart)' },
  { id: 'fav_users', fact: 'events', unit_columns: { has_fav: "bool_or(e.event_type = 'fav')" }, aggregate: 'COUNT(*) FILTER (WHERE has_fav)' },
  { id: 'search_users', fact: 'events', unit_columns: { has_search: "bool_or(e.event_type = 'search')" }, aggregate: 'COUNT(*) FILTER (WHERE has_search)' },
  {
    id: 'search_buyers',
    fact: 'events',
    unit_columns: { has_search: "bool_or(e.event_type = 'search')", has_purchase: "bool_or(e.event_type = 'purchase')" },
    aggregate: 'COUNT(*) FILTER (WHERE has_search AND has_purchase)',
  },
  { id: 'purchase_users', fact: 'events', unit_columns: { has_purchase: "bool_or(e.event_type = 'purchase')" }, aggregate: 'COUNT(*) FILTER (WHERE has_purchase)' },
  {
    id: 'cart_buyers',
    fact: 'events',
    unit_columns: { has_cart: "bool_or(e.event_type = 'cart')", has_purchase: "bool_or(e.event_type = 'purchase')" },
    aggregate: 'COUNT(*) FILTER (WHERE has_cart AND has_purchase)',
  },
  {
    id: 'abandoned_cart_users',
    fact: 'events',
    unit_columns: { has_cart: "bool_or(e.event_type = 'cart')", has_purchase: "bool_or(e.event_type = 'purchase')" },
    aggregate: 'COUNT(*) FILTER (WHERE has_cart AND NOT has_purchase)',
  },
  { id: 'dwell_seconds_total', fact: 'events', unit_columns: { dwell_seconds_total: 'SUM(e.dwell_seconds)' }, aggregate: 'SUM(dwell_seconds_total)' },
  { id: 'dwell_events', fact: 'events', unit_columns: { dwell_events: 'COUNT(e.dwell_seconds)' }, aggregate: 'SUM(dwell_events)' },
  // order lines, per user; an order belongs to one user, so per-user distinct counts add up exactly
  { id: 'paid_orders', fact: 'order_lines', unit_columns: { paid_orders: `COUNT(DISTINCT oi.order_id) FILTER (WHERE ${PAID})` }, aggregate: 'SUM(paid_orders)' },
  { id: 'created_orders', fact: 'order_lines', unit_columns: { created_orders: 'COUNT(DISTINCT oi.order_id)' }, aggregate: 'SUM(created_orders)' },
  {
    id: 'cancelled_orders',
    fact: 'order_lines',
    unit_columns: { cancelled_orders: "COUNT(DISTINCT oi.order_id) FILTER (WHERE o.status = 'cancelled')" },
    aggregate: 'SUM(cancelled_orders)',
  },
  {
    id: 'returned_orders',
    fact: 'order_lines',
    unit_columns: {
      returned_orders: `COUNT(DISTINCT oi.order_id) FILTER (WHERE ${PAID} AND (o.status = 'returned' OR o.returned_at IS NOT NULL))`,
    },
    aggregate: 'SUM(returned_orders)',
  },
  { id: 'gmv_amount', fact: 'order_lines', unit_columns: { gmv_amount: `SUM(oi.amount) FILTER (WHERE ${PAID})` }, aggregate: 'SUM(gmv_amount)' },
  { id: 'paid_units', fact: 'order_lines', unit_columns: { paid_units: `SUM(oi.quantity) FILTER (WHERE ${PAID})` }, aggregate: 'SUM(paid_units)' },
  {
    id: 'buyers',
    fact: 'order_lines',
    unit_columns: { paid_orders: `COUNT(DISTINCT oi.order_id) FILTER (WHERE ${PAID})` },
    aggregate: 'COUNT(*) FILTER (WHERE paid_orders > 0 AND unit_key IS NOT NULL)',
  },
  {
    id: 'repeat_buyers',
    fact: 'order_lines',
    unit_columns: { paid_orders: `COUNT(DISTINCT oi.order_id) FILTER (WHERE ${PAID})` },
    aggregate: 'COUNT(*) FILTER (WHERE paid_orders >= 2 AND unit_key IS NOT NULL)',
  },
  {
    id: 'one_time_buyers',
    fact: 'order_lines',
    unit_columns: { paid_orders: `COUNT(DISTINCT oi.order_id) FILTER (WHERE ${PAID})` },
    aggregate: 'COUNT(*) FILTER (WHERE paid_orders = 1 AND unit_key IS NOT NULL)',
  },
  // reviews
  { id: 'reviews', fact: 'reviews', aggregate: 'COUNT(*)' },
  { id: 'rating_total', fact: 'reviews', aggregate: 'SUM(r.rating)' },
  { id: 'positive_reviews', fact: 'reviews', aggregate: 'COUNT(*) FILTER (WHERE r.rating >= 4)' },
  { id: 'negative_reviews', fact: 'reviews', aggregate: 'COUNT(*) FILTER (WHERE r.rating <= 2)' },
  // sessions
  { id: 'sessions', fact: 'sessions', aggregate: 'COUNT(*)' },
  { id: 'bounced_sessions', fact: 'sessions', aggregate: 'COUNT(*) FILTER (WHERE s.event_count = 1)' },
  // user cohorts: a user's day N is observable only when first_day + N is on or before the data's last day
  { id: 'new_users', fact: 'user_cohorts', aggregate: 'COUNT(*)' },
  { id: 'retained_day_1', fact: 'user_cohorts', aggregate: 'COUNT(*) FILTER (WHERE c.active_day_1)' },
  { id: 'eligible_day_1', fact: 'user_cohorts', aggregate: 'COUNT(*) FILTER (WHERE c.first_day + 1 <= c.as_of_day)' },
  { id: 'retained_day_7', fact: 'user_cohorts', aggregate: 'COUNT(*) FILTER (WHERE c.active_day_7)' },
  { id: 'eligible_day_7', fact: 'user_cohorts', aggregate: 'COUNT(*) FILTER (WHERE c.first_day + 7 <= c.as_of_day)' },
  { id: 'retained_day_30', fact: 'user_cohorts', aggregate: 'COUNT(*) FILTER (WHERE c.active_day_30)' },
  { id: 'eligible_day_30', fact: 'user_cohorts', aggregate: 'COUNT(*) FILTER (WHERE c.first_day + 30 <= c.as_of_day)' },
  // Eligible once the data covers the whole calendar month after the first one; only eligible users count as retained.
  {
    id: 'retained_next_month',
    fact: 'user_cohorts',
    aggregate: "COUNT(*) FILTER (WHERE c.active_next_month AND date_trunc('month', c.first_day) + INTERVAL 2 MONTH <= c.as_of_day + 1)",
  },
  { id: 'eligible_next_month', fact: 'user_cohorts', aggregate: "COUNT(*) FILTER (WHERE date_trunc('month', c.first_day) + INTERVAL 2 MONTH <= c.as_of_day + 1)" },
  // support events, per conversation (unit_key = conversation_id; rows without a conversation are not conversations)
  { id: 'support_turns', fact: 'support_events', unit_columns: { support_turn_events: "COUNT(*) FILTER (WHERE se.event_type = 'turn')" }, aggregate: 'SUM(support_turn_events)' },
  {
    id: 'support_conversations',
    fact: 'support_events',
    unit_columns: { has_support_turn: "bool_or(se.event_type = 'turn')" },
    aggregate: 'COUNT(*) FILTER (WHERE has_support_turn AND unit_key IS NOT NULL)',
  },
  {
    id: 'handoff_conversations',
    fact: 'support_events',
    unit_columns: { has_handoff_request: "bool_or(se.event_type = 'handoff_requested')" },
    aggregate: 'COUNT(*) FILTER (WHERE has_handoff_request AND unit_key IS NOT NULL)',
  },
  {
    id: 'handed_over_support_conversations',
    fact: 'support_events',
    unit_columns: { has_support_turn: "bool_or(se.event_type = 'turn')", has_handoff_request: "bool_or(se.event_type = 'handoff_requested')" },
    aggregate: 'COUNT(*) FILTER (WHERE has_support_turn AND has_handoff_request AND unit_key IS NOT NULL)',
  },
  {
    id: 'policy_denial_events',
    fact: 'support_events',
    unit_columns: { policy_denial_events: "COUNT(*) FILTER (WHERE se.event_type = 'policy_denial')" },
    aggregate: 'SUM(policy_denial_events)',
  },
  // CSAT: shoppers' 1–5 ratings of chats a human agent resolved (one csat_rating event per rated conversation)
  { id: 'csat_rating_total', fact: 'support_events', unit_columns: { csat_rating_total: "SUM(se.rating) FILTER (WHERE se.event_type = 'csat_rating')" }, aggregate: 'SUM(csat_rating_total)' },
  { id: 'csat_ratings', fact: 'support_events', unit_columns: { csat_ratings: "COUNT(se.rating) FILTER (WHERE se.event_type = 'csat_rating')" }, aggregate: 'SUM(csat_ratings)' },
  // window-wide denominator for DAU
  { id: 'active_days', fact: 'active_days', aggregate: 'COUNT(DISTINCT CAST(e.event_time AS DATE))' },
] as const;

export const MEASURES: readonly MeasureDefinition[] = MEASURES_INPUT.map((measure) => measureSchema.parse(measure));

const MEASURES_BY_ID = new Map(MEASURES.map((measure) => [measure.id, measure]));

export function getMeasure(id: string): MeasureDefinition {
  const measure = MEASURES_BY_ID.get(id);
  if (!measure) throw new Error(`Internal catalogue error: measure "${id}" is not defined in measures.ts.`);
  return measure;
}
