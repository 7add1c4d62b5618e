import { h } from './dom.ts';
import { formatCell, isNumericUnit } from './format-cell.ts';
import { currentLanguage, onLanguageChange, t } from './i18n.ts';
import { nextSortDirection, sortRows, type SortDirection } from './table-sort.ts';

export interface TableColumn {
  id: string;
  labelEn: string;
  labelZh: string;
  unit?: string;
  /** ISO 4217 code of an amount column. */
  currency?: string | null;
}

export function columnLabel(column: TableColumn): string {
  return currentLanguage() === 'zh' ? column.labelZh : column.labelEn;
}

/**
 * A result table whose headers are buttons (keyboard-sortable, with aria-sort), cells formatted by unit, and
 * numbers right-aligned. Re-renders itself when the language changes; call dispose() when removing it.
 */
export function sortableTable(options: { columns: readonly TableColumn[]; rows: readonly Record<string, unknown>[]; caption: string }): { element: HTMLElement; dispose(): void } {
  let sort: { columnId: string; direction: SortDirection } | null = null;
  const table = h('table', { class: 'result-table' });
  const wrapper = h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': options.caption }, table);

  const render = () => {
    const language = currentLanguage();
    const rows = sort ? sortRows(options.rows, sort.columnId, sort.direction, language === 'zh' ? 'zh-CN' : 'en') : options.rows;
    const header = h(
      'tr',
      null,
      options.columns.map((column) => {
        const numeric = isNumericUnit(column.unit);
        const active = sort?.columnId === column.id ? sort.direction : null;
        const indicator = active === 'ascending' ? ' ▲' : active === 'descending' ? ' ▼' : '';
        const button = h(
          'button',
          {
            type: 'button',
            class: 'sort-button',
            title: t('table.sortBy', { column: columnLabel(column) }),
            onClick: () => {
              sort = { columnId: column.id, direction: nextSortDirection(sort, column.id, numeric) };
              render();
              table.querySelector<HTMLButtonElement>(`th[data-column="${CSS.escape(column.id)}"] button`)?.focus();
            },
          },
          columnLabel(column),
          h('span', { 'aria-hidden': 'true', class: 'sort-indicator' }, indicator),
        );
        return h('th', { scope: 'col', 'data-column': column.id, 'aria-sort': active ?? 'none', class: numeric ? 'numeric' : undefined }, button);
      }),
    );
    const body = h(
      'tbody',
      null,
      rows.map((row) =>
        h(
          'tr',
          null,
          options.columns.map((column) => h('td', { class: isNumericUnit(column.unit) ? 'numeric' : undefined }, formatCell(row[column.id], column.unit, language, column.currency))),
        ),
      ),
    );
    table.replaceChildren(h('caption', { class: 'visually-hidden' }, options.caption), h('thead', null, header), body);
  };
  render();
  const stop = onLanguageChange(render);
  return { element: wrapper, dispose: stop };
}
