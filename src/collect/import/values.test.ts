import { describe, expect, it } from 'vitest';
import { parseNumber, parseProducts, parseWhen } from './values.ts';

describe('parseWhen', () => {
  it('reads the dates exports write, a time without offset as UTC', () => {
    const cases: [unknown, string][] = [
      ['14/03/2025 15:42', '2025-03-14T15:42:00.000Z'],
      ['14/03/2025 15:42:07', '2025-03-14T15:42:07.000Z'],
      ['14/03/2025', '2025-03-14T00:00:00.000Z'],
      ['2025-03-14', '2025-03-14T00:00:00.000Z'],
      ['2025-03-14 15:42', '2025-03-14T15:42:00.000Z'],
      ['2025-03-14T15:42:00+01:00', '2025-03-14T14:42:00.000Z'],
      ['2025/03/14', '2025-03-14T00:00:00.000Z'],
      ['03/14/2025', '2025-03-14T00:00:00.000Z'],
      ['1741966920000', '2025-03-14T15:42:00.000Z'],
      [1741966920000, '2025-03-14T15:42:00.000Z'],
      ['1741966920', '2025-03-14T15:42:00.000Z'],
    ];
    for (const [given, iso] of cases) expect(parseWhen(given)?.toISOString(), String(given)).toBe(iso);
  });

  it('refuses impossible dates', () => {
    for (const given of ['31/02/2025', '2025-02-30', '14/03/2025 25:00', 'hier', '2025-13-01']) {
      expect(parseWhen(given), given).toBeUndefined();
    }
  });
});

describe('parseNumber', () => {
  it('reads French and English amounts', () => {
    expect(parseNumber('49,90')).toBe(49.9);
    expect(parseNumber('1 234,56 €')).toBe(1234.56);
    expect(parseNumber('1.234,56')).toBe(1234.56);
    expect(parseNumber('1,234.56')).toBe(1234.56);
    expect(parseNumber('-12')).toBe(-12);
    expect(parseNumber(7)).toBe(7);
    expect(parseNumber('dix')).toBeUndefined();
    expect(parseNumber('')).toBeUndefined();
  });
});

describe('parseProducts', () => {
  it('reads sku:quantity lists, JSON, and keeps anything else as text', () => {
    expect(parseProducts('A:2|B:1')).toEqual([
      { sku: 'A', quantity: 2 },
      { sku: 'B', quantity: 1 },
    ]);
    expect(parseProducts('Pull; Chemise x 2')).toEqual(['Pull', { sku: 'Chemise', quantity: 2 }]);
    expect(parseProducts('[{"sku":"A"}]')).toEqual([{ sku: 'A' }]);
    expect(parseProducts('[cassé')).toBe('[cassé');
  });
});
