import { describe, expect, it } from 'vitest';
import { normalizeColumns } from './table-columns.ts';

describe('normalizeColumns', () => {
  it('reads answer columns with bilingual labels and units', () => {
    expect(normalizeColumns([{ id: 'gmv', label_en: 'GMV', label_zh: '成交额', unit: 'currency', role: 'metric' }])).toEqual([{ id: 'gmv', labelEn: 'GMV', labelZh: '成交额', unit: 'currency' }]);
  });

  it('reads database columns, guessing units from the type', () => {
    expect(normalizeColumns([{ name: 'total_amount', type: 'DECIMAL(12,2)' }, { name: 'orders', type: 'BIGINT' }, { name: 'status', type: 'VARCHAR' }]).map((column) => column.unit)).toEqual(['currency', 'number', 'text']);
  });

  it('accepts bare names, drops junk, falls back to the first row’s keys and treats all-number columns as figures', () => {
    expect(normalizeColumns(['a', 42, null]).map((column) => column.id)).toEqual(['a']);
    expect(normalizeColumns([], [{ x: 1, y: 'b' }])).toEqual([
      { id: 'x', labelEn: 'x', labelZh: 'x', unit: 'number' },
      { id: 'y', labelEn: 'y', labelZh: 'y' },
    ]);
  });
});
