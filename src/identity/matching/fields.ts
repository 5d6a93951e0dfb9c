/**
 * The kinds of field the matcher knows how to compare, and how file headers map onto them.
 * Pure: plain data in, plain data out.
 */
export const fieldKinds = [
  'given_name',
  'surname',
  'date_of_birth',
  'street_number',
  'address_1',
  'address_2',
  'suburb',
  'postcode',
  'state',
  'phone',
  'email',
  'identifier',
] as const;

export type FieldKind = (typeof fieldKinds)[number];

export function isFieldKind(value: string): value is FieldKind {
  return (fieldKinds as readonly string[]).includes(value);
}

/** Which file column feeds each field kind, e.g. `{ surname: 'Last Name' }`. */
export type FieldMapping = Partial<Record<FieldKind, string>>;

/** Header spellings (English and French) recognised for each kind, after {@link headerKey}. */
const synonyms: Record<FieldKind, readonly string[]> = {
  given_name: ['given_name', 'first_name', 'firstname', 'forename', 'prenom', 'given'],
  surname: ['surname', 'last_name', 'lastname', 'family_name', 'nom', 'nom_de_famille'],
  date_of_birth: [
    'date_of_birth',
    'dob',
    'birth_date',
    'birthdate',
    'birthday',
    'date_de_naissance',
    'naissance',
  ],
  street_number: ['street_number', 'house_number', 'numero', 'numero_de_rue'],
  address_1: ['address_1', 'address', 'address1', 'street', 'adresse', 'adresse_1', 'rue'],
  address_2: ['address_2', 'address2', 'adresse_2', 'complement_d_adresse', 'complement'],
  suburb: ['suburb', 'city', 'town', 'ville', 'commune', 'locality'],
  postcode: ['postcode', 'postal_code', 'postalcode', 'zip', 'zip_code', 'zipcode', 'code_postal', 'cp'],
  state: ['state', 'region', 'province', 'departement', 'county'],
  phone: ['phone', 'phone_number', 'telephone', 'tel', 'mobile', 'portable'],
  email: ['email', 'e_mail', 'email_address', 'courriel', 'mail', 'adresse_email'],
  identifier: ['soc_sec_id', 'ssn', 'social_security_number', 'national_id', 'numero_de_securite_sociale'],
};

/** Lower-case, accents dropped, every run of other characters turned into one `_`. */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/**
 * Maps the columns of a file onto field kinds by their headers, leaving out `idColumn`
 * (the record id is never a feature). `overrides` wins; a kind mapped to `null` is dropped.
 *
 * @example detectFields(['id', 'Prénom', 'Nom'], 'id') // { given_name: 'Prénom', surname: 'Nom' }
 */
export function detectFields(
  columns: readonly string[],
  idColumn: string,
  overrides: Partial<Record<FieldKind, string | null>> = {},
): FieldMapping {
  const mapping: FieldMapping = {};
  const byKey = new Map(columns.filter((c) => c !== idColumn).map((c) => [headerKey(c), c]));
  for (const kind of fieldKinds) {
    const column = synonyms[kind].map((s) => byKey.get(s)).find((c) => c !== undefined);
    if (column !== undefined) mapping[kind] = column;
  }
  for (const [kind, column] of Object.entries(overrides)) {
    if (!isFieldKind(kind)) continue;
    if (column === null || column === '') delete mapping[kind];
    else mapping[kind] = column;
  }
  return mapping;
}
