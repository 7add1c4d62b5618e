/**
 * Metrics of the customer-service agent's chats, from support_events (validated in metrics.ts). Offered only
 * when that table exists; see docs/support-agent.md for what the support agent writes there.
 */
export const SUPPORT_METRICS = [
  {
    id: 'support_conversations',
    name_en: 'Support conversations',
    name_zh: '客服会话数',
    synonyms_en: ['support conversations', 'support chats', 'customer service conversations', 'customer service chats', 'support contacts', 'support inquiries', 'support enquiries', 'inquiries', 'enquiries', 'consultations'],
    synonyms_zh: ['客服会话数', '客服会话', '咨询量', '咨询数', '咨询会话数', '咨询会话', '咨询', '客服咨询', '客服咨询量'],
    definition_en:
      "Number of distinct support_events.conversation_id with at least one event_type = 'turn' (shopper message) whose occurred_at falls in the period; split by intent, a conversation counts once in each intent it had.",
    definition_zh:
      "统计期内（按 occurred_at）至少有一条 event_type = 'turn'（顾客消息）事件的去重 support_events.conversation_id 数；按意图拆分时，一个会话在其出现过的每个意图下各计一次。",
    unit: 'count',
    additive: false,
    higher_is_better: true,
    formula: { kind: 'measure', measure: 'support_conversations' },
  },
  {
    id: 'support_turns',
    name_en: 'Support messages (turns)',
    name_zh: '客服消息数（轮次）',
    synonyms_en: ['support turns', 'support messages', 'shopper messages', 'customer messages', 'chat messages', 'chat turns', 'turns'],
    synonyms_zh: ['客服消息数', '咨询消息数', '顾客消息数', '用户消息数', '对话轮数', '对话轮次', '咨询轮次', '消息数'],
    definition_en: "Number of support_events rows with event_type = 'turn' (one per shopper message) whose occurred_at falls in the period.",
    definition_zh: "统计期内（按 occurred_at）event_type = 'turn'（每条顾客消息一条）的 support_events 记录数。",
    unit: 'count',
    additive: true,
    higher_is_better: true,
    formula: { kind: 'measure', measure: 'support_turns' },
  },
  {
    id: 'handoffs',
    name_en: 'Hand-offs to a human',
    name_zh: '转人工会话数',
    synonyms_en: [
      'handoffs', 'hand-offs', 'handovers', 'human handoffs', 'handed to a human', 'handed over to a human', 'handed to a human agent',
      'transferred to a human', 'escalated to a human', 'escalations', 'human agent requests',
    ],
    synonyms_zh: ['转人工', '转人工数', '转人工会话数', '转人工次数', '转接人工', '人工客服', '人工接入', '转人工客服'],
    definition_en:
      "Number of distinct support_events.conversation_id with an event_type = 'handoff_requested' event whose occurred_at falls in the period; by intent, the hand-off counts under the intent of the conversation’s latest earlier shopper turn about a topic (not handoff, greeting, confirmation or other), else under 'handoff'.",
    definition_zh:
      "统计期内（按 occurred_at）有 event_type = 'handoff_requested'（请求转人工）事件的去重 support_events.conversation_id 数；按意图拆分时，转人工计入该会话此前最近一条有主题的顾客消息的意图（handoff、greeting、confirmation、other 除外），没有则计入 'handoff'。",
    unit: 'count',
    additive: false,
    higher_is_better: false,
    formula: { kind: 'measure', measure: 'handoff_conversations' },
  },
  {
    id: 'handoff_rate',
    name_en: 'Hand-off rate',
    name_zh: '转人工率',
    synonyms_en: ['handoff rate', 'hand-off rate', 'handover rate', 'escalation rate', 'human handoff rate', 'share handed to a human'],
    synonyms_zh: ['转人工率', '转人工比例', '转人工占比', '人工转接率', '转人工比率'],
    definition_en:
      "Among support conversations (distinct conversation_id with a 'turn' event in the period), the share that also had an event_type = 'handoff_requested' event in the period (and same dimension value).",
    definition_zh:
      "统计期内的客服会话（有 'turn' 事件的去重 conversation_id）中，同期（同一维度值下）也有 event_type = 'handoff_requested' 事件的会话占比。",
    unit: 'ratio',
    additive: false,
    higher_is_better: false,
    formula: { kind: 'ratio', numerator: 'handed_over_support_conversations', denominator: 'support_conversations' },
  },
  {
    id: 'policy_denials',
    name_en: 'Policy denials',
    name_zh: '政策拒绝次数',
    synonyms_en: ['policy denials', 'policy refusals', 'policy rejections', 'denials', 'denied requests', 'refused requests'],
    synonyms_zh: ['政策拒绝次数', '政策拒绝', '拒绝次数', '被拒次数', '被拒绝', '申请被拒', '驳回次数'],
    definition_en:
      "Number of support_events rows with event_type = 'policy_denial' (a cancel, return, exchange or address change refused by policy, at preview or at commit) whose occurred_at falls in the period.",
    definition_zh:
      "统计期内（按 occurred_at）event_type = 'policy_denial'（取消、退货、换货或改地址因政策被拒，预览或提交时）的 support_events 记录数。",
    unit: 'count',
    additive: true,
    higher_is_better: false,
    formula: { kind: 'measure', measure: 'policy_denial_events' },
  },
  {
    id: 'csat',
    name_en: 'Customer satisfaction (CSAT)',
    name_zh: '客服满意度（CSAT）',
    synonyms_en: ['csat', 'average csat', 'csat score', 'customer satisfaction', 'support satisfaction', 'customer service satisfaction', 'satisfaction score', 'support rating', 'agent rating'],
    synonyms_zh: ['客服满意度', '客户满意度', '顾客满意度', '满意度评分', '服务满意度', '客服评分', '人工客服评分', 'CSAT'],
    definition_en:
      "Mean of support_events.rating (1–5, the shopper's rating of a chat a human agent resolved; one per conversation) over rows with event_type = 'csat_rating' whose occurred_at falls in the period.",
    definition_zh:
      "统计期内（按 occurred_at）event_type = 'csat_rating' 的 support_events.rating（1–5 分，顾客对人工客服已结束会话的评分，每个会话一次）平均值。",
    unit: 'score',
    additive: false,
    higher_is_better: true,
    formula: { kind: 'ratio', numerator: 'csat_rating_total', denominator: 'csat_ratings' },
  },
] as const;
