import type { SeriesForecast } from './forecast-series.ts';

export interface Note {
  en: string;
  zh: string;
}

function formatNumber(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Plain-language caveats for a forecast: promotions skipped in fitting, promotions ahead, back-test quality. */
export function forecastNotes(result: SeriesForecast): Note[] {
  const notes: Note[] = [];
  for (const promotion of result.promotions) {
    const ratio = promotion.expected > 0 ? promotion.actual / promotion.expected : Number.NaN;
    const times = Number.isFinite(ratio) ? ` (${ratio.toFixed(1)}×)` : '';
    const timesZh = Number.isFinite(ratio) ? `（${ratio.toFixed(1)} 倍）` : '';
    const skipped = result.history.filter((day) => day.skipped && day.promotion === promotion.name_en);
    const window = skipped.length > 0 ? `${skipped[0]?.date} … ${skipped[skipped.length - 1]?.date}` : promotion.date;
    notes.push({
      en: `${promotion.date} (${promotion.name_en}): ${formatNumber(promotion.actual)} against ${formatNumber(promotion.expected)} expected on a normal day${times}. The festival window ${window} (warm-up, day, slump) was left out when fitting, so it does not distort the weekly pattern.`,
      zh: `${promotion.date}（${promotion.name_zh}）：实际 ${formatNumber(promotion.actual)}，平日预期 ${formatNumber(promotion.expected)}${timesZh}。拟合时排除了大促窗口 ${window}（预热、当天、回落），以免扭曲周规律。`,
    });
  }
  for (const promotion of result.promotionsAhead) {
    notes.push({
      en: `${promotion.date} is ${promotion.name_en}; the forecast does not include promotion effects, so expect that period to differ strongly.`,
      zh: `${promotion.date} 是${promotion.name_zh}；预测不包含大促效应，该时段实际值会明显偏离。`,
    });
  }
  if (result.backtest) {
    const backtest = result.backtest;
    notes.push({
      en: `Back-test: trained through ${backtest.trainedThrough}, the next ${backtest.days} days were off by ${backtest.mape.toFixed(1)}% on average (MAPE; sMAPE ${backtest.smape.toFixed(1)}%); repeating last week's same weekday was off by ${backtest.baselineMape.toFixed(1)}%, repeating the latest normal week by ${backtest.cleanBaselineMape.toFixed(1)}%.`,
      zh: `回测：用截至 ${backtest.trainedThrough} 的数据训练，随后 ${backtest.days} 天平均误差 ${backtest.mape.toFixed(1)}%（MAPE；sMAPE ${backtest.smape.toFixed(1)}%）；简单沿用上周同日的误差为 ${backtest.baselineMape.toFixed(1)}%，沿用最近一个正常周为 ${backtest.cleanBaselineMape.toFixed(1)}%。`,
    });
  } else {
    notes.push({
      en: 'History is too short for a back-test (needs three weeks), so the forecast error is unknown; treat it as a rough guide.',
      zh: '历史数据不足三周，无法回测，预测误差未知，仅供参考。',
    });
  }
  notes.push({
    en: '95% intervals come from the spread of past one-step errors and widen with the horizon (additive damped Holt-Winters, weekly season).',
    zh: '95% 区间来自历史一步预测误差的离散程度，并随预测天数增加而变宽（加法阻尼 Holt-Winters，周季节）。',
  });
  return notes;
}
