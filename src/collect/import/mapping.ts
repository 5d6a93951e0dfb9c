import { readFile } from 'node:fs/promises';
import { PanoramaError } from '../../errors.ts';
import { type ImportKind, kindSpecs } from './kinds.ts';

/** Which file column feeds each Panorama field: `{ orderId: 'numero_commande', ... }`. */
export type Mapping = Record<string, string>;

/** `Date de naissance`, `date_naissance` and `DateNaissance` all become `datedenaissance`/`datenaissance`. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Aliases too vague to match the last part of a nested JSON path (`customer.id` is not an order id). */
const vagueAliases = new Set(['id', 'date', 'name', 'nom', 'type', 'source', 'user', 'text', 'order']);

/**
 * Guesses which column feeds each field of a kind from the file's headers, whatever their case,
 * accents or spacing, in English or French and as HubSpot or Salesforce export them.
 * Nested JSONL keys (`customer.email`) also match by their last part.
 *
 * @example detectMapping('contacts', ['Record ID', 'First Name', 'Email'])
 * // → { crmId: 'Record ID', firstName: 'First Name', email: 'Email' }
 */
export function detectMapping(kind: ImportKind, headers: readonly string[]): Mapping {
  const full = headers.map((h) => normaliseHeader(h));
  const leaf = headers.map((h) => normaliseHeader(h.slice(h.lastIndexOf('.') + 1)));
  const used = new Set<number>();
  const mapping: Mapping = {};
  const pick = (candidates: string[], alias: string, strict: boolean) =>
    candidates.findIndex((c, i) => c === alias && !used.has(i) && (strict || !vagueAliases.has(alias)));
  for (const pass of [full, leaf]) {
    for (const field of kindSpecs[kind].fields) {
      if (mapping[field.name] !== undefined) continue;
      for (const alias of field.aliases) {
        const at = pick(pass, alias, pass === full);
        if (at < 0) continue;
        used.add(at);
        mapping[field.name] = headers[at] as string;
        break;
      }
    }
  }
  return mapping;
}

/**
 * The mapping an import uses: the detected one, overridden field by field by the mapping file
 * (`{ "<panorama field>": "<file column>" }`, null to leave a field out). Fails, before any row is
 * read, when a required field has no column.
 */
export function resolveMapping(
  kind: ImportKind,
  headers: readonly string[],
  overrides: Record<string, unknown> = {},
) {
  const mapping = detectMapping(kind, headers);
  const spec = kindSpecs[kind];
  const known = spec.fields.map((f) => f.name);
  for (const [field, column] of Object.entries(overrides)) {
    if (!known.includes(field)) {
      throw new PanoramaError(
        'import.invalid_mapping',
        `The mapping file names "${field}", which is not a field of ${kind}. Fields: ${known.join(', ')}.`,
      );
    }
    if (column === null || column === '') {
      delete mapping[field];
      continue;
    }
    if (typeof column !== 'string' || !headers.includes(column)) {
      throw new PanoramaError(
        'import.invalid_mapping',
        `The mapping file maps "${field}" to column ${JSON.stringify(column)}, which the file does not have. Columns: ${headers.join(', ')}.`,
      );
    }
    for (const [other, taken] of Object.entries(mapping))
      if (taken === column && other !== field) delete mapping[other];
    mapping[field] = column;
  }
  const missing = spec.fields.filter((f) => f.required && mapping[f.name] === undefined).map((f) => f.name);
  const keyless = !spec.keyFields.some((f) => mapping[f] !== undefined);
  if (keyless && !missing.includes(spec.keyFields[0] as string)) missing.push(spec.keyFields.join(' or '));
  if (missing.length > 0) {
    throw new PanoramaError(
      'import.missing_column',
      `No column found for ${missing.join(', ')} (${kind}). Columns seen: ${headers.join(', ') || '(none)'}. ` +
        `Rename the column or give a mapping file: --mapping map.json with {"${missing[0]}": "<column>"}.`,
      { missing, headers },
    );
  }
  return mapping;
}

/** Reads a mapping file: a JSON object of Panorama field → file column. */
export async function readMappingFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PanoramaError(
      'import.invalid_mapping',
      `Cannot read the mapping file ${path}: ${(error as Error).message}`,
    );
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new PanoramaError(
    'import.invalid_mapping',
    `The mapping file ${path} must be a JSON object such as {"orderId": "Order No"}.`,
  );
}
