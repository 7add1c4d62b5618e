/**
 * What every behaviour model reports about itself after training on the warehouse, so `shoplens model` can
 * print segmentation, forecasting and basket models the same way.
 */
export interface ModelReport {
  /** Model id, e.g. 'rfm+kmeans segmentation'. */
  model: string;
  /** What it was trained on, in words: warehouse, rows, date range. */
  trainedOn: string;
  /** Measured numbers (errors, silhouette, support …); names say the unit, e.g. gmv_backtest_mape. */
  metrics: Record<string, number>;
  /** Plain-language findings and caveats, one per line. */
  details: string[];
}
