/**
 * What a paths analysis is asked: which item a step is, where paths start or end, how sessions are
 * cut, and how much of the graph to keep. A plain object, so the API takes it in a request body and
 * the CLI from flags.
 * @module
 */
import { type Static, Type } from '@sinclair/typebox';
import { checkRange, parseInstant, parseWithSchema } from './parse.ts';

/** The `journey_events` column a path step is read from. */
export const PathItemSchema = Type.Union([
  Type.Literal('touchpoint'),
  Type.Literal('action'),
  Type.Literal('stage'),
  Type.Literal('channel'),
  Type.Literal('event'),
]);
export type PathItem = Static<typeof PathItemSchema>;

const Item = Type.String({ minLength: 1, maxLength: 500 });

/** The definition as a request body or the CLI gives it (every field optional). */
export const PathsDefinitionSchema = Type.Object(
  {
    item: Type.Optional(PathItemSchema),
    start: Type.Optional(Item),
    end: Type.Optional(Item),
    sessionGapMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_080, default: 30 })),
    depth: Type.Optional(Type.Integer({ minimum: 2, maximum: 20, default: 5 })),
    edgeLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
    include: Type.Optional(Type.Array(Item, { minItems: 1, maxItems: 500 })),
    exclude: Type.Optional(Type.Array(Item, { maxItems: 500 })),
    count: Type.Optional(Type.Union([Type.Literal('paths'), Type.Literal('profiles')])),
  },
  { additionalProperties: false },
);
export type PathsDefinitionInput = Static<typeof PathsDefinitionSchema>;

/** A checked definition, every default filled in. */
export interface PathsDefinition {
  item: PathItem;
  /** Paths begin at the first occurrence of this item in a session (null: at the session's start). */
  start: string | null;
  /** Paths stop at the first occurrence of this item (after `start`); sessions without it are left out. */
  end: string | null;
  sessionGapMinutes: number;
  /** Most steps (nodes) kept per path. */
  depth: number;
  /** Most edges kept, the heaviest first. */
  edgeLimit: number;
  /** Events from this instant (inclusive). */
  from: Date | null;
  /** Events before this instant (exclusive). */
  to: Date | null;
  /** Only these items (null: all). */
  include: string[] | null;
  exclude: string[];
  /** Weigh edges and nodes by paths (one per session) or by distinct profiles. */
  count: 'paths' | 'profiles';
}

/** The step standing for the middle of a path that runs from `start` to `end` in more than `depth` steps. */
export const ELIDED_STEPS = '…';

const what = 'paths definition';

/**
 * Checks a paths definition and fills in its defaults (touchpoints, 30-minute sessions, 5 steps,
 * 50 edges, counted in paths); throws a `RangeError` naming the wrong field.
 * @example parsePathsDefinition({ start: 'web:product_viewed', depth: 4 })
 */
export function parsePathsDefinition(raw: unknown): PathsDefinition {
  const input = parseWithSchema(PathsDefinitionSchema, raw, what);
  const from = parseInstant(what, 'from', input.from);
  const to = parseInstant(what, 'to', input.to);
  checkRange(what, from, to);
  const depth = input.depth ?? 5;
  if (input.start !== undefined && input.end !== undefined && depth < 3)
    throw new RangeError(`${what}: depth must be at least 3 when both start and end are set`);
  const exclude = input.exclude ?? [];
  for (const anchor of [input.start, input.end])
    if (
      anchor !== undefined &&
      (exclude.includes(anchor) || (input.include && !input.include.includes(anchor)))
    )
      throw new RangeError(
        `${what}: "${anchor}" is an anchor (start or end) but is filtered out by include/exclude`,
      );
  return {
    item: input.item ?? 'touchpoint',
    start: input.start ?? null,
    end: input.end ?? null,
    sessionGapMinutes: input.sessionGapMinutes ?? 30,
    depth,
    edgeLimit: input.edgeLimit ?? 50,
    from,
    to,
    include: input.include ?? null,
    exclude,
    count: input.count ?? 'paths',
  };
}
