import { describe, expect, it } from 'vitest';
import { sqlDialects } from '../sql/dialect.ts';
import { snakeCase, snakeCaseSql } from './slug.ts';

describe('snake-case names', () => {
  it('strips accents, lowers, and joins words with one underscore', () => {
    expect(snakeCase('Suivi de commande')).toBe('suivi_de_commande');
    expect(snakeCase('Catégorie')).toBe('categorie');
    expect(snakeCase('Aide – Livraison')).toBe('aide_livraison');
    expect(snakeCase('  Order Completed!! ')).toBe('order_completed');
    expect(snakeCase("Cœur d'Été")).toBe('coeur_d_ete');
    expect(snakeCase('Straße 2')).toBe('strasse_2');
  });

  it('leaves nothing of a name without letters or digits', () => {
    expect(snakeCase('« — »')).toBe('');
  });

  it('is written for both engines', () => {
    expect(sqlDialects.map((d) => snakeCaseSql(d, 'events.name'))).toMatchInlineSnapshot(`
      [
        "trim(regexp_replace(replace(replace(replace(lower(strip_accents(events.name)), 'œ', 'oe'), 'æ', 'ae'), 'ß', 'ss'), '[^a-z0-9]+', '_', 'g'), '_')",
        "trim(BOTH '_' FROM replaceRegexpAll(replace(replace(replace(lowerUTF8(replaceRegexpAll(normalizeUTF8NFD(events.name), '\\\\p{M}', '')), 'œ', 'oe'), 'æ', 'ae'), 'ß', 'ss'), '[^a-z0-9]+', '_'))",
      ]
    `);
  });
});
