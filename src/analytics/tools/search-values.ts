import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { valueIndexFor } from '../../sql/values/value-index.ts';

export const searchValuesTool = defineTool({
  name: 'search_values',
  description:
    'Find stored values of dimensions (categories, brands, cities, city tiers, devices, channels, payment methods …) from a word in English or Chinese, e.g. "手机" → category Phones, "一线" → city_tier tier1. Use the returned stored values in filters.',
  parameters: z.object({
    text: z.string().min(1).describe('What the user typed, e.g. "北京", "mini program", "耳机"'),
    dimension: z.string().optional().describe('Restrict to one dimension id, e.g. "category"'),
  }),
  async execute({ text, dimension }, context) {
    const index = await valueIndexFor(context.warehouse);
    const matches = index.search(text, { dimension, limit: 15 });
    return {
      matches: matches.map((entry) => ({ dimension: entry.dimension, values: entry.values, label_en: entry.label_en, label_zh: entry.label_zh })),
      note: matches.length === 0 ? `No stored value looks like "${text}". Try another spelling or a broader word.` : undefined,
    };
  },
});
