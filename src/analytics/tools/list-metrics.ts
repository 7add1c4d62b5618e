import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { currentProfile, listDimensions, listMetrics, loadAvailableTables } from '../../sql/semantic/index.ts';

export const listMetricsTool = defineTool({
  name: 'list_metrics',
  description:
    'List the metrics (with exact definitions, units and synonyms in English and Chinese) and the dimensions they can be split or filtered by, each marked available or not on this warehouse (with the reason, e.g. no prices). Call this first when unsure which metric id a question means.',
  parameters: z.object({
    search: z.string().optional().describe('Optional word to narrow the list, e.g. "conversion" or "转化"'),
  }),
  async execute({ search }, context) {
    const tables = await loadAvailableTables(context.warehouse);
    const profile = await currentProfile(context.warehouse);
    // A metric whose inputs this warehouse lacks is still listed, so the model can say why it cannot answer.
    const availability = (reason: { en: string; zh: string } | undefined) =>
      reason ? { available: false, unavailable_reason: context.language === 'zh' ? reason.zh : reason.en } : { available: true };
    const needle = search?.toLowerCase();
    const matches = (names: string[]) => !needle || names.some((name) => name.toLowerCase().includes(needle));
    return {
      metrics: listMetrics(tables)
        .filter((metric) => matches([metric.id, metric.name_en, metric.name_zh, ...metric.synonyms_en, ...metric.synonyms_zh]))
        .map(({ id, name_en, name_zh, definition_en, definition_zh, unit, dimensions }) => ({ id, name_en, name_zh, definition: context.language === 'zh' ? definition_zh : definition_en, unit, dimensions, ...availability(profile.unavailableMetrics[id]) })),
      dimensions: listDimensions(tables).map(({ id, name_en, name_zh }) => ({ id, name_en, name_zh, ...availability(profile.unavailableDimensions[id]) })),
      as_of: context.asOf,
    };
  },
});
