import { z } from 'zod';
import { dimensionColumn as dimension, metricColumn as metric, type ResultColumn } from '../../presentation/result-table.ts';
import { defineTool } from '../../agent/tool.ts';
import type { Language } from '../../text/language.ts';
import { summariseClusters, summariseRfmSegments, samplePcaPoints } from '../../models/segments/segment-summaries.ts';
import { ensureSegmentation } from '../../models/segments/segmentation-store.ts';
import { BEHAVIOUR_FEATURES, type BehaviourFeature } from '../../models/segments/behaviour-features.ts';

/** Enough points for a readable scatter without flooding the model's context. */
const SCATTER_POINTS = 200;

export const segmentCustomersParameters = z.object({
  method: z.enum(['rfm', 'kmeans', 'both']).default('both').describe('rfm: named RFM segments; kmeans: behaviour clusters; both'),
  recompute: z.boolean().default(false).describe('retrain even if the stored segmentation is current'),
});



const RFM_COLUMNS: ResultColumn[] = [
  dimension('segment', 'Segment', '分群'),
  metric('users', 'Users', '用户数', 'count'),
  metric('share', 'Share of users', '用户占比', 'ratio'),
  metric('avg_recency_days', 'Avg days since last order', '平均距上次下单天数', 'number'),
  metric('avg_frequency', 'Avg paid orders', '平均支付订单数', 'number'),
  metric('avg_monetary', 'Avg spend', '平均消费金额', 'currency'),
  metric('total_spend', 'Total spend', '消费总额', 'currency'),
  metric('spend_share', 'Share of spend', '消费占比', 'ratio'),
  metric('avg_r_score', 'Avg R score', '平均 R 分', 'number'),
  metric('avg_f_score', 'Avg F score', '平均 F 分', 'number'),
  metric('avg_m_score', 'Avg M score', '平均 M 分', 'number'),
];

const CLUSTER_COLUMNS: ResultColumn[] = [
  dimension('cluster_label', 'Behaviour cluster', '行为聚类'),
  metric('users', 'Users', '用户数', 'count'),
  metric('share', 'Share of users', '用户占比', 'ratio'),
  metric('avg_frequency', 'Avg paid orders', '平均支付订单数', 'number'),
  metric('avg_monetary', 'Avg spend', '平均消费金额', 'currency'),
];

const SILHOUETTE_COLUMNS: ResultColumn[] = [dimension('k', 'Clusters (k)', '聚类数 k'), metric('silhouette', 'Mean silhouette', '平均轮廓系数', 'number')];

const SCATTER_COLUMNS: ResultColumn[] = [
  dimension('cluster_label', 'Behaviour cluster', '行为聚类'),
  metric('x', 'PCA axis 1', '主成分 1', 'number'),
  metric('y', 'PCA axis 2', '主成分 2', 'number'),
];

function pick(language: Language, english: string, chinese: string): string {
  return language === 'zh' ? chinese : english;
}

function round(value: number | null, digits = 4): number | null {
  return value === null ? null : Number(value.toFixed(digits));
}

export const segmentCustomersTool = defineTool({
  name: 'segment_customers',
  description: [
    'Customer segmentation trained on this shop\'s own data. method "rfm": named RFM segments (champions 冠军客户, loyal 忠诚客户,',
    'potential loyalists, new, at risk, cannot lose, hibernating, lost, prospects = never paid) with size, share, average recency,',
    'frequency, spend and R/F/M scores; "kmeans": behaviour clusters (k chosen by silhouette) described in plain words, silhouette per k',
    'and a PCA scatter sample; "both". The result is also stored in table shoplens_cache.user_segments, so any metric can then be split by the',
    '"segment" dimension in query_metrics. Reuses the stored segmentation unless the data changed or recompute is true.',
  ].join(' '),
  parameters: segmentCustomersParameters,
  async execute(argumentsValue, context) {
    const { method, recompute } = segmentCustomersParameters.parse(argumentsValue);
    const language = context.language;
    const ensured = await ensureSegmentation(context.warehouse, context.asOf, { recompute, onProgress: context.onProgress, signal: context.signal });
    const model = ensured.model;
    const result: Record<string, unknown> = {
      method,
      as_of: model.asOf,
      recomputed: ensured.recomputed,
      training_seconds: round(ensured.seconds, 2),
      users: model.users,
      buyers: model.buyers,
      table: 'shoplens_cache.user_segments',
    };

    if (method === 'rfm' || method === 'both') {
      const segments = await summariseRfmSegments(context.warehouse);
      const rows = segments.map((segment) => ({
        segment: pick(language, segment.name_en, segment.name_zh),
        segment_id: segment.segment,
        name_en: segment.name_en,
        name_zh: segment.name_zh,
        rule: pick(language, segment.rule_en, segment.rule_zh),
        users: segment.users,
        share: round(segment.share),
        avg_recency_days: round(segment.avg_recency_days, 1),
        avg_frequency: round(segment.avg_frequency, 2),
        avg_monetary: round(segment.avg_monetary, 2),
        total_spend: round(segment.total_spend, 2),
        spend_share: round(segment.spend_share),
        avg_r_score: round(segment.avg_r_score, 2),
        avg_f_score: round(segment.avg_f_score, 2),
        avg_m_score: round(segment.avg_m_score, 2),
      }));
      result.rfm_segments = { columns: RFM_COLUMNS, rows };
    }

    if (method === 'kmeans' || method === 'both') {
      const clusters = await summariseClusters(context.warehouse);
      const profiles = new Map(model.profiles.map((profile) => [profile.cluster, profile]));
      const labels = new Map<string, BehaviourFeature>(BEHAVIOUR_FEATURES.map((feature) => [feature.id, feature]));
      const rows = clusters.map((cluster) => {
        const profile = profiles.get(cluster.cluster);
        const distinctive = Object.entries(profile?.zScores ?? {})
          .sort((left, right) => Math.abs(right[1]) - Math.abs(left[1]))
          .slice(0, 4)
          .map(([feature, z]) => ({
            feature,
            label: pick(language, labels.get(feature)?.label_en ?? feature, labels.get(feature)?.label_zh ?? feature),
            z_score: round(z, 2),
            average: round(profile?.averages[feature] ?? null, 3),
          }));
        return {
          cluster: cluster.cluster,
          cluster_label: pick(language, cluster.label_en, cluster.label_zh),
          label_en: cluster.label_en,
          label_zh: cluster.label_zh,
          users: cluster.users,
          share: round(cluster.share),
          avg_frequency: round(cluster.avg_frequency, 2),
          avg_monetary: round(cluster.avg_monetary, 2),
          top_rfm_segment: cluster.top_rfm_segment,
          distinctive_features: distinctive,
        };
      });
      const points = await samplePcaPoints(context.warehouse, SCATTER_POINTS);
      const labelByCluster = new Map(rows.map((row) => [row.cluster, row.cluster_label]));
      result.clusters = {
        columns: CLUSTER_COLUMNS,
        rows,
        chosen_k: model.clusterCount,
        silhouette: round(model.silhouette),
        silhouette_by_k: { columns: SILHOUETTE_COLUMNS, rows: model.silhouetteByK.map((entry) => ({ k: String(entry.k), silhouette: round(entry.silhouette) })) },
        features_used: model.featuresUsed,
        features_describing: model.featuresDescribing,
        pca_explained_variance: model.explainedVariance.map((value) => round(value)),
      };
      result.scatter = {
        columns: SCATTER_COLUMNS,
        rows: points.map((point) => ({ user_id: point.user_id, cluster_label: labelByCluster.get(point.cluster) ?? point.cluster_label, x: round(point.x, 3), y: round(point.y, 3) })),
      };
    }

    const zh = language === 'zh';
    result.notes = [
      zh
        ? `截至 ${model.asOf}：${model.users} 名活跃用户，其中 ${model.buyers} 名有支付订单；未购买者归为“潜在客户”。RFM 为五分位评分（并列取同分）。`
        : `As of ${model.asOf}: ${model.users} active users, ${model.buyers} with a paid order; the others are "prospects". RFM uses quintile scores (ties share a score).`,
      zh
        ? `k-means 按轮廓系数选 k = ${model.clusterCount}（轮廓系数 ${model.silhouette.toFixed(2)}；越接近 1 分得越清楚）。`
        : `k-means chose k = ${model.clusterCount} by silhouette (${model.silhouette.toFixed(2)}; closer to 1 = better separated).`,
      ensured.clickHouseCopyWarning
        ? zh
          ? '分群已写入状态文件的 shoplens_cache.user_segments，但未能复制到 ClickHouse，因此暂不能按 segment 维度拆分指标（请用 SHOPLENS_CLICKHOUSE_CACHE_WRITER 指定一个只对 shoplens_cache 库有 SELECT、INSERT、CREATE TABLE、DROP TABLE 权限的 ClickHouse 用户，见 docs/clickhouse.md）。'
          : `Segments are stored in the state file's shoplens_cache.user_segments, but ${ensured.clickHouseCopyWarning}`
        : zh
          ? '分群已写入表 shoplens_cache.user_segments，可用 segment 维度拆分任意指标。'
          : 'Segments are stored in table shoplens_cache.user_segments: any metric can be split by the segment dimension.',
    ];

    // The main table the answer builder charts: RFM segments unless only clusters were asked for.
    const main = (result.rfm_segments ?? result.clusters) as { columns: ResultColumn[]; rows: unknown[] };
    result.columns = main.columns;
    result.rows = main.rows;
    return result;
  },
});
