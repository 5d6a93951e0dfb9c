import { compareEventKeys, type EventKey, type EventRecord } from './canonical-order.ts';

interface Component {
  events: EventRecord[];
  last: EventKey;
}

/**
 * The raw components of the identifier graph: identifiers joined by appearing on one event,
 * whatever the rules later decide. Stitching never joins two raw components, so each can be
 * stitched (and re-stitched) on its own.
 */
export class RawComponents {
  private readonly parent = new Map<string, string>();
  private readonly components = new Map<string, Component>();

  /** The component's representative key. */
  find(key: string): string {
    let at = key;
    for (;;) {
      const up = this.parent.get(at);
      if (up === undefined || up === at) return at;
      const grand = this.parent.get(up) ?? up;
      this.parent.set(at, grand);
      at = grand;
    }
  }

  /**
   * Joins the event's identifiers into one component and files the event there. `inOrder` is true
   * when the event comes after every event already in the components it touched.
   */
  add(record: EventRecord): { root: string; inOrder: boolean } {
    let root: string | null = null;
    let inOrder = true;
    for (const key of record.keys) {
      if (!this.parent.has(key)) {
        this.parent.set(key, key);
        this.components.set(key, { events: [], last: record });
      }
      const other = this.find(key);
      const component = this.components.get(other) as Component;
      if (other !== root && component.events.length > 0 && compareEventKeys(record, component.last) < 0)
        inOrder = false;
      root = root === null ? other : this.union(root, other);
    }
    const component = this.components.get(root as string) as Component;
    component.events.push(record);
    if (compareEventKeys(component.last, record) < 0) component.last = record;
    return { root: root as string, inOrder };
  }

  /** The events of a component (in the order they were filed). */
  eventsOf(root: string): readonly EventRecord[] {
    return this.components.get(this.find(root))?.events ?? [];
  }

  private union(a: string, b: string): string {
    if (a === b) return a;
    const ca = this.components.get(a) as Component;
    const cb = this.components.get(b) as Component;
    const [big, small, bigRoot, smallRoot] =
      ca.events.length >= cb.events.length ? [ca, cb, a, b] : [cb, ca, b, a];
    for (const event of small.events) big.events.push(event);
    if (compareEventKeys(big.last, small.last) < 0) big.last = small.last;
    this.parent.set(smallRoot, bigRoot);
    this.components.delete(smallRoot);
    return bigRoot;
  }
}
