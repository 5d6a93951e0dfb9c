import { compareEventKeys, type EventKey, type EventRecord } from './canonical-order.ts';

interface Component {
  events: EventRecord[];
  last: EventKey;
}

/** An identifier in the union-find: its parent, and its component while it is a root. */
interface Member {
  key: string;
  parent: Member;
  component: Component | null;
}

/**
 * The raw components of the identifier graph: identifiers joined by appearing on one event,
 * whatever the rules later decide. Stitching never joins two raw components, so each can be
 * stitched (and re-stitched) on its own.
 */
export class RawComponents {
  private readonly members = new Map<string, Member>();

  /** The component's representative key. */
  find(key: string): string {
    const member = this.members.get(key);
    return member ? rootOf(member).key : key;
  }

  /**
   * Joins the event's identifiers into one component and files the event there. True when the
   * event comes after every event already in the components it touched (it is in order).
   */
  add(record: EventRecord): boolean {
    let root: Member | null = null;
    let inOrder = true;
    for (const key of record.keys) {
      let member = this.members.get(key);
      if (!member) {
        member = { key, parent: null as unknown as Member, component: { events: [], last: record } };
        member.parent = member;
        this.members.set(key, member);
      }
      const other = rootOf(member);
      const component = other.component as Component;
      if (other !== root && component.events.length > 0 && compareEventKeys(record, component.last) < 0)
        inOrder = false;
      root = root === null ? other : union(root, other);
    }
    const component = (root as Member).component as Component;
    component.events.push(record);
    if (compareEventKeys(component.last, record) < 0) component.last = record;
    return inOrder;
  }

  /** The events of a component (in the order they were filed). */
  eventsOf(root: string): readonly EventRecord[] {
    const member = this.members.get(root);
    return member ? ((rootOf(member).component as Component).events ?? []) : [];
  }
}

/** The root of a member's tree, halving the path on the way. */
function rootOf(member: Member): Member {
  let at = member;
  while (at.parent !== at) {
    at.parent = at.parent.parent;
    at = at.parent;
  }
  return at;
}

/** Joins two roots' components into the larger one (the first on a tie); its root is returned. */
function union(a: Member, b: Member): Member {
  if (a === b) return a;
  const ca = a.component as Component;
  const cb = b.component as Component;
  const [big, small] = ca.events.length >= cb.events.length ? [a, b] : [b, a];
  const bigComponent = big.component as Component;
  const smallComponent = small.component as Component;
  for (const event of smallComponent.events) bigComponent.events.push(event);
  if (compareEventKeys(bigComponent.last, smallComponent.last) < 0) bigComponent.last = smallComponent.last;
  small.parent = big;
  small.component = null;
  return big;
}
