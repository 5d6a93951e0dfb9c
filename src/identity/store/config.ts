import { createHash } from 'node:crypto';
import { defaultIdentifierSettings, type IdentifierSettings } from '../identifiers/index.ts';
import { defaultStitchingRules, type StitchingRules } from '../stitching/index.ts';

/** The rules and identifier settings of each workspace (the defaults unless given). */
export interface IdentityConfig {
  rulesFor?: (workspaceId: string) => StitchingRules;
  settingsFor?: (workspaceId: string) => IdentifierSettings;
}

export interface WorkspaceConfig {
  rules: StitchingRules;
  settings: IdentifierSettings;
  /** Changes whenever the rules or settings do: tables stitched by other rules must be rebuilt. */
  digest: string;
}

export function workspaceConfig(config: IdentityConfig, workspaceId: string): WorkspaceConfig {
  const rules = config.rulesFor?.(workspaceId) ?? defaultStitchingRules;
  const settings = config.settingsFor?.(workspaceId) ?? defaultIdentifierSettings;
  const text = JSON.stringify({ rules, settings }, (_key, value) =>
    value instanceof RegExp ? `/${value.source}/${value.flags}` : value,
  );
  return { rules, settings, digest: createHash('sha1').update(text).digest('hex').slice(0, 16) };
}
