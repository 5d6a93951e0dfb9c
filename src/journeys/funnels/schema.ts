/**
 * A funnel definition as a request body or CLI flags give it (TypeBox schema), and its parsing into
 * a checked `FunnelDefinition`, with errors that name the field at fault.
 * @module
 */

import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { instantMs } from '../instant.ts';
import {
  type EventMatcher,
  type FunnelDefinition,
  matchFields,
  type WindowUnit,
  windowUnitMs,
} from './definition.ts';

const Values = Type.Union([
  Type.String({ minLength: 1, maxLength: 500 }),
  Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 100 }),
]);

const matcherFields = {
  action: Type.Optional(Values),
  touchpoint: Type.Optional(Values),
  stage: Type.Optional(Values),
  channel: Type.Optional(Values),
  event: Type.Optional(Values),
};
const Label = Type.Optional(Type.String({ minLength: 1, maxLength: 200 }));

/** A step: the events that count for it (at least one field), and an optional label. */
export const FunnelStepBody = Type.Object(
  { label: Label, ...matcherFields },
  { additionalProperties: false },
);

/** An exclusion: the events that disqualify an attempt between two of its steps (numbered from 1). */
export const FunnelExclusionBody = Type.Object(
  {
    label: Label,
    ...matcherFields,
    fromStep: Type.Integer({ minimum: 1, maximum: 19 }),
    toStep: Type.Integer({ minimum: 2, maximum: 20 }),
  },
  { additionalProperties: false },
);

const windowUnits = Object.keys(windowUnitMs) as WindowUnit[];

/** A funnel as written; everything but the steps has a default (ordered, 14 days, any entry date). */
export const FunnelDefinitionBody = Type.Object(
  {
    steps: Type.Array(FunnelStepBody, { minItems: 2, maxItems: 20 }),
    order: Type.Optional(Type.Union([Type.Literal('ordered'), Type.Literal('strict'), Type.Literal('any')])),
    window: Type.Optional(
      Type.Object(
        {
          value: Type.Integer({ minimum: 1, maximum: 525_600 }),
          unit: Type.Union(windowUnits.map((unit) => Type.Literal(unit))),
        },
        { additionalProperties: false },
      ),
    ),
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
    exclusions: Type.Optional(Type.Array(FunnelExclusionBody, { maxItems: 20 })),
    breakdown: Type.Optional(Type.Literal('channel')),
    breakdownLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type FunnelDefinitionBody = Static<typeof FunnelDefinitionBody>;

const longestWindowMs = 366 * windowUnitMs.days;
/**
 * Checks a funnel definition and fills its defaults: order `ordered`, a 14-day window, no entry
 * bounds, no exclusions, breakdown limit 10. Dates are ISO dates (midnight UTC) or instants with
 * an offset; `from` is inclusive and `to` exclusive. Throws a `RangeError` naming the field.
 * @example
 * parseFunnelDefinition({ steps: [{ event: 'Produit' }, { action: 'order_completed' }], window: { value: 7, unit: 'days' } })
 * // { steps: [{ label: 'Produit', match: { event: ['Produit'] } }, …], order: 'ordered', windowMs: 604800000, … }
 */
export function parseFunnelDefinition(input: unknown): FunnelDefinition {
  const body = checked(FunnelDefinitionBody, input);
  const steps = body.steps.map((step, index) => ({
    label: step.label ?? defaultLabel(matcherOf(step, `steps[${index}]`)),
    match: matcherOf(step, `steps[${index}]`),
  }));
  const exclusions = (body.exclusions ?? []).map((exclusion, index) => {
    const field = `exclusions[${index}]`;
    if (exclusion.toStep <= exclusion.fromStep || exclusion.toStep > steps.length) {
      throw new RangeError(
        `funnel definition: ${field} must run from a step to a later one, within steps 1 to ${steps.length} (got ${exclusion.fromStep} to ${exclusion.toStep})`,
      );
    }
    const match = matcherOf(exclusion, field);
    return {
      label: exclusion.label ?? defaultLabel(match),
      match,
      fromStep: exclusion.fromStep,
      toStep: exclusion.toStep,
    };
  });
  const window = body.window ?? { value: 14, unit: 'days' };
  const windowMs = window.value * windowUnitMs[window.unit];
  if (windowMs > longestWindowMs) {
    throw new RangeError(
      `funnel definition: window must be at most 366 days (got ${window.value} ${window.unit})`,
    );
  }
  const enteredFrom = body.from === undefined ? null : instant(body.from, 'from');
  const enteredTo = body.to === undefined ? null : instant(body.to, 'to');
  if (enteredFrom !== null && enteredTo !== null && enteredTo <= enteredFrom) {
    throw new RangeError(`funnel definition: to must come after from (got ${body.from} to ${body.to})`);
  }
  return {
    steps,
    order: body.order ?? 'ordered',
    windowMs,
    enteredFrom,
    enteredTo,
    exclusions,
    breakdown: body.breakdown ?? null,
    breakdownLimit: body.breakdownLimit ?? 10,
  };
}

function checked<T extends TSchema>(schema: T, input: unknown): Static<T> {
  const problem = Value.Errors(schema, input).First();
  if (problem === undefined) return input as Static<T>;
  const field = problem.path === '' ? 'the definition' : fieldName(problem.path);
  const got = problem.value === undefined ? 'nothing' : JSON.stringify(problem.value);
  throw new RangeError(
    `funnel definition: ${field} ${expectation(problem.schema, problem.message)} (got ${got})`,
  );
}

/** `/steps/1/event/0` → `steps[1].event[0]`. */
function fieldName(path: string): string {
  return path
    .slice(1)
    .split('/')
    .map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}

function expectation(schema: TSchema, message: string): string {
  const options = (schema.anyOf as TSchema[] | undefined)?.map((option) => option.const);
  if (options?.every((option) => typeof option === 'string')) {
    return `must be one of ${options.map((option) => JSON.stringify(option)).join(', ')}`;
  }
  if (schema.anyOf !== undefined) return 'must be a text or a non-empty list of texts';
  if (schema.type === 'integer') return `must be a whole number from ${schema.minimum} to ${schema.maximum}`;
  if (schema.type === 'array') return `must hold ${schema.minItems ?? 0} to ${schema.maxItems} items`;
  if (schema.const !== undefined) return `must be ${JSON.stringify(schema.const)}`;
  if (/unexpected property/i.test(message)) return 'is not a field of a funnel definition';
  if (schema.type === 'object') return 'must be an object';
  return `is wrong: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}

function matcherOf(
  body: Partial<Record<(typeof matchFields)[number], string | string[]>>,
  field: string,
): EventMatcher {
  const matcher: EventMatcher = {};
  for (const name of matchFields) {
    const values = body[name];
    if (values !== undefined) matcher[name] = typeof values === 'string' ? [values] : values;
  }
  if (Object.keys(matcher).length === 0) {
    throw new RangeError(`funnel definition: ${field} must name at least one of ${matchFields.join(', ')}`);
  }
  return matcher;
}

function defaultLabel(matcher: EventMatcher): string {
  return matchFields.flatMap((name) => (matcher[name] ? [matcher[name].join(' or ')] : [])).join(' · ');
}

function instant(value: string, field: string): number {
  const ms = instantMs(value);
  if (Number.isNaN(ms)) {
    throw new RangeError(
      `funnel definition: ${field} must be an ISO date (2026-03-01) or instant with offset (2026-03-01T08:00:00Z) (got ${JSON.stringify(value)})`,
    );
  }
  return ms;
}
