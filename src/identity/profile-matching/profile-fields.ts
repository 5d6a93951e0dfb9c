import { detectFields, type FieldKind } from '../matching/fields.ts';

/**
 * Fields compared between profiles. The city is left out: the postcode says it again, and two
 * fields that always agree together break the independence Fellegi–Sunter assumes (on the demo,
 * EM then took "same city" for "same person").
 */
export const profileFieldKinds: readonly FieldKind[] = [
  'given_name',
  'surname',
  'date_of_birth',
  'address_1',
  'postcode',
  'phone',
  'email',
];

/** Identifier types whose normalised value feeds a field when no trait gives it. */
export const identifierFields: Readonly<Record<string, FieldKind>> = { email: 'email', phone: 'phone' };

/**
 * Maps the workspace's trait names onto the fields the matcher compares, by the same header
 * spellings as files (`firstName`, `first_name` and `prenom` are all a given name). Several traits
 * may feed one field (a web form's `first_name` and the CRM's `firstName`): the latest value wins.
 * E-mail and phone come from the profile's identifiers instead, normalised as stitching does.
 *
 * @example traitFields(['firstName', 'last_name', 'email', 'plan']) // { firstName: 'given_name', last_name: 'surname' }
 */
export function traitFields(traitNames: readonly string[]): Record<string, FieldKind> {
  const mapping: Record<string, FieldKind> = {};
  for (const trait of traitNames) {
    const [kind] = Object.keys(detectFields([trait], '')) as FieldKind[];
    const fromIdentifiers = Object.values(identifierFields).includes(kind as FieldKind);
    if (kind !== undefined && profileFieldKinds.includes(kind) && !fromIdentifiers) mapping[trait] = kind;
  }
  return mapping;
}
