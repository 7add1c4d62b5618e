import { addDays, maxDate, startOfIsoWeek, type DateRange } from '../time/calendar-date.ts';
import { AGE_BANDS } from '../catalogue/entity-dimensions.ts';
import type { Fixture, FixtureEvent, FixtureOrder, FixtureOrderItem, FixtureProduct, FixtureReview, FixtureSupportEvent, FixtureUser } from './semantic-fixture.ts';

/**
 * Plain-JS reference computations over a Fixture, written from the metric definitions and independent of the
 * compiler, so tests can compare the compiled SQL against them. Only test code imports this file.
 */
export type Group = string | number;
type Value = number | null;

const dateOf = (time: string) => time.slice(0, 10);
const hourOf = (time: string) => Number(time.slice(11, 13));
const weekdayOf = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const inWindow = (date: string, window: DateRange) => date >= window.start && date <= window.end;
const ratio = (numerator: number, denominator: number): Value => (denominator === 0 ? null : numerator / denominator);
const distinct = <T>(values: T[]) => new Set(values).size;

interface Context {
  fixture: Fixture;
  window: DateRange;
  users: Map<number, FixtureUser>;
  products: Map<number, FixtureProduct>;
  orders: Map<number, FixtureOrder>;
  firstSeen: Map<number, string>;
  bucketGrain: 'day' | 'week' | 'month' | undefined;
}

/** What a row offers to dimensions: its time, user and product (any may be missing). */
interface RowFacts {
  time: string;
  userId: number | null;
  productId: number | null;
  device: string | null | undefined;
  extra: Record<string, string | null>;
}

function ageBand(age: number | null): string {
  if (age === null) return 'unknown';
  return AGE_BANDS.find((band) => band.upper === undefined || age < band.upper)?.label ?? 'unknown';
}

function bucketStart(context: Context, date: string): string {
  if (context.bucketGrain === 'day') return date;
  if (context.bucketGrain === 'week') return maxDate(startOfIsoWeek(date), context.window.start);
  if (context.bucketGrain === 'month') return maxDate(`${date.slice(0, 8)}01`, context.window.start);
  return context.window.start;
}

/** Dimension value of a row; null = the row is left out; undefined = not supported for this row kind. */
export function dimensionValue(dimension: string, row: RowFacts, context: Context): Group | null | undefined {
  const user = row.userId === null ? undefined : context.users.get(row.userId);
  const product = row.productId === null ? undefined : context.products.get(row.productId);
  const date = dateOf(row.time);
  switch (dimension) {
    case 'day':
      return date;
    case 'week':
      return startOfIsoWeek(date);
    case 'month':
      return `${date.slice(0, 8)}01`;
    case 'hour':
      return row.time.length > 10 ? hourOf(row.time) : undefined;
    case 'weekday':
      return weekdayOf(date);
    case 'category':
      return product ? product.category : null;
    case 'brand':
      return product ? product.brand : null;
    case 'city':
      return user?.city ?? 'unknown';
    case 'gender':
      return user?.gender ?? 'unknown';
    case 'age_band':
      return ageBand(user?.age ?? null);
    case 'channel':
      return user?.channel ?? 'unknown';
    case 'device':
      return row.device === undefined ? undefined : (row.device ?? 'unknown');
    case 'new_vs_returning': {
      if (row.extra.cohort !== undefined) return undefined;
      const first = row.userId === null ? undefined : context.firstSeen.get(row.userId);
      if (first === undefined) return 'unknown';
      return first >= bucketStart(context, date) ? 'new' : 'returning';
    }
    default:
      return dimension in row.extra ? (row.extra[dimension] ?? 'unknown') : undefined;
  }
}

function context(fixture: Fixture, window: DateRange, bucketGrain: Context['bucketGrain']): Context {
  const firstSeen = new Map<number, string>();
  const see = (userId: number | null, date: string) => {
    if (userId === null) return;
    const known = firstSeen.get(userId);
    if (known === undefined || date < known) firstSeen.set(userId, date);
  };
  for (const event of fixture.events) see(event.user_id, dateOf(event.event_time));
  for (const order of fixture.orders) see(order.user_id, dateOf(order.created_at));
  return {
    fixture,
    window,
    users: new Map(fixture.users.map((user) => [user.user_id, user])),
    products: new Map(fixture.products.map((product) => [product.product_id, product])),
    orders: new Map(fixture.orders.map((order) => [order.order_id, order])),
    firstSeen,
    bucketGrain,
  };
}

function groupRows<T>(rows: T[], facts: (row: T) => RowFacts, dimensions: string[], ctx: Context): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const values = dimensions.map((dimension) => dimensionValue(dimension, facts(row), ctx));
    if (values.some((value) => value === undefined)) throw new Error(`reference: unsupported dimension in ${dimensions}`);
    if (values.some((value) => value === null)) continue;
    const key = JSON.stringify(values);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

const eventFacts = (event: FixtureEvent): RowFacts => ({
  time: event.event_time, userId: event.user_id, productId: event.product_id, device: event.device, extra: {},
});

interface LineRow { item: FixtureOrderItem; order: FixtureOrder }
const lineFacts = ({ item, order }: LineRow): RowFacts => ({
  time: order.created_at, userId: order.user_id, productId: item.product_id, device: order.device,
  extra: { payment_method: order.payment_method, order_status: order.status },
});

const reviewFacts = (review: FixtureReview): RowFacts => ({
  time: review.created_at, userId: review.user_id, productId: review.product_id, device: undefined,
  extra: { language: review.language },
});

interface SessionRow { userId: number; start: string; eventCount: number; device: string | null }
const sessionFacts = (session: SessionRow): RowFacts => ({
  time: session.start, userId: session.userId, productId: null, device: session.device, extra: {},
});

interface CohortRow { userId: number; firstDay: string; firstDevice: string | null; days: Set<string> }
const cohortFacts = (cohort: CohortRow): RowFacts => ({
  time: cohort.firstDay, userId: cohort.userId, productId: null, device: cohort.firstDevice, extra: { cohort: 'yes' },
});

/** Intents that do not name a topic; a hand-off row takes the latest earlier turn intent that is not one of them. */
const NON_TOPIC_INTENTS = new Set(['handoff', 'greeting', 'confirmation', 'other']);

interface SupportRow { event: FixtureSupportEvent; intent: string | null }
const supportFacts = ({ event, intent }: SupportRow): RowFacts => ({
  time: event.occurred_at, userId: null, productId: null, device: undefined,
  extra: { language: event.language, support_intent: intent, support_outcome: event.outcome },
});

function supportRowsOf(fixture: Fixture): SupportRow[] {
  const all = fixture.supportEvents ?? [];
  return all.map((event) => {
    if (event.intent !== 'handoff' || event.event_type === 'turn') return { event, intent: event.intent };
    const topic = all
      .filter((other) => other.conversation_id !== null && other.conversation_id === event.conversation_id && other.event_type === 'turn'
        && other.intent !== null && !NON_TOPIC_INTENTS.has(other.intent) && other.occurred_at < event.occurred_at)
      .sort((left, right) => left.occurred_at.localeCompare(right.occurred_at))
      .at(-1);
    return { event, intent: topic?.intent ?? event.intent };
  });
}

function sessionsOf(fixture: Fixture): SessionRow[] {
  const sessions = new Map<string, FixtureEvent[]>();
  for (const event of fixture.events) {
    const key = `${event.user_id}/${event.session_id}`;
    sessions.set(key, [...(sessions.get(key) ?? []), event]);
  }
  return [...sessions.values()].map((events) => {
    const first = [...events].sort((a, b) => a.event_time.localeCompare(b.event_time))[0] as FixtureEvent;
    return { userId: first.user_id, start: first.event_time, eventCount: events.length, device: first.device };
  });
}

function cohortsOf(fixture: Fixture): { cohorts: CohortRow[]; asOf: string } {
  const days = new Map<number, Set<string>>();
  const firstEvent = new Map<number, FixtureEvent>();
  const active = (userId: number | null, day: string) => {
    if (userId === null) return;
    days.set(userId, (days.get(userId) ?? new Set()).add(day));
  };
  for (const event of fixture.events) {
    active(event.user_id, dateOf(event.event_time));
    const known = firstEvent.get(event.user_id);
    if (!known || event.event_time < known.event_time) firstEvent.set(event.user_id, event);
  }
  for (const order of fixture.orders) active(order.user_id, dateOf(order.created_at));
  const asOf = [...days.values()].flatMap((set) => [...set]).sort().at(-1) ?? '';
  const cohorts = [...days].map(([userId, set]) => ({
    userId,
    firstDay: [...set].sort()[0] as string,
    firstDevice: firstEvent.get(userId)?.device ?? null,
    days: set,
  }));
  return { cohorts, asOf };
}

export interface ReferenceQuery {
  metric: string;
  dimensions: string[];
  window: DateRange;
}

/** Expected value of one metric per group, keyed by JSON.stringify(dimension values). */
export function referenceMetric(fixture: Fixture, query: ReferenceQuery): Map<string, Value> {
  const grains = ['day', 'week', 'month'] as const;
  const ctx = context(fixture, query.window, grains.find((grain) => query.dimensions.includes(grain)));
  const { window, dimensions } = query;
  const events = fixture.events.filter((event) => inWindow(dateOf(event.event_time), window));
  const lines = fixture.items
    .map((item) => ({ item, order: ctx.orders.get(item.order_id) as FixtureOrder }))
    .filter((line) => inWindow(dateOf(line.order.created_at), window));
  const reviews = fixture.reviews.filter((review) => inWindow(dateOf(review.created_at), window));
  const sessions = sessionsOf(fixture).filter((session) => inWindow(dateOf(session.start), window));
  const { cohorts: allCohorts, asOf } = cohortsOf(fixture);
  const cohorts = allCohorts.filter((cohort) => inWindow(cohort.firstDay, window));
  const supportRows = supportRowsOf(fixture).filter((row) => inWindow(dateOf(row.event.occurred_at), window));
  const supportGroups = () => groupRows(supportRows, supportFacts, dimensions, ctx);
  const conversationsWith = (rows: SupportRow[], type: string) =>
    new Set(rows.filter((row) => row.event.event_type === type && row.event.conversation_id !== null).map((row) => row.event.conversation_id));

  const eventGroups = () => groupRows(events, eventFacts, dimensions, ctx);
  const lineGroups = () => groupRows(lines, lineFacts, dimensions, ctx);
  const perGroup = <T>(groups: Map<string, T[]>, compute: (rows: T[]) => Value) =>
    new Map([...groups].map(([key, rows]) => [key, compute(rows)]));
  const users = (rows: FixtureEvent[], type?: string) =>
    new Set(rows.filter((event) => type === undefined || event.event_type === type).map((event) => event.user_id));
  const paid = (rows: LineRow[]) => rows.filter((line) => line.order.paid_at !== null);
  const ordersIn = (rows: LineRow[], keep: (order: FixtureOrder) => boolean) =>
    distinct(rows.filter((line) => keep(line.order)).map((line) => line.order.order_id));
  const paidOrdersPerUser = (rows: LineRow[]) => {
    const perUser = new Map<number, Set<number>>();
    for (const line of paid(rows)) {
      if (line.order.user_id === null) continue;
      perUser.set(line.order.user_id, (perUser.get(line.order.user_id) ?? new Set()).add(line.order.order_id));
    }
    return perUser;
  };
  const gmv = (rows: LineRow[]) => paid(rows).reduce((sum, line) => sum + line.item.amount, 0);
  const activeDays = () => {
    // Days with any event, per time bucket only: the denominator ignores non-time dimensions.
    const timeDimensions = dimensions.filter((dimension) => ['day', 'week', 'month', 'hour', 'weekday'].includes(dimension));
    const byBucket = new Map<string, Set<string>>();
    for (const event of events) {
      const key = JSON.stringify(timeDimensions.map((dimension) => dimensionValue(dimension, eventFacts(event), ctx)));
      byBucket.set(key, (byBucket.get(key) ?? new Set()).add(dateOf(event.event_time)));
    }
    return (event: FixtureEvent) =>
      byBucket.get(JSON.stringify(timeDimensions.map((dimension) => dimensionValue(dimension, eventFacts(event), ctx))))?.size ?? 0;
  };

  switch (query.metric) {
    case 'pv':
      return perGroup(eventGroups(), (rows) => rows.filter((event) => event.event_type === 'view').length);
    case 'searches':
      return perGroup(eventGroups(), (rows) => rows.filter((event) => event.event_type === 'search').length);
    case 'cart_adds':
      return perGroup(eventGroups(), (rows) => rows.filter((event) => event.event_type === 'cart').length);
    case 'favourites':
      return perGroup(eventGroups(), (rows) => rows.filter((event) => event.event_type === 'fav').length);
    case 'uv':
      return perGroup(eventGroups(), (rows) => users(rows).size);
    case 'dau': {
      const daysFor = activeDays();
      return perGroup(eventGroups(), (rows) =>
        ratio(distinct(rows.map((event) => `${event.user_id}/${dateOf(event.event_time)}`)), daysFor(rows[0] as FixtureEvent)),
      );
    }
    case 'view_to_purchase_rate':
      return perGroup(eventGroups(), (rows) =>
        ratio(rows.filter((event) => event.event_type === 'purchase').length, rows.filter((event) => event.event_type === 'view').length),
      );
    case 'cart_rate':
      return perGroup(eventGroups(), (rows) => ratio(users(rows, 'cart').size, users(rows).size));
    case 'fav_rate':
      return perGroup(eventGroups(), (rows) => ratio(users(rows, 'fav').size, users(rows).size));
    case 'cart_abandoners':
      return perGroup(eventGroups(), (rows) => {
        const bought = users(rows, 'purchase');
        return [...users(rows, 'cart')].filter((user) => !bought.has(user)).length;
      });
    case 'cart_abandonment_rate':
      return perGroup(eventGroups(), (rows) => {
        const carted = users(rows, 'cart');
        const bought = users(rows, 'purchase');
        return ratio([...carted].filter((user) => !bought.has(user)).length, carted.size);
      });
    case 'avg_dwell_seconds':
      return perGroup(eventGroups(), (rows) => {
        const dwell = rows.map((event) => event.dwell_seconds).filter((seconds): seconds is number => seconds !== null);
        return ratio(dwell.reduce((sum, seconds) => sum + seconds, 0), dwell.length);
      });
    case 'sessions':
      return perGroup(groupRows(sessions, sessionFacts, dimensions, ctx), (rows) => rows.length);
    case 'bounce_rate':
      return perGroup(groupRows(sessions, sessionFacts, dimensions, ctx), (rows) =>
        ratio(rows.filter((session) => session.eventCount === 1).length, rows.length),
      );
    case 'new_users':
      return perGroup(groupRows(cohorts, cohortFacts, dimensions, ctx), (rows) => rows.length);
    case 'searchers':
      return perGroup(eventGroups(), (rows) => users(rows, 'search').size);
    case 'cart_to_purchase_rate':
      return perGroup(eventGroups(), (rows) => {
        const carted = users(rows, 'cart');
        const bought = users(rows, 'purchase');
        return ratio([...carted].filter((user) => bought.has(user)).length, carted.size);
      });
    case 'search_conversion_rate':
      return perGroup(eventGroups(), (rows) => {
        const searched = users(rows, 'search');
        const bought = users(rows, 'purchase');
        return ratio([...searched].filter((user) => bought.has(user)).length, searched.size);
      });
    case 'month1_retention': {
      // Calendar months as 'YYYY-MM'; the next month must end on or before the data's last day.
      const monthAfter = (day: string, months: number) => {
        const [year, month] = day.split('-').map(Number) as [number, number];
        const index = year * 12 + (month - 1) + months;
        return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
      };
      return perGroup(groupRows(cohorts, cohortFacts, dimensions, ctx), (rows) => {
        const eligible = rows.filter((cohort) => `${monthAfter(cohort.firstDay, 2)}-01` <= addDays(asOf, 1));
        const retained = eligible.filter((cohort) => [...cohort.days].some((day) => day.slice(0, 7) === monthAfter(cohort.firstDay, 1)));
        return ratio(retained.length, eligible.length);
      });
    }
    case 'day1_retention':
    case 'day7_retention':
    case 'day30_retention': {
      const offset = { day1_retention: 1, day7_retention: 7, day30_retention: 30 }[query.metric];
      return perGroup(groupRows(cohorts, cohortFacts, dimensions, ctx), (rows) => {
        const eligible = rows.filter((cohort) => addDays(cohort.firstDay, offset) <= asOf);
        return ratio(eligible.filter((cohort) => cohort.days.has(addDays(cohort.firstDay, offset))).length, eligible.length);
      });
    }
    case 'orders':
      return perGroup(lineGroups(), (rows) => ordersIn(rows, (order) => order.paid_at !== null));
    case 'orders_created':
      return perGroup(lineGroups(), (rows) => ordersIn(rows, () => true));
    case 'cancelled_orders':
      return perGroup(lineGroups(), (rows) => ordersIn(rows, (order) => order.status === 'cancelled'));
    case 'cancellation_rate':
      return perGroup(lineGroups(), (rows) => ratio(ordersIn(rows, (order) => order.status === 'cancelled'), ordersIn(rows, () => true)));
    case 'returned_orders':
      return perGroup(lineGroups(), (rows) => ordersIn(rows, (order) => order.paid_at !== null && order.status === 'returned'));
    case 'return_rate':
      return perGroup(lineGroups(), (rows) =>
        ratio(ordersIn(rows, (order) => order.paid_at !== null && order.status === 'returned'), ordersIn(rows, (order) => order.paid_at !== null)),
      );
    case 'buyers':
      return perGroup(lineGroups(), (rows) => paidOrdersPerUser(rows).size);
    case 'repeat_buyers':
      return perGroup(lineGroups(), (rows) => [...paidOrdersPerUser(rows).values()].filter((orders) => orders.size >= 2).length);
    case 'one_time_buyers':
      return perGroup(lineGroups(), (rows) => [...paidOrdersPerUser(rows).values()].filter((orders) => orders.size === 1).length);
    case 'repurchase_rate':
      return perGroup(lineGroups(), (rows) => {
        const perUser = paidOrdersPerUser(rows);
        return ratio([...perUser.values()].filter((orders) => orders.size >= 2).length, perUser.size);
      });
    case 'gmv':
      return perGroup(lineGroups(), gmv);
    case 'units':
      return perGroup(lineGroups(), (rows) => paid(rows).reduce((sum, line) => sum + line.item.quantity, 0));
    case 'aov':
      return perGroup(lineGroups(), (rows) => ratio(gmv(rows), ordersIn(rows, (order) => order.paid_at !== null)));
    case 'units_per_order':
      return perGroup(lineGroups(), (rows) => ratio(paid(rows).reduce((sum, line) => sum + line.item.quantity, 0), ordersIn(rows, (order) => order.paid_at !== null)));
    case 'orders_per_buyer':
      return perGroup(lineGroups(), (rows) => ratio(ordersIn(rows, (order) => order.paid_at !== null), paidOrdersPerUser(rows).size));
    case 'revenue_per_buyer':
      return perGroup(lineGroups(), (rows) => ratio(gmv(rows), paidOrdersPerUser(rows).size));
    case 'avg_selling_price':
      return perGroup(lineGroups(), (rows) => ratio(gmv(rows), paid(rows).reduce((sum, line) => sum + line.item.quantity, 0)));
    case 'arpu':
    case 'conversion_rate': {
      const visitors = perGroup(eventGroups(), (rows) => users(rows).size);
      const numerator = perGroup(lineGroups(), query.metric === 'arpu' ? gmv : (rows) => paidOrdersPerUser(rows).size);
      const keys = new Set([...visitors.keys(), ...numerator.keys()]);
      return new Map([...keys].map((key) => [key, ratio(numerator.get(key) ?? 0, visitors.get(key) ?? 0)]));
    }
    case 'reviews':
      return perGroup(groupRows(reviews, reviewFacts, dimensions, ctx), (rows) => rows.length);
    case 'avg_rating':
      return perGroup(groupRows(reviews, reviewFacts, dimensions, ctx), (rows) =>
        ratio(rows.reduce((sum, review) => sum + review.rating, 0), rows.length),
      );
    case 'negative_reviews':
      return perGroup(groupRows(reviews, reviewFacts, dimensions, ctx), (rows) => rows.filter((review) => review.rating <= 2).length);
    case 'positive_review_share':
      return perGroup(groupRows(reviews, reviewFacts, dimensions, ctx), (rows) =>
        ratio(rows.filter((review) => review.rating >= 4).length, rows.length),
      );
    case 'support_turns':
      return perGroup(supportGroups(), (rows) => rows.filter((row) => row.event.event_type === 'turn').length);
    case 'support_conversations':
      return perGroup(supportGroups(), (rows) => conversationsWith(rows, 'turn').size);
    case 'handoffs':
      return perGroup(supportGroups(), (rows) => conversationsWith(rows, 'handoff_requested').size);
    case 'handoff_rate':
      return perGroup(supportGroups(), (rows) => {
        const talked = conversationsWith(rows, 'turn');
        const handedOver = conversationsWith(rows, 'handoff_requested');
        return ratio([...talked].filter((conversation) => handedOver.has(conversation)).length, talked.size);
      });
    case 'csat':
      return perGroup(supportGroups(), (rows) => {
        const ratings = rows.filter((row) => row.event.event_type === 'csat_rating' && typeof row.event.rating === 'number').map((row) => row.event.rating as number);
        return ratio(ratings.reduce((sum, rating) => sum + rating, 0), ratings.length);
      });
    case 'policy_denials':
      return perGroup(supportGroups(), (rows) => rows.filter((row) => row.event.event_type === 'policy_denial').length);
    default:
      throw new Error(`reference: no reference for metric ${query.metric}`);
  }
}
