export type SortDirection = 'ascending' | 'descending';

const collators = new Map<string, Intl.Collator>();

function collatorFor(locale: string): Intl.Collator {
  let collator = collators.get(locale);
  if (!collator) {
    // numeric: "SKU-2" before "SKU-10"; zh-CN sorts Chinese text by pinyin.
    collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
    collators.set(locale, collator);
  }
  return collator;
}

/** Numbers, and numeric strings (DuckDB sends integers beyond 2^53 as text), compare as numbers. */
function asNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value.trim())) return Number(value);
  return null;
}

/** Compares two cells; empty cells (null, undefined, '') compare as undefined so callers can keep them last. */
export function compareCells(left: unknown, right: unknown, locale: string): number {
  const leftNumber = asNumber(left);
  const rightNumber = asNumber(right);
  if (leftNumber !== null && rightNumber !== null) return leftNumber - rightNumber;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  const text = (value: unknown) => (typeof value === 'object' ? JSON.stringify(value) : String(value));
  return collatorFor(locale).compare(text(left), text(right));
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/**
 * A sorted copy of the rows by one column. Stable (equal cells keep their original order) and empty cells go last
 * in both directions, so flipping the direction never buries the figures under a block of blanks.
 */
export function sortRows<Row extends Record<string, unknown>>(rows: readonly Row[], columnId: string, direction: SortDirection, locale = 'en'): Row[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((left, right) => {
      const leftValue = left.row[columnId];
      const rightValue = right.row[columnId];
      const leftEmpty = isEmpty(leftValue);
      const rightEmpty = isEmpty(rightValue);
      if (leftEmpty || rightEmpty) return leftEmpty === rightEmpty ? left.index - right.index : leftEmpty ? 1 : -1;
      return sign * compareCells(leftValue, rightValue, locale) || left.index - right.index;
    })
    .map(({ row }) => row);
}

/** Clicking a header: a new column starts descending for figures (largest first), ascending for text. */
export function nextSortDirection(current: { columnId: string; direction: SortDirection } | null, columnId: string, numeric: boolean): SortDirection {
  if (current?.columnId === columnId) return current.direction === 'ascending' ? 'descending' : 'ascending';
  return numeric ? 'descending' : 'ascending';
}
