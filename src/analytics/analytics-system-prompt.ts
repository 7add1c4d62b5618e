import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeCatalogue } from '../sql/semantic/index.ts';
import type { AgentState } from '../agent/planner.ts';

const TEMPLATE = readFileSync(fileURLToPath(new URL('../../prompts/analytics-system.md', import.meta.url)), 'utf8');

/** The analytics system prompt for one run: as-of date, answer language and the catalogue. */
export function analyticsSystemPrompt(state: AgentState, tables?: readonly string[]): string {
  return TEMPLATE.replaceAll('{{as_of}}', state.asOf)
    .replaceAll('{{language_name}}', state.language === 'zh' ? 'Chinese (简体中文)' : 'English')
    .replaceAll('{{catalogue}}', describeCatalogue(state.language, tables));
}
