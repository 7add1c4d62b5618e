/**
 * Dimensions of the support_events fact (customer-service chats). `support_intent` is the fact's derived column
 * (see facts.ts): the stored intent, except that hand-off rows take the topic they interrupted.
 */
export const SUPPORT_DIMENSIONS = [
  {
    id: 'support_intent',
    name_en: 'Support intent',
    name_zh: '咨询意图',
    synonyms_en: ['support intent', 'intent', 'intents', 'inquiry type', 'enquiry type', 'question type', 'contact reason', 'reason for contact', 'support topic'],
    synonyms_zh: ['咨询意图', '哪类咨询', '各类咨询', '哪种咨询', '意图', '咨询类型', '咨询类别', '咨询种类', '问题类型', '咨询原因', '咨询主题', '客服意图'],
    description_en:
      "support_events.intent: order_status, cancel_order, return, exchange, change_address, product_question, recommendation, faq, handoff, greeting, confirmation, other; hand-off rows take the intent of the conversation’s latest earlier shopper turn about a topic (support metrics only).",
    description_zh:
      'support_events.intent：查订单、取消订单、退货、换货、改地址、商品咨询、推荐、政策/常见问题、转人工、问候、确认、其他；转人工类事件取该会话此前最近一条有主题的顾客消息的意图（仅客服类指标）。',
    kind: 'fact',
    value_type: 'text',
    expressions: { support_events: { value: 'se.support_intent' } },
    null_label: 'unknown',
    value_labels_zh: {
      order_status: '查订单', cancel_order: '取消订单', return: '退货', exchange: '换货', change_address: '改地址',
      product_question: '商品咨询', recommendation: '推荐', faq: '政策/常见问题', handoff: '转人工', greeting: '问候',
      confirmation: '确认', other: '其他', unknown: '未知',
    },
    required_tables: ['support_events'],
  },
  {
    id: 'support_outcome',
    name_en: 'Support outcome',
    name_zh: '客服处理结果',
    synonyms_en: ['support outcome', 'outcome', 'outcomes', 'resolution', 'denial code', 'denial reason'],
    synonyms_zh: ['客服处理结果', '处理结果', '咨询结果', '对话结果', '结果', '拒绝原因'],
    description_en:
      "support_events.outcome as stored: for turns answered, clarify, not_understood, denied, not_found, awaiting_confirmation, handoff, confirmation_committed (a ':llm_text_replaced' suffix is kept); for policy denials the policy code, e.g. return_window_passed (support metrics only).",
    description_zh:
      'support_events.outcome 原值：消息（turn）为已回答、追问澄清、未理解、被拒、未找到、待确认、转人工、已确认提交（保留 “:llm_text_replaced” 后缀）；政策拒绝为政策代码，如 return_window_passed（仅客服类指标）。',
    kind: 'fact',
    value_type: 'text',
    expressions: { support_events: { value: 'se.outcome' } },
    null_label: 'unknown',
    value_labels_zh: {
      answered: '已回答', clarify: '追问澄清', not_understood: '未理解', denied: '被拒', not_found: '未找到',
      awaiting_confirmation: '待确认', handoff: '转人工', confirmation_committed: '已确认提交', queued: '排队中', unknown: '未知',
    },
    required_tables: ['support_events'],
  },
] as const;
