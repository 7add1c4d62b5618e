import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AgentState } from '../../agent/planner.ts';
import type { SupportScope } from '../support-session.ts';

const TEMPLATE = readFileSync(fileURLToPath(new URL('../../../prompts/support-system.md', import.meta.url)), 'utf8');

/**
 * The support system prompt for one run. It describes the shopper's scope in words but carries no id the model
 * could reuse: identity lives in the tool context only.
 */
export function supportSystemPrompt(state: AgentState, scope: SupportScope, guestOrderNo?: string): string {
  const scopeText = scope.kind === 'guest-order'
    ? `The shopper is a guest who verified one order${guestOrderNo ? ` (${guestOrderNo})` : ''}; only that order is visible to the tools.`
    : 'The shopper is signed in; the tools see exactly the orders of their account.';
  return TEMPLATE.replaceAll('{{scope}}', scopeText)
    .replaceAll('{{as_of}}', state.asOf)
    .replaceAll('{{language_name}}', state.language === 'zh' ? 'Chinese (简体中文)' : 'English');
}
