/**
 * Mapping rules with their patterns compiled, shared by `mapEvent` and `touchpointSql` so the
 * two read a rule the same way.
 * @module
 */
import type { TouchpointRule } from './mapping.ts';
import { type Pattern, parsePatterns } from './patterns.ts';

/** A rule's conditions, each field to a list of alternatives; `properties` by property name. */
export interface CompiledRule {
  channel?: Pattern[];
  type?: Pattern[];
  event?: Pattern[];
  properties: [string, Pattern[]][];
  rule: TouchpointRule;
}

/** Compiles the patterns of every rule (the mapping was validated: they compile). */
export function compileRules(rules: readonly TouchpointRule[]): CompiledRule[] {
  return rules.map((rule) => ({
    ...(rule.channel === undefined ? {} : { channel: parsePatterns(rule.channel) }),
    ...(rule.type === undefined ? {} : { type: parsePatterns(rule.type) }),
    ...(rule.event === undefined ? {} : { event: parsePatterns(rule.event) }),
    properties: Object.entries(rule.properties ?? {}).map(([name, text]) => [name, parsePatterns(text)]),
    rule,
  }));
}
