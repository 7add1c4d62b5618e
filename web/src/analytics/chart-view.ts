import type { ChartSpec } from '../../../src/analytics/answer/chart-spec.ts';
import type { ResultColumn } from '../../../src/presentation/result-table.ts';
import { h } from '../shared/dom.ts';
import { currentLanguage, onLanguageChange, t } from '../shared/i18n.ts';
import { decorateOption } from './chart-units.ts';

/**
 * An interactive ECharts chart of an answer. The chart is a picture for sighted users (role="img" with a short
 * description); the sortable table next to it carries the same numbers for everyone.
 */
export function chartView(spec: ChartSpec, columns: readonly ResultColumn[], description: string): { element: HTMLElement; dispose(): void } {
  const canvasHost = h('div', { class: 'chart-canvas' });
  const element = h('figure', { class: 'chart', role: 'img', 'aria-label': t('answer.chartLabel', { kind: spec.kind, description }), 'data-chart-kind': spec.kind }, canvasHost);
  let disposed = false;
  let cleanup: () => void = () => {};

  void import('./echarts-setup.ts').then(
    ({ init }) => {
      if (disposed) return;
      const chart = init(canvasHost, undefined, { renderer: 'canvas' });
      const render = () => chart.setOption(decorateOption(spec.option, columns, currentLanguage()) as never, { notMerge: true });
      render();
      element.dataset.rendered = 'true';
      const resize = new ResizeObserver(() => chart.resize());
      resize.observe(canvasHost);
      const stopLanguage = onLanguageChange(render);
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
    dispose() {
      disposed = true;
      cleanup();
    },
  };
}
