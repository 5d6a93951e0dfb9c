import { describe, expect, it } from 'vitest';
import { detectFields } from './fields.ts';

describe('detectFields', () => {
  it('maps FEBRL headers and treats the social security number as an identifier', () => {
    const columns = ['rec_id', 'given_name', 'surname', 'postcode', 'date_of_birth', 'soc_sec_id'];
    expect(detectFields(columns, 'rec_id')).toEqual({
      given_name: 'given_name',
      surname: 'surname',
      postcode: 'postcode',
      date_of_birth: 'date_of_birth',
      identifier: 'soc_sec_id',
    });
  });

  it('recognises French headers and never maps the id column', () => {
    const columns = ['id', 'Prénom', 'Nom', 'Date de naissance', 'Code postal', 'Ville', 'Courriel'];
    expect(detectFields(columns, 'id')).toEqual({
      given_name: 'Prénom',
      surname: 'Nom',
      date_of_birth: 'Date de naissance',
      postcode: 'Code postal',
      suburb: 'Ville',
      email: 'Courriel',
    });
    expect(detectFields(['email', 'name'], 'email')).toEqual({});
  });

  it('lets a mapping add a column and drop a detected one', () => {
    expect(detectFields(['id', 'surname', 'fam'], 'id', { surname: 'fam' })).toEqual({ surname: 'fam' });
    expect(detectFields(['id', 'surname', 'city'], 'id', { suburb: null })).toEqual({ surname: 'surname' });
  });
});
