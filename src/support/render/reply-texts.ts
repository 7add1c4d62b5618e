import { destinationOf } from '../policy/refund-policy.ts';
import type { Language } from '../../text/language.ts';
import type { WriteToolResult } from '../confirmations/write-result.ts';
import { money } from '../orders/order-presentation.ts';
import type { DefaultAddressResult, FoundOrderStatus, KnowledgeResult, OrderListResult, ProductFactsResult, RecommendationsResult } from './tool-results.ts';
import { chinesePlaceName } from '../orders/resolve-city.ts';

/** Chooses the sentence for the reply language. */
export function say(language: Language, en: string, zh: string): string {
  return language === 'zh' ? zh : en;
}

/** One order's status in a sentence or two, built only from get_order_status's result. */
export function orderStatusText(result: FoundOrderStatus, language: Language): string {
  const { order } = result;
  const items = result.items.map((item) => `${item.product} ×${item.quantity}`).join(say(language, ', ', '、'));
  const carrier = order.carrier ? say(language, ` by ${order.carrier}, tracking number ${order.tracking_number ?? 'n/a'}`, `,承运商 ${order.carrier},运单号 ${order.tracking_number ?? '无'}`) : '';
  const lead = say(language, `Order ${order.order_no} is ${order.status_label}`, `订单 ${order.order_no} 当前状态:${order.status_label}`);
  let detail = '';
  switch (order.status) {
    case 'pending':
      detail = say(language, ` (ordered ${order.created_at}).`, `(下单时间 ${order.created_at})。`);
      break;
    case 'paid':
      detail = say(language, ` (paid ${order.paid_at}).`, `(支付时间 ${order.paid_at})。`);
      break;
    case 'shipped':
      detail = say(language, `: shipped ${order.shipped_at}${carrier}.`, `,发货时间 ${order.shipped_at}${carrier}。`);
      break;
    case 'delivered':
      detail = say(language, `: delivered ${order.delivered_at}${carrier}.`, `,签收时间 ${order.delivered_at}${carrier}。`);
      break;
    case 'cancelled':
      detail = say(language, ` (cancelled ${order.cancelled_at}).`, `(取消时间 ${order.cancelled_at})。`);
      break;
    case 'returned':
      detail = say(language, ` (returned ${order.returned_at}).`, `(退货时间 ${order.returned_at})。`);
      break;
  }
  const method = order.payment_method ? destinationOf(order.payment_method) : undefined;
  const by = method ? say(language, ` by ${method.en}`, `(${method.zh})`) : '';
  return `${lead}${detail} ${say(language, `Items: ${items}; paid ${money(order.total_amount, language, result.currency)}${by}.`, `商品:${items};实付 ${money(order.total_amount, language, result.currency)}${by}。`)}`;
}

export function orderListText(result: OrderListResult, language: Language, lead?: string): string {
  if (result.count === 0) return say(language, 'I found no orders in your account.', '您的账户下没有找到订单。');
  return lead ?? say(language, `Here are your ${result.count} most recent orders. Send an order number (or "the first one") for details.`, `这是您最近的 ${result.count} 个订单。发送订单号(或“第一个”)可查看详情。`);
}

/** The text of a write tool's result: not found, a denial with its policy section, or the card to confirm. */
export function writeResultText(result: WriteToolResult, language: Language): string {
  switch (result.status) {
    case 'not_found':
      return result.message;
    case 'denied':
      return say(language, `Sorry, this is not possible: ${result.reason_en} (policy ${result.policy_section})`, `抱歉,无法办理:${result.reason_zh}(见政策 ${result.policy_section})`);
    case 'awaiting_confirmation':
      return say(
        language,
        `Please confirm: ${result.summary_en} Reply "yes" to go ahead or "no" to leave the order as it is.`,
        `请确认:${result.summary_zh} 回复“确认”执行,回复“取消”则不做任何修改。`,
      );
  }
}

export function productFactsText(result: ProductFactsResult, language: Language): string {
  const first = result.rows[0];
  if (!first) return say(language, 'I could not find that product in our catalogue. Could you tell me the brand or model?', '没有在商品目录中找到这款商品,可以告诉我品牌或型号吗?');
  const price = first.price === null ? say(language, 'no listed price', '暂无标价') : money(first.price, language, result.currency);
  const facts = say(language, `${first.product} (${first.brand ?? 'no brand'}, ${first.category ?? 'no category'}) is listed at ${price}.`, `「${first.product}」(品牌 ${first.brand ?? '无'},品类 ${first.category ?? '无'})标价 ${price}。`);
  const options = result.options.length > 1 ? ` ${optionsText(result.options, language, result.currency)}` : '';
  if (result.rows.length === 1) return `${facts}${options}`;
  const lead = first.seen_by_shopper_at
    ? say(language, `The one you looked at most recently: ${facts}`, `您最近浏览过的:${facts}`)
    : say(language, `Closest match: ${facts}`, `最相关的一款:${facts}`);
  return `${lead}${options} ${say(language, `${result.rows.length} matching products are listed below.`, `下面列出了 ${result.rows.length} 款相关商品。`)}`;
}

function optionsText(options: ProductFactsResult['options'], language: Language, currency: string | null): string {
  const stock = (inStock: boolean | null) => (inStock === null ? '' : inStock ? say(language, ', in stock', ',有货') : say(language, ', out of stock', ',缺货'));
  const listed = options.map((option) => `${option.option} (${option.price === null ? '—' : money(option.price, language, currency)}${stock(option.in_stock)})`);
  return say(language, `Options: ${listed.join('; ')}.`, `可选规格:${listed.join(';')}。`);
}

export function knowledgeText(result: KnowledgeResult, language: Language): string {
  const first = result.sections[0];
  if (!first) return say(language, 'I could not find this in our policy or FAQ.', '没有在售后政策和常见问题中找到相关内容。');
  return say(language, `${first.title} ${first.text} (see ${first.section})`, `${first.title} ${first.text}(见 ${first.section})`);
}

export function recommendationsText(result: RecommendationsResult, language: Language): string {
  if (result.rows.length === 0) return say(language, 'I have no recommendations right now.', '暂时没有可推荐的商品。');
  return result.personalised
    ? say(language, 'Based on what you viewed and bought, you may like these:', '根据您的浏览和购买记录,为您推荐:')
    : say(language, 'Here are some of our best sellers:', '为您推荐以下热销商品:');
}

export function handoffText(ticketId: string, language: Language): string {
  return say(language, `I have passed your conversation to a human agent (ticket ${ticketId}). Please wait a moment; they will see a summary, so you will not need to repeat yourself.`, `已为您转接人工客服(工单号 ${ticketId}),请稍候;客服会看到对话摘要,您无需重复说明。`);
}

export function queuedText(ticketId: string, language: Language): string {
  return say(language, `You are in the queue for a human agent (ticket ${ticketId}); they will reply here shortly.`, `您正在排队等待人工客服(工单号 ${ticketId}),客服稍后会在这里回复您。`);
}

export const GREETING_TEXT = {
  en: 'Hello! I am the ShopLens assistant. I can check your orders, cancel an order, arrange returns and exchanges, change a delivery address, look up product prices, answer policy questions, or get you a human agent.',
  zh: '您好!我是 ShopLens 智能客服,可以帮您查询订单、取消订单、办理退换货、修改收货地址、查询商品价格、解答售后政策问题,也可以为您转人工客服。',
};

export const THANKS_TEXT = { en: 'You are welcome! Ask me anything else any time.', zh: '不客气!还有其他问题随时问我。' };

export const OFFER_HUMAN_TEXT = {
  en: 'Sorry, I still did not understand. Shall I pass you to a human agent? Reply "yes" for a human.',
  zh: '抱歉,我还是没能理解您的问题。需要为您转接人工客服吗?回复“是”即可转人工。',
};

export const NOT_UNDERSTOOD_TEXT = {
  en: 'Sorry, I did not understand. I can help with order status, cancellations, returns, exchanges, address changes, product prices and policy questions.',
  zh: '抱歉,我没有理解您的意思。我可以帮您查询订单、取消订单、退换货、修改地址、查询商品价格和解答售后政策。',
};

export const APOLOGY_TEXT = {
  en: 'I am sorry about this experience.',
  zh: '很抱歉给您带来不好的体验。',
};
/** Asked last, so the shopper's next "yes" takes it up. */
export const HUMAN_OFFER_TEXT = {
  en: 'Would you like me to pass you to a person?',
  zh: '需要为您转接人工客服吗?',
};

export const PRIVACY_TEXT = {
  en: 'I can only look at and change orders of the account you are signed in with (policy P6 privacy).',
  zh: '我只能查看和处理您当前登录账户下的订单(见政策 P6 privacy)。',
};

/** The account's default address read back (get_my_default_address), or why there is none to show. */
export function defaultAddressText(result: DefaultAddressResult, language: Language): string {
  if (result.address) {
    const { address } = result;
    return say(
      language,
      `Your default address is: ${address.full_address ?? address.street} (city: ${address.city ?? '—'}, postal code: ${address.postal_code ?? 'not saved'}). To change it, send the new address.`,
      `您的默认收货地址是:${address.full_address ?? address.street}(城市:${address.city ? chinesePlaceName(address.city) : '—'},邮编:${address.postal_code ?? '未保存'})。如需修改,直接发送新地址即可。`,
    );
  }
  return result.status === 'guest'
    ? say(language, 'You are signed in for one order only, so I cannot show the account\'s saved addresses.', '您当前只验证了一个订单,无法查看账户保存的地址。')
    : say(language, 'You have no default address saved yet. To set one, send the address.', '您还没有保存默认地址。如需设置,直接发送地址即可。');
}
