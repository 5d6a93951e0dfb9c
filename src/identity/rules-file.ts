import { existsSync, readFileSync } from 'node:fs';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type IdentifierSettings, identifierSettings } from './identifiers/index.ts';
import { type StitchingRules, stitchingRules } from './stitching/rules.ts';

const Limit = Type.Object(
  {
    max: Type.Integer({ minimum: 1 }),
    windowDays: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
const Blocked = Type.Object(
  {
    values: Type.Optional(Type.Array(Type.String())),
    patterns: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);

/** The identity rules a business may set, in `identity.json` (every field optional). */
export const IdentityRulesFile = Type.Object(
  {
    limits: Type.Optional(Type.Record(Type.String(), Limit)),
    priority: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    maxMergesPerProfile: Type.Optional(Type.Integer({ minimum: 0 })),
    defaultCountry: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    blocked: Type.Optional(Type.Record(Type.String(), Blocked)),
    replaceDefaultBlocked: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type IdentityRulesFile = Static<typeof IdentityRulesFile>;

export interface IdentityRules {
  rules: StitchingRules;
  settings: IdentifierSettings;
  /** The file they were read from, if any. */
  file: string | null;
}

/**
 * Reads the stitching rules and identifier settings from a JSON file over the defaults; a missing
 * file gives the defaults. A wrong field is named with what it should be.
 */
export function readIdentityRules(path: string | null, required = false): IdentityRules {
  if (path !== null && required && !existsSync(path)) {
    throw new Error(`PANORAMA_IDENTITY_RULES names ${path}, which does not exist.`);
  }
  if (path === null || !existsSync(path)) {
    return { rules: stitchingRules(), settings: identifierSettings(), file: null };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const problem = Value.Errors(IdentityRulesFile, parsed).First();
  if (problem) {
    throw new Error(
      `${path}: ${problem.path || '/'} ${problem.message} (see docs/identity.md, "Rules you can set").`,
    );
  }
  const file = parsed as IdentityRulesFile;
  for (const pattern of Object.values(file.blocked ?? {}).flatMap((b) => b.patterns ?? [])) {
    try {
      new RegExp(pattern, 'i');
    } catch {
      throw new Error(`${path}: blocked pattern "${pattern}" is not a regular expression.`);
    }
  }
  return {
    rules: stitchingRules({
      ...(file.limits ? { limits: file.limits } : {}),
      ...(file.priority ? { priority: file.priority } : {}),
      ...(file.maxMergesPerProfile === undefined ? {} : { maxMergesPerProfile: file.maxMergesPerProfile }),
    }),
    settings: identifierSettings({
      ...(file.defaultCountry ? { defaultCountry: file.defaultCountry } : {}),
      ...(file.blocked ? { blocked: file.blocked } : {}),
      ...(file.replaceDefaultBlocked === undefined
        ? {}
        : { replaceDefaultBlocked: file.replaceDefaultBlocked }),
    }),
    file: path,
  };
}

/** The identity module's configuration for every workspace of this installation. */
export function identityConfigOf(identity: IdentityRules): {
  rulesFor: () => StitchingRules;
  settingsFor: () => IdentifierSettings;
} {
  return { rulesFor: () => identity.rules, settingsFor: () => identity.settings };
}
