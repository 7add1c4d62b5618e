import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORDER_PROBE_LIMITS } from './orders/order-probe-throttle.ts';
import { customerSession, openSupportFixture, OrderPicker, send, startConversation, type SupportFixture } from './support-test-kit.ts';

let fixture: SupportFixture;
let picker: OrderPicker;

beforeAll(async () => {
  fixture = await openSupportFixture({ users: 400 });
  picker = new OrderPicker(fixture.warehouse);
});
afterAll(() => fixture?.close());

const { freeMisses, refuseAt, firstCooldownSeconds } = DEFAULT_ORDER_PROBE_LIMITS;
/** Order numbers in the demo format that no order has. */
const missing = (index: number) => `SL20990101${String(index).padStart(8, '0')}`;

describe('order-number probing across customers', () => {
  it('answers a few wrong numbers at full speed, then slows down, then refuses with a person offered; other shoppers are unaffected', async () => {
    const prober = await picker.pick(`o.status = 'delivered'`);
    const victim = await picker.pick(`o.status = 'shipped'`, `o.user_id <> ${prober.customerId}`);
    const bystander = await picker.pick(`o.status = 'delivered'`, `o.user_id NOT IN (${prober.customerId}, ${victim.customerId})`);
    const session = customerSession(prober.customerId);
    // Probing spreads over several conversations: the count is per shopper, not per chat.
    const conversations = [await startConversation(fixture.warehouse, prober.customerId), await startConversation(fixture.warehouse, prober.customerId)];
    const ask = (orderNo: string, index = 0) => send(fixture.agent, fixture.warehouse, conversations[index % 2] as string, session, `where is order ${orderNo}`);

    const victimReply = await ask(victim.orderNo);
    expect(victimReply.text).toContain('could not find');
    for (let index = 1; index < freeMisses - 1; index += 1) expect((await ask(missing(index), index)).text).toContain('could not find');
    // The same wrong number typed again is not a new miss.
    expect((await ask(missing(1))).text).toContain('could not find');
    expect((await ask(missing(freeMisses - 1))).text).toContain('could not find');

    // Past the free misses: the next look-up waits out a cooldown, even for the shopper's own order.
    const slowed = await ask(prober.orderNo);
    expect(slowed.text).toMatch(new RegExp(`wait ${firstCooldownSeconds} seconds`));
    expect(slowed.text).toMatch(/pass you to a person/);
    expect(slowed.table).toBeUndefined();
    fixture.clock.advance(firstCooldownSeconds);
    expect((await ask(prober.orderNo)).text).toContain(prober.orderNo);

    // Each further miss doubles the wait; from refuseAt distinct misses on, look-ups are refused.
    for (let index = freeMisses; index < refuseAt - 1; index += 1) {
      const cooldown = firstCooldownSeconds * 2 ** (index + 1 - freeMisses);
      expect((await ask(missing(index), index)).text).toContain('could not find');
      const waiting = await ask(missing(100 + index), index);
      expect(waiting.text).toContain(cooldown < 90 ? `wait ${cooldown} seconds` : `wait ${Math.ceil(cooldown / 60)} minutes`);
      fixture.clock.advance(cooldown);
    }
    expect((await ask(missing(refuseAt - 1))).text).toContain('could not find');
    const refused = await ask(victim.orderNo);
    expect(refused.text).toMatch(/cannot look up order numbers for you for the next \d+ minutes/);
    expect(refused.text).toContain('reply "yes"');
    const refusedZh = await send(fixture.agent, fixture.warehouse, conversations[1] as string, session, `订单 ${prober.orderNo} 到哪了`);
    expect(refusedZh.text).toMatch(/无法再为您按订单号查询/);
    expect(refusedZh.text).not.toMatch(/[a-z]{4,}/);

    // A message without an order number still gets through, and "yes" takes up the offered person.
    const yes = await send(fixture.agent, fixture.warehouse, conversations[0] as string, session, 'yes');
    expect(yes.handoff?.state).toBe('queued');
    const policy = await send(fixture.agent, fixture.warehouse, conversations[1] as string, session, 'how many days do I have to return something?');
    expect(policy.text).not.toMatch(/wait \d+|cannot look up/);

    // Another shopper looks up their own order at full speed.
    const other = await send(fixture.agent, fixture.warehouse, await startConversation(fixture.warehouse, bystander.customerId), customerSession(bystander.customerId), `where is order ${bystander.orderNo}`);
    expect(other.text).toContain(bystander.orderNo);

    // Misses leave the window: after it the prober is served again.
    fixture.clock.advance(DEFAULT_ORDER_PROBE_LIMITS.windowSeconds + 1);
    const later = await send(fixture.agent, fixture.warehouse, conversations[1] as string, session, `where is order ${prober.orderNo}`);
    expect(later.text).toContain(prober.orderNo);
  });
});
