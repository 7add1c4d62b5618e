import type { WriteToolResult } from '../confirmations/write-result.ts';
import type { Task } from '../dialogue/dialogue-state.ts';
import { POLICY_SECTIONS } from '../policy/policy-decision.ts';
import { defaultAddressText, say, writeResultText } from '../render/reply-texts.ts';
import type { DefaultAddressResult } from '../render/tool-results.ts';
import { call, expectResult, type Flow, type TurnInput, type TurnResult } from './turn.ts';

const SECTION = POLICY_SECTIONS.defaultAddress;
/** Words that ask to change something, as opposed to asking what the default address is. */
const CHANGE_WORDS = /改|换|设|更新|变更|用|\b(change|update|set|make|use|replace|edit|new)\b/u;
/** "change it to …", "改成 …": what follows is the address. */
const LEAD_IN = /^.*?(?:\b(?:change|update|set) (?:it|that|my default address|the default address|my address)? ?to\b|\bnew (?:default )?address(?: is)?\b|改成|改为|换成|设为|设成|更新为|新地址(?:是|为)?)\s*[::]?\s*/iu;

/** The address in a message that gives one: after "… to" / "改成", or the whole message when it is only an address. */
export function addressIn(text: string, recognized: string | undefined): string | undefined {
  if (recognized) return recognized;
  const trimmed = text.normalize('NFKC').trim();
  const after = trimmed.replace(LEAD_IN, '').trim();
  // An address has a house number; "设成我的默认地址" is not one.
  if (after !== trimmed && after.length >= 6 && /\d/.test(after)) return after;
  return undefined;
}

/**
 * The account's default address: "what is my default address" reads it back; "set my default address to …" (or
 * the address of one of the shopper's orders) previews the change on a card that reads the fields back; without
 * an address the bot asks for one. Nothing is saved before the shopper confirms.
 */
export function* defaultAddressFlow(input: TurnInput, start: Task): Flow {
  const { language, recognition } = input;
  const task: Task = { ...start };
  const base = { ...input.dialogue, handoffOffered: false };
  const result = (fields: Omit<TurnResult, 'intent'>): TurnResult => ({ intent: 'default_address', ...fields });
  const address = task.address ?? (task.awaiting === 'address' ? (addressIn(recognition.text, recognition.address) ?? recognition.text.trim()) : addressIn(recognition.text, recognition.address));

  if (!address && !task.orderNo) {
    if (task.awaiting !== 'address' && !CHANGE_WORDS.test(recognition.normalized)) {
      // A question about the current default: read it back; "change it to …" next turn continues from here.
      const current = expectResult<DefaultAddressResult>(yield* call('get_my_default_address', {}), 'get_my_default_address');
      const text = defaultAddressText(current, language);
      return result({ text, outcome: 'answered', dialogue: { ...base, task: undefined, misunderstood: 0, topic: 'default_address' }, citations: [SECTION] });
    }
    return result({
      text: say(language, 'What is the new default address? Please include street and number, city and postal code.', '请问新的默认收货地址是?请包括城市、区、街道门牌号和邮编。'),
      outcome: 'clarify',
      dialogue: { ...base, task: { ...task, awaiting: 'address' }, misunderstood: task.awaiting === 'address' ? base.misunderstood + 1 : 0 },
    });
  }

  const preview = expectResult<WriteToolResult>(yield* call('set_default_address', address ? { address } : { from_order_no: task.orderNo }), 'set_default_address');
  const finish = { ...base, task: undefined, misunderstood: 0, topic: undefined };
  if (preview.status === 'awaiting_confirmation') {
    return result({
      text: writeResultText(preview, language),
      outcome: 'awaiting_confirmation',
      dialogue: { ...finish, confirmation: { confirmationId: preview.confirmation_id, intent: 'default_address', expiresAt: preview.expires_at } },
      confirmation: { confirmationId: preview.confirmation_id, summary: preview.summary, expiresAt: preview.expires_at, action: 'default_address' },
      citations: [preview.policy_section],
    });
  }
  if (preview.status === 'denied' && ['incomplete_address', 'unknown_city'].includes(preview.code)) {
    return result({
      text: `${writeResultText(preview, language)} ${say(language, 'What is the full address, with street and number, city and postal code?', '请问完整的地址是?请包括城市、区、街道门牌号和邮编。')}`,
      outcome: 'clarify',
      dialogue: { ...base, task: { ...task, address: undefined, orderNo: undefined, awaiting: 'address' }, misunderstood: base.misunderstood + 1 },
      citations: [preview.policy_section],
    });
  }
  return result({ text: writeResultText(preview, language), outcome: preview.status === 'not_found' ? 'not_found' : 'denied', dialogue: finish, citations: preview.status === 'denied' ? [preview.policy_section] : undefined });
}
