import type { FieldKind } from './fields.ts';

/** One level of a comparison: a SQL condition on the pair's records, aliased `l` and `r`. */
export interface ComparisonLevel {
  label: string;
  /** SQL condition for a field, e.g. `(f) => \`l.${f} = r.${f}\``. */
  condition: (field: FieldKind) => string;
  /** Exact agreement whose weight is adjusted by how common the value is. */
  termFrequency?: boolean;
  /** Reads the field's `jw_<field>` similarity column. */
  jaroWinkler?: boolean;
}

/**
 * How one field is compared: its levels from most to least similar. The last level is
 * "else" (always true). A missing value on either side is level -1 and weighs nothing.
 */
export interface Comparison {
  field: FieldKind;
  levels: readonly ComparisonLevel[];
}

/** Builds a level condition from one on the two values, e.g. `(l, r) => \`${l} = ${r}\``. */
const onValues =
  (build: (l: string, r: string) => string) =>
  (field: FieldKind): string =>
    build(`l.${field}`, `r.${field}`);

const exact = (termFrequency = false): ComparisonLevel => ({
  label: 'exact',
  condition: onValues((l, r) => `${l} = ${r}`),
  termFrequency,
});
/** Refers to the pair's Jaro–Winkler similarity, computed once per field (see {@link similaritySql}). */
const jaroWinkler = (at: number): ComparisonLevel => ({
  label: `jaro-winkler >= ${at}`,
  condition: (f) => `jw_${f} >= ${at}`,
  jaroWinkler: true,
});

/** The similarity column the Jaro–Winkler levels of a field read. */
export function similaritySql(field: FieldKind): string {
  return `jaro_winkler_similarity(l.${field}, r.${field}) AS jw_${field}`;
}

/**
 * One typo or one swap of neighbouring characters. The cheap guard first (equal lengths allow at
 * most two differing positions) spares the slow edit distance on most random pairs.
 */
const oneEdit: ComparisonLevel = {
  label: 'damerau-levenshtein <= 1',
  condition: onValues(
    (l, r) =>
      `(CASE WHEN length(${l}) = length(${r}) THEN hamming(${l}, ${r}) <= 2 ` +
      `ELSE abs(length(${l}) - length(${r})) <= 1 END AND damerau_levenshtein(${l}, ${r}) <= 1)`,
  ),
};
const otherwise: ComparisonLevel = { label: 'else', condition: () => 'TRUE' };

/** Given name and surname swapped between the two records. */
function swappedWith(other: FieldKind): ComparisonLevel {
  return { label: `equals the other record's ${other}`, condition: (f) => `l.${f} = r.${other}` };
}

/** Day and month swapped in a `YYYYMMDD` date. */
const dayMonthSwap: ComparisonLevel = {
  label: 'day and month swapped',
  condition: onValues(
    (l, r) =>
      `(length(${l}) = 8 AND length(${r}) = 8 AND substr(${l}, 1, 4) = substr(${r}, 1, 4) ` +
      `AND substr(${l}, 5, 2) = substr(${r}, 7, 2) AND substr(${l}, 7, 2) = substr(${r}, 5, 2))`,
  ),
};

const sameYear: ComparisonLevel = {
  label: 'same year',
  condition: onValues((l, r) => `(length(${l}) = 8 AND substr(${l}, 1, 4) = substr(${r}, 1, 4))`),
};

function nameLevels(swap: FieldKind | undefined): ComparisonLevel[] {
  return [
    exact(true),
    jaroWinkler(0.92),
    jaroWinkler(0.88),
    ...(swap ? [swappedWith(swap)] : []),
    jaroWinkler(0.7),
    otherwise,
  ];
}

const placeLevels = (): ComparisonLevel[] => [
  exact(true),
  jaroWinkler(0.92),
  jaroWinkler(0.88),
  jaroWinkler(0.7),
  otherwise,
];

/** The comparison for each mapped field kind. */
export function comparisonsFor(fields: readonly FieldKind[]): Comparison[] {
  const has = (kind: FieldKind) => fields.includes(kind);
  return fields.map((field): Comparison => {
    switch (field) {
      case 'given_name':
        return { field, levels: nameLevels(has('surname') ? 'surname' : undefined) };
      case 'surname':
        return { field, levels: nameLevels(has('given_name') ? 'given_name' : undefined) };
      case 'date_of_birth':
        return { field, levels: [exact(), oneEdit, dayMonthSwap, sameYear, otherwise] };
      case 'identifier':
      case 'phone':
        return { field, levels: [exact(), oneEdit, otherwise] };
      case 'postcode':
      case 'street_number':
        return { field, levels: [exact(true), oneEdit, otherwise] };
      case 'email':
        // One slip anywhere (gmial.com, .con, two letters swapped) is the typo people make.
        return { field, levels: [exact(), oneEdit, jaroWinkler(0.88), otherwise] };
      case 'state':
        return { field, levels: [exact(), otherwise] };
      default:
        return { field, levels: placeLevels() };
    }
  });
}
