import type { AnswerReference, ChartChoice } from '../../../src/server/web/workspace-api-schemas.ts';
import { h, replaceChildren } from '../shared/dom.ts';
import { ApiError } from '../shared/fetch-json.ts';
import { t } from '../shared/i18n.ts';
import type { WorkspaceApi } from './workspace-api.ts';

const NEW_DASHBOARD = '__new__';

/**
 * "Pin to dashboard": a small inline form to pick one of the analyst's dashboards or name a new one. The chart type
 * the analyst is looking at is pinned with the answer.
 */
export function pinControl(options: { api: WorkspaceApi; answer: () => AnswerReference; chartKind: () => ChartChoice | null; onPinned?: () => void }): HTMLElement {
  const status = h('span', { class: 'muted pin-status', role: 'status' });
  const select = h('select', { class: 'pin-dashboard', i18nAttributes: { 'aria-label': 'pin.dashboard' } });
  const name = h('input', { type: 'text', class: 'pin-name', maxlength: 80, i18nAttributes: { 'aria-label': 'pin.newName', placeholder: 'pin.newNamePlaceholder' } });
  const submit = h('button', { type: 'submit', class: 'primary', i18n: 'pin.submit' });
  const form = h('form', { class: 'pin-form', hidden: true }, select, name, submit);
  const syncName = () => {
    name.hidden = select.value !== NEW_DASHBOARD;
  };
  select.addEventListener('change', syncName);
  const open = h('button', {
    type: 'button',
    class: 'secondary pin-open',
    i18n: 'pin.open',
    onClick: async () => {
      form.hidden = !form.hidden;
      if (form.hidden) return;
      status.textContent = '';
      // Nothing can be pinned until the list is here (an empty select would send no dashboard).
      submit.disabled = true;
      replaceChildren(select);
      try {
        const { dashboards } = await options.api.dashboards();
        replaceChildren(
          select,
          dashboards.map((dashboard) => h('option', { value: dashboard.dashboardId }, dashboard.name)),
          h('option', { value: NEW_DASHBOARD }, t('pin.newDashboard')),
        );
      } catch (error) {
        replaceChildren(select, h('option', { value: NEW_DASHBOARD }, t('pin.newDashboard')));
        status.textContent = error instanceof Error ? error.message : String(error);
      }
      submit.disabled = false;
      syncName();
      (name.hidden ? select : name).focus();
    },
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const target = select.value === NEW_DASHBOARD ? { newDashboardName: name.value.trim() } : { dashboardId: select.value };
    if ('newDashboardName' in target && !target.newDashboardName) {
      status.textContent = t('pin.nameNeeded');
      name.focus();
      return;
    }
    submit.disabled = true;
    try {
      const pinned = await options.api.pin(options.answer(), target, options.chartKind());
      status.textContent = t('pin.done', { name: pinned.dashboard.name, count: pinned.dashboard.itemCount });
      form.hidden = true;
      options.onPinned?.();
    } catch (error) {
      status.textContent = error instanceof ApiError ? error.message : String(error);
    } finally {
      submit.disabled = false;
    }
  });
  return h('div', { class: 'pin-control' }, open, form, status);
}
