import { type Identifier, identifierKey } from '../identifiers/index.ts';
import type { OperatorLink } from './records.ts';

/** Where an event sits in the canonical order: by time, then by message id. */
export interface EventKey {
  at: number;
  messageId: string;
}

/** An event as the graph keeps it: its place in the canonical order and its identifiers, most trusted first. */
export interface EventRecord extends EventKey {
  identifiers: Identifier[];
  keys: string[];
  /** Set when the record is an operator's link rather than an event. */
  link?: OperatorLink;
}

export function compareEventKeys(a: EventKey, b: EventKey): number {
  if (a.at !== b.at) return a.at - b.at;
  return a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0;
}

/** The event's identifiers, each once, most trusted first (ties by value), with their keys. */
export function eventRecord(
  messageId: string,
  at: number,
  identifiers: readonly Identifier[],
  order: (a: string, b: string) => number,
): EventRecord {
  const byKey = new Map<string, Identifier>();
  for (const identifier of identifiers) {
    const key = identifierKey(identifier);
    if (!byKey.has(key)) byKey.set(key, identifier);
  }
  const sorted = [...byKey.values()].sort(
    (a, b) => order(a.type, b.type) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
  return { messageId, at, identifiers: sorted, keys: sorted.map(identifierKey) };
}
