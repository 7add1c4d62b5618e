import { describe, expect, it } from 'vitest';
import { useSupportFixture } from './support-test-kit.ts';

/**
 * Dialogue that follows the shopper (issue 11): hand-off and complaints recognised broadly, anger offers a person
 * as a question the next "yes" answers, and replies stay in the shopper's language whatever an address contains.
 */
const kit = useSupportFixture({ users: 600 });
const chatFor = (customerId: number) => kit.chatFor(customerId);

describe('hand-off and complaints', () => {
  it.each(['I need a person', 'agent', '我要投诉', 'I want to file a complaint about your service'])('"%s" queues the conversation for a person', async (text) => {
    const order = await kit.picker.pick(`o.status = 'delivered'`);
    const { chat, state } = await chatFor(order.customerId);
    const reply = await chat(text);
    expect(reply.intent).toBe('handoff');
    expect(reply.handoff?.state).toBe('queued');
    expect(await state()).toBe('queued');
  });

  it.each([
    ['en', 'This is unacceptable, my parcel {order} is a week late and nobody tells me anything!', 'yes', /Would you like me to pass you to a person\?$/],
    ['zh', '你们太过分了!{order}一个星期了还没到,也没人管!', '是的', /需要为您转接人工客服吗[?？]$/],
  ])('%s: an angry message is answered and ends by offering a person; yes hands off', async (_language, text, yes, offer) => {
    const order = await kit.picker.pick(`o.status = 'shipped'`);
    const { chat, state } = await chatFor(order.customerId);
    const reply = await chat(text.replace('{order}', order.orderNo));
    expect(reply.text).toContain(order.orderNo);
    expect(reply.text).toMatch(offer);
    expect((await chat(yes)).handoff?.state).toBe('queued');
    expect(await state()).toBe('queued');
  });
});

describe('language', () => {
  it('an English message with a Chinese address gets English replies', async () => {
    const order = await kit.picker.pick(`o.status IN ('pending', 'paid')`, `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status IN ('pending', 'paid')) = 1`);
    const { chat } = await chatFor(order.customerId);
    const reply = await chat(`Change the address of my order ${order.orderNo} to 北京市朝阳区建国路88号SOHO现代城5号楼1201`);
    const outsideAddress = reply.text.replace('北京市朝阳区建国路88号SOHO现代城5号楼1201', '');
    expect(outsideAddress).not.toMatch(/\p{Script=Han}/u);
    expect(reply.text).toMatch(/confirm/i);
  });

  it('a Chinese message with an English address gets Chinese replies', async () => {
    const order = await kit.picker.pick(`o.status IN ('pending', 'paid')`, `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status IN ('pending', 'paid')) = 1`);
    const { chat } = await chatFor(order.customerId);
    const reply = await chat(`把订单${order.orderNo}的地址改成 Room 5, 18 Nanjing West Road, Shanghai`);
    expect(reply.text).toMatch(/请确认|地址/);
  });
});
