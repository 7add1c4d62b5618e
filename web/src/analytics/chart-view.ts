import type { ChartSpec } from '../../../src/analytics/answer/chart-spec.ts';
import type { ChartChoice } from '../../../src/server/web/workspace-api-schemas.ts';
import type { ResultColumn } from '../../../src/presentation/result-table.ts';
import { h } from '../shared/dom.ts';
import { currentLanguage, onLanguageChange, t } from '../shared/i18n.ts';
import { chartChoiceOf, optionAs } from './chart-kinds.ts';
import { decorateOption } from './chart-units.ts';

export interface ChartHandle {
  element: HTMLElement;
  /** Redraws as another allowed type (bar, line, area, pie); the answer view hides the chart for 'table'. */
  setKind(kind: Exclude<ChartChoice, 'table'>): void;
  /** The chart as a PNG data URL (white background), or null before ECharts has drawn it. */
  toPng(): string | null;
  dispose(): void;
}

/**
 * An interactive ECharts chart of an answer. The chart is a picture for sighted users (role="img" with a short
 * description); the sortable table next to it carries the same numbers for everyone.
 */
export function chartView(spec: ChartSpec, columns: readonly ResultColumn[], description: string, initialKind?: Exclude<ChartChoice, 'table'>): ChartHandle {
  const canvasHost = h('div', { class: 'chart-canvas' });
  let kind: Exclude<ChartChoice, 'table'> | null = initialKind ?? chartChoiceOf(spec);
  const element = h('figure', { class: 'chart', role: 'img', 'aria-label': t('answer.chartLabel', { kind: kind ?? spec.kind, description }), 'data-chart-kind': kind ?? spec.kind }, canvasHost);
  let disposed = false;
  let cleanup: () => void = () => {};
  let render: () => void = () => {};
  let png: () => string | null = () => null;

  void import('./echarts-setup.ts').then(
    ({ init }) => {
      if (disposed) return;
      const chart = init(canvasHost, undefined, { renderer: 'canvas' });
      render = () => {
        const decorated = decorateOption(spec.option, columns, currentLanguage());
        chart.setOption((kind && kind !== chartChoiceOf(spec) ? optionAs(decorated, kind) : decorated) as never, { notMerge: true });
        element.dataset.chartKind = kind ?? spec.kind;
        element.setAttribute('aria-label', t('answer.chartLabel', { kind: kind ?? spec.kind, description }));
      };
      png = () => chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
      render();
      element.dataset.rendered = 'true';
      const resize = new ResizeObserver(() => chart.resize());
      resize.observe(canvasHost);
      const stopLanguage = onLanguageChange(() => render());
      cleanup = () => {
        resize.disconnect();
        stopLanguage();
        chart.dispose();
      };
    },
    (error: unknown) => {
      element.replaceChildren(h('p', { class: 'error' }, t('answer.chartFailed', { reason: error instanceof Error ? error.message : String(error) })));
    },
  );
  return {
    element,
    setKind(next) {
      kind = next;
      render();
    },
    toPng: () => png(),
    dispose() {
      disposed = true;
      cleanup();
    },
  };
}
