import type { FieldKind } from './fields.ts';

/**
 * A blocking rule: pairs of records (aliased `l` and `r`) that satisfy `on` are compared.
 * The candidate pairs are the union over all rules. `fields` are the fields the rule looks at:
 * within the pairs of one rule they carry no evidence, so EM leaves them out.
 */
export interface BlockingRule {
  name: string;
  fields: readonly FieldKind[];
  on: string;
}

const same = (field: FieldKind): BlockingRule => ({
  name: `same ${field}`,
  fields: [field],
  on: `l.${field} = r.${field}`,
});

/**
 * The default rules for the mapped fields: the same value on any one strong field, plus the
 * same first two letters of the surname and year of birth (catches a typo in both names).
 */
export function blockingRulesFor(fields: readonly FieldKind[]): BlockingRule[] {
  const has = (kind: FieldKind) => fields.includes(kind);
  const single: FieldKind[] = [
    'identifier',
    'email',
    'phone',
    'date_of_birth',
    'postcode',
    'surname',
    'given_name',
  ];
  const rules = single.filter(has).map(same);
  if (has('email')) {
    // A slip in the domain keeps the local part; one in the local part, most often its end.
    rules.push({
      name: 'same email local part',
      fields: ['email'],
      on: "split_part(l.email, '@', 1) = split_part(r.email, '@', 1)",
    });
    rules.push({
      name: 'same email domain and local part end',
      fields: ['email'],
      on:
        "split_part(l.email, '@', 2) = split_part(r.email, '@', 2) " +
        "AND right(split_part(l.email, '@', 1), 4) = right(split_part(r.email, '@', 1), 4)",
    });
  }
  if (has('surname') && has('date_of_birth')) {
    rules.push({
      name: 'same surname start and birth year',
      fields: ['surname', 'date_of_birth'],
      on:
        'substr(l.surname, 1, 2) = substr(r.surname, 1, 2) ' +
        'AND substr(l.date_of_birth, 1, 4) = substr(r.date_of_birth, 1, 4)',
    });
  }
  return rules;
}
