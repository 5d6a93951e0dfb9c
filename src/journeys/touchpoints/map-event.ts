/**
 * The reference semantics of a touchpoint mapping, on one event in memory. `touchpointSql`
 * computes the same in the engines; tests hold the two together.
 * @module
 */
import { type CompiledRule, compileRules } from './compiled-rules.ts';
import type { MappableEvent, MappedEvent, TouchpointMapping } from './mapping.ts';
import { matchesAny } from './patterns.ts';
import { snakeCase } from './slug.ts';

const compiled = new WeakMap<TouchpointMapping, CompiledRule[]>();

/**
 * The event's action, touchpoint, stage, name and revenue under the mapping. For the action and
 * the stage separately, the first matching rule that sets it wins; without one, the action is the
 * snake-cased name (`view_<name>` for a page or screen; the call's type when there is no name)
 * and the stage is null. Revenue is `properties.revenue`, else `properties.total`, when they are
 * numbers and the action is a purchase action.
 * @example
 * mapEvent({ channel: 'web', type: 'page', name: 'Suivi de commande' }, defaultTouchpointMapping)
 * // { action: 'view_suivi_de_commande', touchpoint: 'web:view_suivi_de_commande', stage: 'receive',
 * //   event: 'Suivi de commande', revenue: null }
 */
export function mapEvent(event: MappableEvent, mapping: TouchpointMapping): MappedEvent {
  let rules = compiled.get(mapping);
  if (!rules) {
    rules = compileRules(mapping.rules);
    compiled.set(mapping, rules);
  }
  const matching = rules.filter((rule) => matches(rule, event)).map((r) => r.rule);
  const action = matching.find((r) => r.action !== undefined)?.action ?? defaultAction(event);
  const staged = matching.find((r) => r.stage !== undefined);
  return {
    action,
    touchpoint: `${event.channel}:${action}`,
    stage: staged?.stage ?? null,
    event: event.name ?? event.type,
    revenue: mapping.purchaseActions.includes(action) ? revenueOf(event.properties) : null,
  };
}

function matches(rule: CompiledRule, event: MappableEvent): boolean {
  if (rule.channel && !matchesAny(rule.channel, event.channel)) return false;
  if (rule.type && !matchesAny(rule.type, event.type)) return false;
  if (rule.event && !matchesAny(rule.event, event.name)) return false;
  return rule.properties.every(([name, patterns]) => {
    const value = event.properties?.[name];
    return typeof value === 'string' && matchesAny(patterns, value);
  });
}

function defaultAction(event: MappableEvent): string {
  const name = snakeCase(event.name ?? '') || event.type;
  return event.type === 'page' || event.type === 'screen' ? `view_${name}` : name;
}

function revenueOf(properties: MappableEvent['properties']): number | null {
  for (const key of ['revenue', 'total']) {
    const value = properties?.[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return null;
}
