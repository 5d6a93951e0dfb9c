import { type Identifier, identifierKey } from '../identifiers/index.ts';
import type { ProfileState } from './profile-state.ts';
import type { OperatorLink } from './records.ts';

/** Where an event sits in the canonical order: by time, then by message id. */
export interface EventKey {
  at: number;
  messageId: string;
}

/** An event as the graph keeps it: its place in the canonical order and its identifiers, most trusted first. */
export interface EventRecord extends EventKey {
  readonly identifiers: readonly Identifier[];
  readonly keys: readonly string[];
  /** Set when the record is an operator's link rather than an event. */
  link?: OperatorLink;
  /** The profile the event was stitched into (maybe merged away since); none for a link. */
  profile?: ProfileState;
}

export function compareEventKeys(a: EventKey, b: EventKey): number {
  if (a.at !== b.at) return a.at - b.at;
  return a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0;
}

/** An event's identifiers, each once, most trusted first (ties by value), and their keys. */
interface IdentifierList {
  readonly identifiers: readonly Identifier[];
  readonly keys: readonly string[];
}

/**
 * Lists made before, by their identifiers. Extraction hands out one object per distinct
 * identifier, so a million events carry a few tens of thousands of distinct lists of one or two:
 * records share them (and each key is made once, its hash with it) instead of holding two
 * arrays of their own. The lists are never changed.
 */
const ofOne = new WeakMap<Identifier, IdentifierList>();
const ofTwo = new WeakMap<Identifier, WeakMap<Identifier, IdentifierList>>();

/** The event's identifiers, each once, most trusted first (ties by value), with their keys. */
export function eventRecord(
  messageId: string,
  at: number,
  identifiers: readonly Identifier[],
  order: (a: string, b: string) => number,
): EventRecord {
  const list = identifierList(identifiers, order);
  // Every field from the start: records keep one shape, their fields inside the object.
  return {
    messageId,
    at,
    identifiers: list.identifiers,
    keys: list.keys,
    link: undefined,
    profile: undefined,
  };
}

function identifierList(
  identifiers: readonly Identifier[],
  order: (a: string, b: string) => number,
): IdentifierList {
  if (identifiers.length === 1) {
    const only = identifiers[0] as Identifier;
    let list = ofOne.get(only);
    if (!list) {
      list = { identifiers: [only], keys: [identifierKey(only)] };
      ofOne.set(only, list);
    }
    return list;
  }
  if (identifiers.length === 2 && identifiers[0] !== identifiers[1]) {
    const [first, second] = identifiers as [Identifier, Identifier];
    let withFirst = ofTwo.get(first);
    if (!withFirst) {
      withFirst = new WeakMap();
      ofTwo.set(first, withFirst);
    }
    let list = withFirst.get(second);
    if (!list) {
      list = sortedList(identifiers, order);
      withFirst.set(second, list);
    }
    return list;
  }
  return sortedList(identifiers, order);
}

/** The first identifier of each key, placed by trust then value (an insertion sort: a handful at most). */
function sortedList(
  identifiers: readonly Identifier[],
  order: (a: string, b: string) => number,
): IdentifierList {
  const sorted: Identifier[] = [];
  const keys: string[] = [];
  for (const identifier of identifiers) {
    const key = keyOf(identifier);
    if (keys.includes(key)) continue;
    let slot = sorted.length;
    while (slot > 0 && compareIdentifiers(sorted[slot - 1] as Identifier, identifier, order) > 0) slot -= 1;
    sorted.splice(slot, 0, identifier);
    keys.splice(slot, 0, key);
  }
  return { identifiers: sorted, keys };
}

function keyOf(identifier: Identifier): string {
  return ofOne.get(identifier)?.keys[0] ?? identifierKey(identifier);
}

function compareIdentifiers(a: Identifier, b: Identifier, order: (a: string, b: string) => number): number {
  return order(a.type, b.type) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}
