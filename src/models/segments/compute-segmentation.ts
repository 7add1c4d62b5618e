import type { Warehouse } from '../../sql/warehouse.ts';
import { BEHAVIOUR_FEATURES, type BehaviourFeature } from './behaviour-features.ts';
import { profileClusters, type ClusterProfile } from './cluster-profiles.ts';
import { clusterWithSilhouette, type ClusteringOptions, type ClusteringResult } from './kmeans-clustering.ts';
import { loadCustomerBehaviour } from './load-customer-behaviour.ts';
import { projectTo2d } from './pca-projection.ts';
import { scoreRfm } from './rfm-scores.ts';
import { RFM_SEGMENT_BY_ID, type RfmSegmentId } from '../../sql/semantic/catalogue/rfm-segments.ts';
import { SegmentationError } from './segmentation-error.ts';
import { standardise } from './standardise.ts';

/** One row of user_segments. */
export interface UserSegment {
  userId: number;
  rfmSegment: RfmSegmentId;
  rfmSegmentZh: string;
  recencyDays: number | null;
  frequency: number;
  monetary: number;
  recencyScore: number | null;
  frequencyScore: number | null;
  monetaryScore: number | null;
  cluster: number;
  clusterLabel: string;
  clusterLabelZh: string;
  pcaX: number;
  pcaY: number;
}

export interface SegmentationModel {
  asOf: string;
  users: number;
  buyers: number;
  /** k-means and PCA inputs. */
  featuresUsed: string[];
  /** Features only used to describe the clusters. */
  featuresDescribing: string[];
  /** Features constant on this data (e.g. no events at all in an Online Retail import). */
  featuresDropped: string[];
  clusterCount: number;
  silhouetteByK: ClusteringResult['silhouetteByK'];
  /** Silhouette of the final clustering on the silhouette sample. */
  silhouette: number;
  silhouetteSampleSize: number;
  profiles: ClusterProfile[];
  explainedVariance: [number, number];
  timingsMs: { load: number; rfm: number; kmeans: number; pca: number };
}

export interface Segmentation {
  model: SegmentationModel;
  users: UserSegment[];
}

/** k-means needs a few dozen users to say anything; below this the RFM part still runs. */
const MIN_USERS_FOR_CLUSTERS = 10;

/**
 * RFM segments for buyers (non-buyers become 'prospects') plus k-means behaviour clusters and a 2-D PCA
 * projection for every active user, all as of `asOf` (events and orders after it are ignored).
 */
export async function computeSegmentation(warehouse: Warehouse, asOf: string, clustering: ClusteringOptions = {}): Promise<Segmentation> {
  let started = performance.now();
  const behaviour = await loadCustomerBehaviour(warehouse, asOf);
  const load = performance.now() - started;
  if (behaviour.length === 0) {
    throw new SegmentationError(`No user has events or orders up to ${asOf}, so there is nobody to segment. Seed or import data first ("shoplens seed" or "shoplens import").`, { kind: 'no_data' });
  }

  started = performance.now();
  const buyers = behaviour.flatMap((customer) => (customer.rfm ? [customer.rfm] : []));
  const scores = new Map(scoreRfm(buyers).map((score) => [score.userId, score]));
  const rfm = performance.now() - started;

  started = performance.now();
  const rawRows = behaviour.map((customer) => customer.features);
  const standardised = standardise(rawRows, BEHAVIOUR_FEATURES.map((feature) => feature.transform));
  const keptFeatures: BehaviourFeature[] = standardised.keptColumns.map((column) => BEHAVIOUR_FEATURES[column] as BehaviourFeature);
  // Cluster on the 'cluster' features that vary here; if none vary (odd imports), on whatever does.
  const clusterColumns = keptFeatures.flatMap((feature, index) => (feature.role === 'cluster' ? [index] : []));
  const inputColumns = clusterColumns.length > 0 ? clusterColumns : keptFeatures.map((_, index) => index);
  const clusterInput = standardised.rows.map((row) => inputColumns.map((column) => row[column] as number));
  const usedFeatures = inputColumns.map((column) => keptFeatures[column] as BehaviourFeature);
  const canCluster = behaviour.length >= MIN_USERS_FOR_CLUSTERS && usedFeatures.length > 0;
  const clusters: ClusteringResult = canCluster
    ? clusterWithSilhouette(clusterInput, clustering)
    : { clusterCount: 1, assignments: behaviour.map(() => 0), centroids: [], silhouetteByK: [], silhouette: 0, silhouetteSampleSize: 0 };
  const profiles = profileClusters({
    standardisedRows: standardised.rows,
    standardisedFeatures: keptFeatures,
    rawRows,
    rawFeatures: BEHAVIOUR_FEATURES,
    assignments: clusters.assignments,
    clusterCount: clusters.clusterCount,
  });
  const kmeans = performance.now() - started;

  started = performance.now();
  const projection = projectTo2d(clusterInput);
  const pca = performance.now() - started;

  const users = behaviour.map((customer, index): UserSegment => {
    const score = scores.get(customer.userId);
    const segment: RfmSegmentId = score?.segment ?? 'prospects';
    const cluster = clusters.assignments[index] as number;
    const profile = profiles[cluster] as ClusterProfile;
    const point = projection.points[index] as [number, number];
    return {
      userId: customer.userId,
      rfmSegment: segment,
      rfmSegmentZh: RFM_SEGMENT_BY_ID.get(segment)?.name_zh ?? segment,
      recencyDays: score?.recencyDays ?? null,
      frequency: score?.frequency ?? 0,
      monetary: score?.monetary ?? 0,
      recencyScore: score?.recencyScore ?? null,
      frequencyScore: score?.frequencyScore ?? null,
      monetaryScore: score?.monetaryScore ?? null,
      cluster,
      clusterLabel: profile.label_en,
      clusterLabelZh: profile.label_zh,
      pcaX: point[0],
      pcaY: point[1],
    };
  });
  return {
    users,
    model: {
      asOf,
      users: users.length,
      buyers: buyers.length,
      featuresUsed: usedFeatures.map((feature) => feature.id),
      featuresDescribing: keptFeatures.filter((feature) => !usedFeatures.includes(feature)).map((feature) => feature.id),
      featuresDropped: BEHAVIOUR_FEATURES.filter((_, column) => !standardised.keptColumns.includes(column)).map((feature) => feature.id),
      clusterCount: clusters.clusterCount,
      silhouetteByK: clusters.silhouetteByK,
      silhouette: clusters.silhouette,
      silhouetteSampleSize: clusters.silhouetteSampleSize,
      profiles,
      explainedVariance: projection.explainedVariance,
      timingsMs: { load, rfm, kmeans, pca },
    },
  };
}
