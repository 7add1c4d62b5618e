import { describe, expect, it } from 'vitest';
import { ANALYTICS_TOOLS } from '../../analytics/tools/analytics-tools.ts';
import { SUPPORT_TOOLS } from '../../support/tools/support-tools.ts';
import { toolSpecOf } from './llm-planner.ts';

/**
 * What a model sees of every tool (name, description, JSON schema of its parameters), as the LLM planner sends it.
 * A change to a tool's contract shows up here in review: accept it with `npx vitest run -u` when it is meant.
 */
describe('tool contracts', () => {
  for (const [toolset, tools] of [['analytics', ANALYTICS_TOOLS], ['support', SUPPORT_TOOLS]] as const) {
    it(`${toolset}: names are unique snake_case and every contract matches its snapshot`, async () => {
      const names = tools.map((tool) => tool.name);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      const contracts = Object.fromEntries(tools.map((tool) => [tool.name, toolSpecOf(tool)]));
      await expect(JSON.stringify(contracts, null, 2)).toMatchFileSnapshot(`./__snapshots__/${toolset}-tool-contracts.json`);
    });
  }
});
