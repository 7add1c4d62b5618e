import { describe, expect, it } from 'vitest';
import { formatCell, isNumericUnit } from './format-cell.ts';

describe('formatCell', () => {
  it('formats by unit exactly as the narrative does', () => {
    expect(formatCell(1234567.891, 'currency', 'en', 'CNY')).toBe('¥1,234,567.89');
    expect(formatCell(-5, 'currency', 'zh', 'CNY')).toBe('-¥5.00');
    expect(formatCell(-5, 'currency', 'en', 'GBP')).toBe('-£5.00');
    expect(formatCell(0.29384, 'ratio', 'en')).toBe('29.38%');
    expect(formatCell(12000, 'count', 'en')).toBe('12,000');
    expect(formatCell(3.5, 'days', 'zh')).toBe('3.5 天');
    expect(formatCell(42.25, 'seconds', 'en')).toBe('42.3 s');
  });

  it('shows missing values in the page language and text as it is', () => {
    expect(formatCell(null, 'currency', 'en')).toBe('n/a');
    expect(formatCell(undefined, 'ratio', 'zh')).toBe('无');
    expect(formatCell('Beijing', 'text', 'en')).toBe('Beijing');
    expect(formatCell('2025-11-30', 'date', 'en')).toBe('2025-11-30');
  });

  it('falls back to plain numbers for unknown units and JSON for objects', () => {
    expect(formatCell(1234.5, 'furlongs', 'en')).toBe('1,234.50');
    expect(formatCell({ a: 1 }, undefined, 'en')).toBe('{"a":1}');
    expect(formatCell(true, undefined, 'en')).toBe('true');
  });

  it('knows which units are figures (right-aligned)', () => {
    expect(isNumericUnit('currency')).toBe(true);
    expect(isNumericUnit('text')).toBe(false);
    expect(isNumericUnit(undefined)).toBe(false);
  });
});
