/**
 * A touchpoint mapping as a business writes it (JSON, in a request body, a file or a flag),
 * validated with a TypeBox schema and put before the default rules.
 * @module
 */
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { defaultTouchpointMapping } from './defaults.ts';
import type { TouchpointMapping, TouchpointRule } from './mapping.ts';
import { parsePatterns } from './patterns.ts';

const snake = '^[a-z][a-z0-9_]*$';
const Pattern = Type.Union([
  Type.String({ minLength: 1 }),
  Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
]);

/** One rule as written: what it matches, and the action and/or stage it sets. */
export const TouchpointRuleBody = Type.Object(
  {
    channel: Type.Optional(Pattern),
    type: Type.Optional(Pattern),
    event: Type.Optional(Pattern),
    properties: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Pattern, {
        additionalProperties: false,
      }),
    ),
    action: Type.Optional(Type.String({ pattern: snake, maxLength: 100 })),
    stage: Type.Optional(Type.Union([Type.String({ pattern: snake, maxLength: 100 }), Type.Null()])),
  },
  { additionalProperties: false },
);

/**
 * A mapping as written: its own rules (tried first), whether the defaults follow them (they do
 * unless `defaults` is false), and the actions that carry revenue (`order_completed` unless set).
 */
export const TouchpointMappingBody = Type.Object(
  {
    rules: Type.Optional(Type.Array(TouchpointRuleBody, { maxItems: 500 })),
    defaults: Type.Optional(Type.Boolean()),
    purchaseActions: Type.Optional(Type.Array(Type.String({ pattern: snake }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type TouchpointMappingBody = Static<typeof TouchpointMappingBody>;

/**
 * Validates a mapping (JSON text or already parsed) and resolves it: its rules, then the default
 * rules. Throws a RangeError naming the rule and field at fault.
 * @example
 * parseTouchpointMapping({ rules: [{ event: 'Demo Booked', stage: 'buy' }] })
 * // { rules: [{ event: 'Demo Booked', stage: 'buy' }, ...defaultTouchpointMapping.rules], purchaseActions: ['order_completed'] }
 */
export function parseTouchpointMapping(json: unknown): TouchpointMapping {
  const body = typeof json === 'string' ? parseJson(json) : json;
  const problem = Value.Errors(TouchpointMappingBody, body).First();
  if (problem) {
    throw new RangeError(
      `touchpoint mapping: ${describePath(problem.path)}${explain(problem.path, problem.message)}`,
    );
  }
  const mapping = body as TouchpointMappingBody;
  const rules = (mapping.rules ?? []) as TouchpointRule[];
  rules.forEach(checkRule);
  return {
    rules: [...rules, ...(mapping.defaults === false ? [] : defaultTouchpointMapping.rules)],
    purchaseActions: mapping.purchaseActions ?? defaultTouchpointMapping.purchaseActions,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RangeError(`touchpoint mapping: not valid JSON (${(error as Error).message})`);
  }
}

/** `/rules/2/event` → `rule 2, field "event": `, so a person finds the rule in their file. */
function describePath(path: string): string {
  const rule = /^\/rules\/(\d+)(?:\/(.+))?$/.exec(path);
  if (!rule) return path === '' ? '' : `field "${path.slice(1).replaceAll('/', '.')}": `;
  const field = rule[2] ? `, field "${rule[2].replaceAll('/', '.')}"` : '';
  return `rule ${rule[1]}${field}: `;
}

/** TypeBox says only "Expected union value" of a union: say which values the field takes. */
function explain(path: string, message: string): string {
  if (message.includes(snake)) return 'expected snake case (lower-case letters, digits and _, from a letter)';
  if (message !== 'Expected union value') return message;
  if (path.endsWith('/stage')) return 'expected a snake-case stage (such as "get_help") or null';
  return 'expected a value, a glob ("Email *"), a /regular expression/, or a non-empty list of them';
}

function checkRule(rule: TouchpointRule, index: number): void {
  const where = (field: string) => `touchpoint mapping: rule ${index}, field "${field}":`;
  if (rule.channel === undefined && rule.type === undefined && rule.event === undefined && !rule.properties) {
    throw new RangeError(
      `touchpoint mapping: rule ${index}: matches nothing; name a channel, type, event or properties`,
    );
  }
  if (rule.action === undefined && rule.stage === undefined) {
    throw new RangeError(
      `touchpoint mapping: rule ${index}: sets nothing; give it an action, a stage or both`,
    );
  }
  const patterns: [string, Parameters<typeof parsePatterns>[0] | undefined][] = [
    ['channel', rule.channel],
    ['type', rule.type],
    ['event', rule.event],
    ...Object.entries(rule.properties ?? {}).map(
      ([name, p]) => [`properties.${name}`, p] as [string, typeof p],
    ),
  ];
  for (const [field, pattern] of patterns) {
    if (pattern === undefined) continue;
    try {
      parsePatterns(pattern);
    } catch (error) {
      throw new RangeError(`${where(field)} ${(error as Error).message}`);
    }
  }
}
