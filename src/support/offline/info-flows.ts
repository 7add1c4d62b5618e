import { normalizeQuestion } from '../../text/normalize-question.ts';
import type { DialogueState } from '../dialogue/dialogue-state.ts';
import { CUES } from '../dialogue/support-lexicon.ts';
import { GREETING_TEXT, handoffText, knowledgeText, NOT_UNDERSTOOD_TEXT, OFFER_HUMAN_TEXT, productFactsText, recommendationsText, say, THANKS_TEXT } from '../render/reply-texts.ts';
import type { HandoffResult, KnowledgeResult, ProductFactsResult, RecommendationsResult } from '../render/tool-results.ts';
import { call, expectResult, tableOf, type Flow, type TurnInput, type TurnResult } from './turn.ts';

/** Consecutive misunderstood turns after which the bot offers a human. */
export const OFFER_HUMAN_AFTER = 2;

function settled(input: TurnInput): DialogueState {
  return { ...input.dialogue, misunderstood: 0, handoffOffered: false };
}

export function* productFlow(input: TurnInput): Flow {
  const facts = expectResult<ProductFactsResult>(yield* call('product_question', { query: input.text.slice(0, 200) }), 'product_question');
  return {
    intent: 'product_question',
    text: productFactsText(facts, input.language),
    outcome: facts.count === 0 ? 'not_understood' : 'answered',
    table: facts.count > 1 ? tableOf(facts) : undefined,
    dialogue: settled(input),
  };
}

export function* recommendFlow(input: TurnInput): Flow {
  const text = normalizeQuestion(input.text);
  const category = input.categories.find((candidate) => text.includes(candidate.en.toLowerCase()) || (candidate.zh !== null && text.includes(candidate.zh)));
  const result = expectResult<RecommendationsResult>(yield* call('support_recommend_products', { top_k: 5, ...(category ? { category: category.en } : {}) }), 'support_recommend_products');
  return { intent: 'recommendation', text: recommendationsText(result, input.language), outcome: 'answered', table: tableOf(result), dialogue: settled(input) };
}

/**
 * Policy and FAQ answers from search_faq. When the message had no recognisable intent (`fallback`), only a
 * confident hit is used; otherwise the turn counts as not understood.
 */
export function* faqFlow(input: TurnInput, fallback = false): Flow {
  const result = expectResult<KnowledgeResult>(yield* call('search_faq', { query: input.text.slice(0, 300), limit: 3 }), 'search_faq');
  const first = result.sections[0];
  if (!first || (fallback && !result.confident)) return notUnderstood(input);
  return { intent: 'faq', text: knowledgeText(result, input.language), outcome: 'answered', citations: [first.section], dialogue: settled(input) };
}

export function greeting(input: TurnInput): TurnResult {
  const thanks = CUES.greeting[1]?.test(normalizeQuestion(input.text)) ?? false;
  return { intent: 'greeting', text: (thanks ? THANKS_TEXT : GREETING_TEXT)[input.language], outcome: 'answered', dialogue: settled(input) };
}

export function notUnderstood(input: TurnInput): TurnResult {
  const misunderstood = input.dialogue.misunderstood + 1;
  const offer = misunderstood >= OFFER_HUMAN_AFTER;
  return {
    intent: 'other',
    text: (offer ? OFFER_HUMAN_TEXT : NOT_UNDERSTOOD_TEXT)[input.language],
    outcome: 'not_understood',
    dialogue: { ...input.dialogue, misunderstood, handoffOffered: offer || input.dialogue.handoffOffered },
  };
}

export function* handoffFlow(input: TurnInput, reason: string): Flow {
  const result = expectResult<HandoffResult>(yield* call('escalate_to_human', { reason: reason.slice(0, 200) || say(input.language, 'shopper asked for a human', '顾客要求人工') }), 'escalate_to_human');
  return {
    intent: 'handoff',
    text: handoffText(result.ticket_id, input.language),
    outcome: 'handoff',
    handoff: { state: 'queued', ticketId: result.ticket_id },
    citations: ['P7 human-support'],
    dialogue: { ...input.dialogue, task: undefined, confirmation: undefined, misunderstood: 0, handoffOffered: false },
  };
}
