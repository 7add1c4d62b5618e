import type { Warehouse } from '../../sql/warehouse.ts';
import { RFM_SEGMENTS } from '../../sql/semantic/catalogue/rfm-segments.ts';
import { USER_SEGMENTS_TABLE } from './user-segments-table.ts';

export interface RfmSegmentSummary {
  segment: string;
  name_en: string;
  name_zh: string;
  rule_en: string;
  rule_zh: string;
  users: number;
  share: number;
  avg_recency_days: number | null;
  avg_frequency: number;
  avg_monetary: number;
  total_spend: number;
  spend_share: number;
  avg_r_score: number | null;
  avg_f_score: number | null;
  avg_m_score: number | null;
}

export interface ClusterSummary {
  cluster: number;
  label_en: string;
  label_zh: string;
  users: number;
  share: number;
  avg_frequency: number;
  avg_monetary: number;
  /** Most common RFM segment inside the cluster: ties the two views together. */
  top_rfm_segment: string;
}

export interface PcaPoint {
  user_id: number;
  x: number;
  y: number;
  cluster: number;
  cluster_label: string;
  rfm_segment: string;
}

function numberOf(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : numberOf(value);
}

/** Size, share, average R/F/M and spend per RFM segment, read from user_segments, in display order. */
export async function summariseRfmSegments(warehouse: Warehouse): Promise<RfmSegmentSummary[]> {
  const { rows } = await warehouse.query(`
    SELECT rfm_segment, count(*) AS users, count(*) / sum(count(*)) OVER () AS share,
           avg(recency_days) AS avg_recency_days, avg(frequency) AS avg_frequency, avg(monetary) AS avg_monetary,
           sum(monetary) AS total_spend, sum(monetary) / nullif(sum(sum(monetary)) OVER (), 0) AS spend_share,
           avg(r_score) AS avg_r_score, avg(f_score) AS avg_f_score, avg(m_score) AS avg_m_score
    FROM ${USER_SEGMENTS_TABLE} GROUP BY rfm_segment`);
  const byId = new Map(rows.map((row) => [String(row.rfm_segment), row]));
  return RFM_SEGMENTS.flatMap((definition) => {
    const row = byId.get(definition.id);
    if (!row) return [];
    return [{
      segment: definition.id,
      name_en: definition.name_en,
      name_zh: definition.name_zh,
      rule_en: definition.rule_en,
      rule_zh: definition.rule_zh,
      users: numberOf(row.users),
      share: numberOf(row.share),
      avg_recency_days: nullableNumber(row.avg_recency_days),
      avg_frequency: numberOf(row.avg_frequency),
      avg_monetary: numberOf(row.avg_monetary),
      total_spend: numberOf(row.total_spend),
      spend_share: numberOf(row.spend_share),
      avg_r_score: nullableNumber(row.avg_r_score),
      avg_f_score: nullableNumber(row.avg_f_score),
      avg_m_score: nullableNumber(row.avg_m_score),
    }];
  });
}

export async function summariseClusters(warehouse: Warehouse): Promise<ClusterSummary[]> {
  const { rows } = await warehouse.query(`
    SELECT cluster, any_value(cluster_label) AS label_en, any_value(cluster_label_zh) AS label_zh, count(*) AS users,
           count(*) / sum(count(*)) OVER () AS share, avg(frequency) AS avg_frequency, avg(monetary) AS avg_monetary,
           mode(rfm_segment ORDER BY rfm_segment) AS top_rfm_segment
    FROM ${USER_SEGMENTS_TABLE} GROUP BY cluster ORDER BY cluster`);
  return rows.map((row) => ({
    cluster: numberOf(row.cluster),
    label_en: String(row.label_en),
    label_zh: String(row.label_zh),
    users: numberOf(row.users),
    share: numberOf(row.share),
    avg_frequency: numberOf(row.avg_frequency),
    avg_monetary: numberOf(row.avg_monetary),
    top_rfm_segment: String(row.top_rfm_segment),
  }));
}

/** `size` users picked by hash of their id (deterministic, spread over every cluster) with their PCA coordinates. */
export async function samplePcaPoints(warehouse: Warehouse, size: number): Promise<PcaPoint[]> {
  const { rows } = await warehouse.query(
    `SELECT user_id, pca_x, pca_y, cluster, cluster_label, rfm_segment FROM ${USER_SEGMENTS_TABLE}
     ORDER BY hash(user_id), user_id LIMIT CAST($size AS BIGINT)`,
    { size },
  );
  return rows.map((row) => ({
    user_id: numberOf(row.user_id),
    x: numberOf(row.pca_x),
    y: numberOf(row.pca_y),
    cluster: numberOf(row.cluster),
    cluster_label: String(row.cluster_label),
    rfm_segment: String(row.rfm_segment),
  }));
}
