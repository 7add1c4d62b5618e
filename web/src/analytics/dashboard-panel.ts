import type { DashboardItemView, DashboardView } from '../../../src/server/web/workspace-api-schemas.ts';
import { h, replaceChildren } from '../shared/dom.ts';
import { ApiError } from '../shared/fetch-json.ts';
import { currentLanguage, t } from '../shared/i18n.ts';
import { sortableTable } from '../shared/sortable-table.ts';
import { chartView } from './chart-view.ts';
import type { WorkspaceApi } from './workspace-api.ts';

function statusLine(item: DashboardItemView): HTMLElement {
  if (item.status === 'rerun') return h('p', { class: 'muted item-as-of', i18n: 'dashboard.rerun', i18nParameters: { asOf: item.asOf, ranAt: new Date(item.ranAt ?? '').toLocaleString(currentLanguage() === 'zh' ? 'zh-CN' : 'en') } });
  if (item.status === 'snapshot') return h('p', { class: 'muted item-as-of', i18n: 'dashboard.snapshot', i18nParameters: { asOf: item.asOf } });
  return h('p', { class: 'error item-as-of', role: 'alert' }, t('dashboard.failed', { message: item.message ?? '' }));
}

/**
 * One dashboard, every pinned question re-run by the server just now: per item its chart (as pinned: bar, line,
 * area, pie or table only), its table and the as-of date of the data it ran on. Read-only when opened by a link.
 */
export class DashboardPanel {
  readonly element = h('section', { class: 'dashboard-panel', 'aria-labelledby': 'dashboard-heading' });
  private disposers: (() => void)[] = [];
  /** Where a failed share, unpin or delete says why (the dashboard stays as it was). */
  private readonly problem = h('p', { class: 'error dashboard-problem', role: 'alert' });

  constructor(
    private readonly api: WorkspaceApi,
    private readonly onClose: () => void,
    /** After an unpin or a deletion, so the sidebar's counts follow. */
    private readonly onChanged: () => void = () => {},
  ) {}

  async show(source: { dashboardId: string } | { shareToken: string }): Promise<void> {
    this.dispose();
    replaceChildren(this.element, h('p', { class: 'muted loading', i18n: 'dashboard.loading' }));
    try {
      const view = 'shareToken' in source ? await this.api.sharedDashboard(source.shareToken) : await this.api.dashboard(source.dashboardId);
      this.render(view);
    } catch (error) {
      replaceChildren(this.element, this.header(null), h('p', { class: 'error', role: 'alert' }, t('dashboard.loadFailed', { message: error instanceof ApiError ? error.message : String(error) })));
    }
  }

  private header(view: DashboardView | null): HTMLElement {
    const close = h('button', { type: 'button', class: 'secondary', i18n: 'dashboard.back', onClick: () => this.onClose() });
    const title = h('h2', { id: 'dashboard-heading' }, view?.name ?? t('dashboard.title'));
    const share = view && !view.readOnly ? this.shareControl(view.dashboardId) : null;
    const remove =
      view && !view.readOnly
        ? h('button', {
            type: 'button',
            class: 'link-button delete-dashboard',
            i18n: 'dashboard.delete',
            onClick: async () => {
              if (!confirm(t('dashboard.deleteConfirm', { name: view.name }))) return;
              if (!(await this.attempt(() => this.api.removeDashboard(view.dashboardId)))) return;
              this.onChanged();
              this.onClose();
            },
          })
        : null;
    const owner = view?.readOnly ? h('p', { class: 'muted read-only-note', i18n: 'dashboard.readOnly', i18nParameters: { owner: view.owner } }) : null;
    return h('div', { class: 'dashboard-head' }, title, h('div', { class: 'dashboard-actions' }, share, close, remove), owner);
  }

  private shareControl(dashboardId: string): HTMLElement {
    const link = h('input', { type: 'text', class: 'share-link', readonly: true, hidden: true, i18nAttributes: { 'aria-label': 'dashboard.shareLink' } });
    const button = h('button', {
      type: 'button',
      class: 'secondary share-button',
      i18n: 'dashboard.share',
      onClick: async () => {
        const share = await this.attempt(() => this.api.share(dashboardId));
        if (!share) return;
        link.value = new URL(share.path, location.origin).href;
        link.hidden = false;
        link.select();
      },
    });
    return h('span', { class: 'share-control' }, button, link);
  }

  private async attempt<Value>(work: () => Promise<Value>): Promise<Value | null> {
    this.problem.textContent = '';
    try {
      return await work();
    } catch (error) {
      this.problem.textContent = error instanceof ApiError ? error.message : String(error);
      return null;
    }
  }

  private render(view: DashboardView): void {
    const items = view.items.map((item) => this.itemCard(item, view));
    replaceChildren(this.element, this.header(view), this.problem, items.length > 0 ? h('div', { class: 'dashboard-items' }, items) : h('p', { class: 'muted', i18n: 'dashboard.empty' }));
    this.element.dataset.dashboard = view.dashboardId;
  }

  private itemCard(item: DashboardItemView, view: DashboardView): HTMLElement {
    const parts: HTMLElement[] = [h('h3', { class: 'item-question' }, item.question)];
    if (!view.readOnly) {
      parts.push(
        h('button', {
          type: 'button',
          class: 'link-button unpin',
          i18n: 'dashboard.unpin',
          onClick: async () => {
            if (!(await this.attempt(() => this.api.removeItem(view.dashboardId, item.itemId)))) return;
            this.onChanged();
            await this.show({ dashboardId: view.dashboardId });
          },
        }),
      );
    }
    if (item.edited) parts.push(h('span', { class: 'badge edited-badge', i18n: 'answer.editedBadge' }));
    parts.push(statusLine(item));
    const columns = item.columns.map((column) => ({ id: column.id, labelEn: column.label_en, labelZh: column.label_zh, unit: column.unit, currency: column.currency }));
    if (item.chart && item.chartKind !== 'table') {
      const chart = chartView(item.chart, item.columns, item.question, item.chartKind ?? undefined);
      this.disposers.push(chart.dispose);
      parts.push(chart.element);
    }
    if (item.rows.length > 0) {
      const table = sortableTable({ columns, rows: item.rows, caption: t('answer.tableCaption', { question: item.question }) });
      this.disposers.push(table.dispose);
      parts.push(table.element);
    }
    return h('article', { class: 'dashboard-item card', 'data-item': item.itemId, 'data-status': item.status }, parts);
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }
}
