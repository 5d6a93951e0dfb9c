import { describe, expect, it, vi } from 'vitest';
import type { Store } from '../../store/port.ts';
import type {
  IdentitySourceEvent,
  IdentitySourceRequest,
  OperatorLinkRow,
  SplitRow,
} from '../../store/types.ts';
import { extractIdentifiers } from '../identifiers/index.ts';
import {
  IdentityGraph,
  operatorLinkEvent,
  rebuildIdentityGraph,
  type StitchEvent,
} from '../stitching/index.ts';
import { loadIdentity } from './load.ts';
import type { WorkspaceIdentity } from './workspace-identity.ts';

/** mulberry32: a small seeded generator, so that a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const hour = 3_600_000;
const start = Date.UTC(2026, 0, 1);

/** Events sharing user ids, anonymous ids, e-mails and phones from small pools, many at the same time. */
function randomEvents(seed: number, count: number): IdentitySourceEvent[] {
  const next = random(seed);
  const pick = (prefix: string, size: number) => `${prefix}${Math.floor(next() * size)}`;
  const events: IdentitySourceEvent[] = [];
  for (let i = 0; i < count; i++) {
    // Now and then a retry: the same message again.
    const retried = events[Math.floor(next() * i)];
    if (retried && next() < 0.03) {
      events.push({ ...retried });
      continue;
    }
    const traits: Record<string, string> = {};
    if (next() < 0.3) traits.email = `${pick('p', 12)}@maison.fr`;
    if (next() < 0.15) traits.phone = `06 12 34 56 ${10 + Math.floor(next() * 8)}`;
    events.push({
      workspaceId: 'w',
      messageId: `m${i}`,
      timestamp: new Date(start + Math.floor(next() * 48) * hour),
      type: 'identify' as const,
      userId: next() < 0.3 ? pick('u', 8) : null,
      anonymousId: next() < 0.9 ? pick('a', 40) : null,
      previousId: null,
      traits: Object.keys(traits).length > 0 ? traits : null,
      properties: null,
      context: null,
    });
  }
  return events;
}

/** Chunks as `sourceEvents` gives them: slices of time, in order, each in no particular order. */
function slices(events: readonly IdentitySourceEvent[], width: number, next: () => number) {
  const bySlice = new Map<number, IdentitySourceEvent[]>();
  for (const event of events) {
    const slice = Math.floor((event.timestamp.getTime() - start) / width);
    bySlice.set(slice, [...(bySlice.get(slice) ?? []), event]);
  }
  return [...bySlice.entries()].sort(([a], [b]) => a - b).map(([, chunk]) => chunk.sort(() => next() - 0.5));
}

function storeOf(
  chunks: readonly IdentitySourceEvent[][],
  links: OperatorLinkRow[] = [],
  splits: SplitRow[] = [],
): Store {
  const identity = {
    async *sourceEvents(_request?: IdentitySourceRequest) {
      for (const chunk of chunks) yield chunk;
    },
    operatorLinks: async () => links.map((link) => ({ workspaceId: 'w', ...link })),
    splits: async () => splits.map((split) => ({ workspaceId: 'w', ...split })),
  };
  return { identity } as unknown as Store;
}

function stateOf(graph: IdentityGraph, events: readonly { messageId: string }[]) {
  return {
    profiles: graph.profiles(),
    merges: graph.merges(),
    events: Object.fromEntries(events.map((e) => [e.messageId, graph.profileOfEvent(e.messageId)])),
  };
}

function stitchEvents(events: readonly IdentitySourceEvent[]): StitchEvent[] {
  return events.map((e) => ({
    messageId: e.messageId,
    timestamp: e.timestamp,
    identifiers: extractIdentifiers(e),
  }));
}

describe('Loading the identity graph chunk by chunk', () => {
  it('gives the graph of one batch of every event, operator links and splits included, without re-running', async () => {
    let operatorMerges = 0;
    let splitsMade = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const events = randomEvents(seed, 300);
      const next = random(seed * 7);
      // Operators' decisions: links between profiles the events leave apart, at an event's time,
      // between events, and after all of them; then a split of one merge.
      const decided = rebuildIdentityGraph(stitchEvents(events));
      const links: OperatorLinkRow[] = [];
      for (const hours of [5, 17.5, 30, 60]) {
        const ids = decided.profiles().map((p) => p.id);
        const [a, b] = [ids[Math.floor(next() * ids.length)], ids[Math.floor(next() * ids.length)]];
        const result = decided.link(a as string, b as string, {
          by: 'op',
          at: new Date(start + hours * hour),
        });
        if (result.ok)
          links.push({
            linkId: result.link.id,
            identifiers: result.link.identifiers,
            by: 'op',
            at: new Date(result.link.at),
            reason: null,
            rule: 'operator',
          });
      }
      const merge = decided.merges()[0];
      const split = merge && decided.split(merge.id, { by: 'op', at: new Date(start + 70 * hour) });
      const splits: SplitRow[] =
        split?.ok === true
          ? [
              {
                splitId: split.split.id,
                mergeId: split.split.mergeId,
                sides: split.split.sides,
                by: 'op',
                at: new Date(split.split.at),
                reason: null,
              },
            ]
          : [];

      const reference = rebuildIdentityGraph(
        [
          ...stitchEvents(events),
          ...links.map((l) =>
            operatorLinkEvent({ id: l.linkId, identifiers: l.identifiers, by: l.by, at: l.at.toISOString() }),
          ),
        ],
        undefined,
        split?.ok === true ? [split.split] : [],
      );
      const addAll = vi.spyOn(IdentityGraph.prototype, 'addAll');
      const loaded = await loadIdentity(storeOf(slices(events, 3 * hour, next), links, splits));
      const reruns = addAll.mock.results.filter((r) => r.type === 'return' && r.value.rerun);
      addAll.mockRestore();
      const workspace = loaded.get('w') as WorkspaceIdentity;
      expect(stateOf(workspace.graph, events), `seed ${seed}`).toEqual(stateOf(reference, events));
      expect(workspace.graph.links()).toEqual(reference.links());
      expect(workspace.state.eventsStitched).toBe(new Set(events.map((e) => e.messageId)).size);
      expect(reruns).toEqual([]);
      operatorMerges += reference.merges().filter((m) => m.rule === 'operator').length;
      splitsMade += splits.length;
    }
    expect(operatorMerges).toBeGreaterThan(20);
    expect(splitsMade).toBeGreaterThan(10);
  });
});
