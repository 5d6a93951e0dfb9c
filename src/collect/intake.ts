import type { FieldProblem } from '../errors.ts';
import type { EventType, NewRefusal, Source, StoredEvent } from '../store/types.ts';
import type { SegmentMessage } from './segment-schema.ts';
import { type Arrival, toStoredEvent } from './to-stored-event.ts';
import { checkMessage } from './validate.ts';

export const limits = {
  maxEventBytes: 32 * 1024,
  maxBatchBytes: 500 * 1024,
  maxBatchItems: 2500,
} as const;

export interface RefusedItem extends FieldProblem {
  index: number;
  messageId?: string;
}

export interface Intake {
  events: StoredEvent[];
  refused: RefusedItem[];
  refusals: NewRefusal[];
}

/**
 * Sorts the messages of one request into events to store and refused items, each refused item
 * with its index, the field and the rule it broke. Batch-level `context` and `integrations`
 * are merged into every item, as Segment does.
 */
export function takeIn(
  items: readonly unknown[],
  endpointType: EventType | undefined,
  arrival: Arrival,
  shared: { context?: Record<string, unknown>; integrations?: Record<string, unknown> } = {},
  bodyBytes = 0,
): Intake {
  const intake: Intake = { events: [], refused: [], refusals: [] };
  const measureEach = bodyBytes > limits.maxEventBytes;
  items.forEach((raw, index) => {
    const item = withShared(raw, shared);
    const problem = measureEach ? sizeProblem(item) : undefined;
    const checked = problem ? { ok: false as const, problems: [problem] } : checkMessage(item, endpointType);
    if (checked.ok) {
      const type = endpointType ?? (checked.message.type as EventType);
      intake.events.push(toStoredEvent(stripWriteKey(checked.message), type, arrival));
      return;
    }
    for (const p of checked.problems) intake.refused.push({ index, ...messageIdOf(item), ...p });
    intake.refusals.push(refusal(arrival.source, arrival, item, checked.problems));
  });
  return intake;
}

function withShared(raw: unknown, shared: { context?: object; integrations?: object }): unknown {
  if (!shared.context && !shared.integrations) return raw;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const item = raw as Record<string, unknown>;
  return {
    ...item,
    context: shared.context ? { ...shared.context, ...(item.context as object | undefined) } : item.context,
    integrations: shared.integrations
      ? { ...shared.integrations, ...(item.integrations as object | undefined) }
      : item.integrations,
  };
}

function sizeProblem(item: unknown): FieldProblem | undefined {
  // Most messages are far below the limit: a bound on their serialised length, found without
  // serialising them, settles it. Only when the bound is not enough is the message serialised.
  if (serialisedLengthBound(item, limits.maxEventBytes / 3, 0) <= limits.maxEventBytes / 3) return undefined;
  const text = JSON.stringify(item) ?? '';
  if (text.length <= limits.maxEventBytes / 3) return undefined;
  const bytes = Buffer.byteLength(text);
  if (bytes <= limits.maxEventBytes) return undefined;
  return {
    field: '(message)',
    rule: 'max_size_32kb',
    message: `The message is ${bytes} bytes; a message may not exceed 32 KB (${limits.maxEventBytes} bytes).`,
  };
}

/** Longest JSON text of a number (`-1.7976931348623157e+308`). */
const maxNumberLength = 24;

/**
 * An upper bound of `JSON.stringify(value).length` for JSON data (a string of n characters
 * serialises to at most 6n + 2), or `Infinity` once it exceeds `budget`, for anything that is
 * not plain JSON data, or past 32 levels of nesting.
 */
function serialisedLengthBound(value: unknown, budget: number, depth: number): number {
  if (typeof value === 'string') return 6 * value.length + 2;
  if (typeof value === 'number') return maxNumberLength;
  if (value === null || value === undefined || typeof value === 'boolean') return 5;
  if (typeof value !== 'object' || depth > 32) return Number.POSITIVE_INFINITY;
  let total = 2;
  if (Array.isArray(value)) {
    for (const element of value) {
      total += 1 + serialisedLengthBound(element, budget - total, depth + 1);
      if (total > budget) return Number.POSITIVE_INFINITY;
    }
    return total;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return Number.POSITIVE_INFINITY;
  const bag = value as Record<string, unknown>;
  for (const key in bag) {
    if (!Object.hasOwn(bag, key)) return Number.POSITIVE_INFINITY;
    total += 6 * key.length + 4 + serialisedLengthBound(bag[key], budget - total, depth + 1);
    if (total > budget) return Number.POSITIVE_INFINITY;
  }
  return total;
}

function stripWriteKey(message: SegmentMessage): SegmentMessage {
  if (message.writeKey === undefined) return message;
  const { writeKey: _dropped, ...rest } = message;
  return rest;
}

function messageIdOf(item: unknown): { messageId?: string } {
  const id = (item as { messageId?: unknown } | null)?.messageId;
  return typeof id === 'string' ? { messageId: id } : {};
}

function refusal(source: Source, arrival: Arrival, item: unknown, problems: FieldProblem[]): NewRefusal {
  const { writeKey: _dropped, ...kept } = (item ?? {}) as Record<string, unknown>;
  const payload = JSON.stringify(typeof item === 'object' && item !== null ? kept : item) ?? 'null';
  return {
    workspaceId: source.workspaceId,
    sourceId: source.id,
    receivedAt: arrival.receivedAt,
    origin: arrival.origin,
    reason: JSON.stringify(problems),
    payload: payload.slice(0, limits.maxEventBytes),
  };
}
