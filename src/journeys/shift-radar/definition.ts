/**
 * A shift radar run as plain data: what the API takes in a request body and the CLI builds from flags,
 * validated with a schema whose errors name the field at fault.
 * @module
 */

import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Penalty } from '../change-points/index.ts';
import { defaultMinimumEffects } from '../comparisons/index.ts';
import { instantMs } from '../instant.ts';
import type { Thresholds } from './findings/measured.ts';
import type { ComparedPeriods } from './measure/periods.ts';
import { seriesCatalogue } from './series/catalogue.ts';

// checked by instantMs below: TypeBox formats need a registry the project does not set up
const Time = Type.String({ minLength: 1, description: 'ISO 8601 date-time' });
const Range = Type.Object({ from: Time, to: Time }, { additionalProperties: false });
const Breakdown = Type.Union([
  Type.Object({ kind: Type.Literal('segment') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('value_tier') }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('trait'), trait: Type.String({ minLength: 1 }) },
    { additionalProperties: false },
  ),
]);
const Share = Type.Number({ minimum: 0, maximum: 1 });

export const ShiftRadarDefinitionBody = Type.Object(
  {
    /** The days whose series are searched; default: all the data. */
    range: Type.Optional(Range),
    /** Series to watch (catalogue names); default all. */
    series: Type.Optional(
      Type.Array(Type.Union(seriesCatalogue.map((s) => Type.Literal(s.name))), { maxItems: 20 }),
    ),
    penalty: Type.Optional(
      Type.Union([
        Type.Object({ kind: Type.Literal('mbic') }, { additionalProperties: false }),
        Type.Object({ kind: Type.Literal('bic') }, { additionalProperties: false }),
        Type.Object(
          { kind: Type.Literal('manual'), perChange: Type.Number({ minimum: 0 }) },
          { additionalProperties: false },
        ),
      ]),
    ),
    /** Compare these two periods instead of searching for changes. */
    periods: Type.Optional(Type.Object({ before: Range, after: Range }, { additionalProperties: false })),
    windowDays: Type.Optional(Type.Integer({ minimum: 7, maximum: 366 })),
    gapDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })),
    minimumSegmentWeeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 26 })),
    /** A change undone within this many days is a pulse, not a shift; default 28. */
    persistenceDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })),
    /** The most detected shifts measured (the best supported); default 5. */
    maximumShifts: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    thresholds: Type.Optional(
      Type.Object(
        {
          alpha: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 0.5 })),
          cramersV: Type.Optional(Share),
          relativeChange: Type.Optional(Type.Number({ minimum: 0 })),
          kolmogorovSmirnovDistance: Type.Optional(Share),
          transitionDistance: Type.Optional(Share),
        },
        { additionalProperties: false },
      ),
    ),
    /** Breakdowns of each finding; default segment and value tier. The first values the findings. */
    breakdowns: Type.Optional(Type.Array(Breakdown, { maxItems: 5 })),
  },
  { additionalProperties: false },
);
export type ShiftRadarDefinitionBody = Static<typeof ShiftRadarDefinitionBody>;

/** A definition with every default filled in. */
export interface ShiftRadarSettings {
  range: { from: number; to: number } | null;
  series: string[] | undefined;
  penalty: Penalty;
  periods: ComparedPeriods | null;
  windowDays: number;
  gapDays: number;
  minimumSegmentWeeks: number;
  persistenceDays: number;
  maximumShifts: number;
  thresholds: Thresholds;
  breakdowns: ShiftRadarDefinitionBody['breakdowns'] & object;
}

/**
 * The default gate: α = 0.05 after Holm's adjustment over the run, and the effect minimums of
 * `defaultMinimumEffects` (Cramér's V 0.1, relative change 10%, KS distance 0.1, transition distance 0.1).
 */
export const defaultThresholds: Thresholds = {
  alpha: 0.05,
  cramersV: defaultMinimumEffects.cramersV,
  relativeChange: defaultMinimumEffects.relativeChange,
  kolmogorovSmirnovDistance: defaultMinimumEffects.kolmogorovSmirnovDistance,
  transitionDistance: defaultMinimumEffects.transitionDistance,
};

/**
 * Validates a definition and fills in its defaults; throws a RangeError naming the field at fault.
 *
 * @example
 * parseShiftRadarDefinition({ series: ['orders_by_channel'], thresholds: { cramersV: 0.2 } })
 */
export function parseShiftRadarDefinition(input: unknown): ShiftRadarSettings {
  const problem = Value.Errors(ShiftRadarDefinitionBody, input ?? {}).First();
  if (problem) {
    const field = problem.path === '' ? 'the definition' : problem.path.slice(1).replaceAll('/', '.');
    throw new RangeError(
      `shift radar definition: ${field}: ${problem.message} (got ${JSON.stringify(problem.value)})`,
    );
  }
  const body = (input ?? {}) as ShiftRadarDefinitionBody;
  const range = body.range ? checkedRange(body.range, 'range') : null;
  const periods = body.periods
    ? {
        before: checkedRange(body.periods.before, 'periods.before'),
        after: checkedRange(body.periods.after, 'periods.after'),
      }
    : null;
  if (periods && periods.before.to > periods.after.from)
    throw new RangeError('shift radar definition: periods.before must end before periods.after starts');
  return {
    range,
    series: body.series,
    penalty: body.penalty ?? { kind: 'mbic' },
    periods,
    windowDays: body.windowDays ?? 28,
    gapDays: body.gapDays ?? 3,
    minimumSegmentWeeks: body.minimumSegmentWeeks ?? 2,
    persistenceDays: body.persistenceDays ?? 28,
    maximumShifts: body.maximumShifts ?? 5,
    thresholds: { ...defaultThresholds, ...body.thresholds },
    breakdowns: body.breakdowns ?? [{ kind: 'segment' }, { kind: 'value_tier' }],
  };
}

function checkedRange(range: { from: string; to: string }, field: string): { from: number; to: number } {
  const from = instantMs(range.from);
  const to = instantMs(range.to);
  for (const [end, ms] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (Number.isNaN(ms))
      throw new RangeError(`shift radar definition: ${field}.${end} is not an ISO 8601 date-time`);
  if (!(to > from)) throw new RangeError(`shift radar definition: ${field}.to must be after ${field}.from`);
  return { from, to };
}
