import { describe, expect, it } from 'vitest';
import type { Identifier } from '../identifiers/index.ts';
import { IdentityGraph, rebuildIdentityGraph, type StitchEvent } from './graph.ts';
import { operatorLinkEvent } from './operator-links.ts';
import { stitchingRules } from './rules.ts';

const t0 = Date.parse('2026-03-01T10:00:00Z');
const HOUR = 3_600_000;
const decided = new Date('2026-03-10T09:00:00Z');

function id(key: string): Identifier {
  const at = key.indexOf(':');
  return { type: key.slice(0, at), value: key.slice(at + 1), raw: key.slice(at + 1) };
}

function ev(messageId: string, hours: number, ...keys: string[]): StitchEvent {
  return { messageId, timestamp: t0 + hours * HOUR, identifiers: keys.map(id) };
}

/** Jane signed up with her personal e-mail; her work e-mail reached the shop on its own. */
const jane = [
  ev('j1', 0, 'anonymous_id:a1'),
  ev('j2', 1, 'anonymous_id:a1', 'user_id:cust-1', 'email:jane@perso.fr'),
  ev('w1', 2, 'anonymous_id:w9', 'email:j.doe@entreprise.fr'),
  ev('w2', 30, 'email:j.doe@entreprise.fr'),
];
const paul = [ev('p1', 3, 'user_id:cust-2', 'email:paul@martin.fr')];

function janeGraph(rules = stitchingRules()) {
  const graph = rebuildIdentityGraph([...jane, ...paul], rules);
  const personal = graph.profileOf('user_id:cust-1') as string;
  const work = graph.profileOf('email:j.doe@entreprise.fr') as string;
  return { graph, personal, work };
}

describe('Operator links', () => {
  it('merge two profiles through the most trusted identifier of each, recorded as an operator merge', () => {
    const { graph, personal, work } = janeGraph();
    const result = graph.link(work, personal, { by: 'ops', at: decided, reason: 'same person' });
    if (!result.ok) throw new Error(result.message);
    expect(result.link).toMatchObject({
      identifiers: [id('email:j.doe@entreprise.fr'), id('user_id:cust-1')],
      by: 'ops',
      at: decided.toISOString(),
      reason: 'same person',
    });
    expect(result.link.id).toMatch(/^link_[0-9a-f]{16}$/);
    expect(result.merge).toMatchObject({
      messageId: result.link.id,
      rule: 'operator',
      at: decided.toISOString(),
      into: personal,
      absorbed: [work],
      by: 'ops',
      reason: 'same person',
    });
    expect(graph.profileOf('email:j.doe@entreprise.fr')).toBe(personal);
    expect(graph.merges().filter((m) => m.rule === 'operator')).toEqual([result.merge]);
    expect(graph.links()).toEqual([result.link]);
  });

  it('is no sighting: it counts as no event and moves no first or last seen', () => {
    const { graph, personal, work } = janeGraph();
    const result = graph.link(personal, work, { by: 'ops', at: decided });
    expect(result.ok).toBe(true);
    const profile = graph.profile(personal);
    expect(profile).toMatchObject({
      events: 4,
      firstSeen: new Date(t0).toISOString(),
      lastSeen: new Date(t0 + 30 * HOUR).toISOString(),
    });
    const work1 = profile?.identifiers.find((i) => i.value === 'j.doe@entreprise.fr');
    expect(work1?.lastSeen).toBe(new Date(t0 + 30 * HOUR).toISOString());
    expect(graph.profileOfEvent(result.ok ? result.link.id : '')).toBeNull();
    expect(graph.isLink(result.ok ? result.link.id : '')).toBe(true);
  });

  it('gives the same graph when a rebuild is fed the decision as a synthetic event', () => {
    const { graph, personal, work } = janeGraph();
    const result = graph.link(personal, work, { by: 'ops', at: decided, reason: 'same person' });
    if (!result.ok) throw new Error(result.message);
    const event = operatorLinkEvent(result.link);
    expect(event).toMatchObject({ messageId: result.link.id, timestamp: decided.toISOString() });
    const rebuilt = rebuildIdentityGraph([event, ...paul, ...jane].reverse(), stitchingRules());
    expect(rebuilt.profiles()).toEqual(graph.profiles());
    expect(rebuilt.merges()).toEqual(graph.merges());
    expect(rebuilt.links()).toEqual(graph.links());
  });

  it('refuses two profiles with different user ids, a profile with itself, an unknown profile', () => {
    const { graph, personal, work } = janeGraph();
    const paulId = graph.profileOf('user_id:cust-2') as string;
    expect(graph.link(personal, paulId, { by: 'ops', at: decided })).toMatchObject({
      ok: false,
      code: 'identity.merge_refused',
      details: { userIds: ['cust-1', 'cust-2'] },
    });
    expect(graph.link(work, work, { by: 'ops', at: decided })).toMatchObject({
      ok: false,
      code: 'access.invalid',
    });
    expect(graph.link(work, 'prof_nobody', { by: 'ops', at: decided })).toMatchObject({
      ok: false,
      code: 'profiles.not_found',
    });
    expect(graph.links()).toEqual([]);
    expect(graph.merges()).toEqual([]);
  });

  it('follows the other rules as an event would: over a limit it drops its least trusted identifier', () => {
    const { graph, personal, work } = janeGraph(stitchingRules({ limits: { email: { max: 1 } } }));
    const result = graph.link(personal, work, { by: 'ops', at: decided });
    expect(result).toMatchObject({
      ok: true,
      merge: null,
      dropped: [{ identifier: id('email:j.doe@entreprise.fr'), reason: { rule: 'limit', type: 'email' } }],
    });
    expect(graph.profileOf('email:j.doe@entreprise.fr')).toBe(work);
    expect(graph.links()).toHaveLength(1);
  });

  it('can be split like any merge, and the split holds in a rebuild', () => {
    const { graph, personal, work } = janeGraph();
    const result = graph.link(personal, work, { by: 'ops', at: decided });
    if (!result.ok || !result.merge) throw new Error('not merged');
    const split = graph.split(result.merge.id, { by: 'ops', at: new Date('2026-03-11T09:00:00Z') });
    expect(split.ok).toBe(true);
    expect(graph.profileOf('email:j.doe@entreprise.fr')).toBe(work);
    const events = [...jane, ...paul, ...graph.links().map(operatorLinkEvent)];
    const rebuilt = rebuildIdentityGraph(events, stitchingRules(), graph.splits());
    expect(rebuilt.partition()).toEqual(graph.partition());
    expect(rebuilt.merges()).toEqual(graph.merges());
  });

  it('never brings back an identifier no profile holds (the events that carried it are gone)', () => {
    const { graph, personal, work } = janeGraph();
    const result = graph.link(personal, work, { by: 'ops', at: decided });
    if (!result.ok) throw new Error(result.message);
    const withoutWork = jane.filter((e) => !e.messageId.startsWith('w'));
    const rebuilt = rebuildIdentityGraph([...withoutWork, operatorLinkEvent(result.link)]);
    expect(rebuilt.profileOf('email:j.doe@entreprise.fr')).toBeNull();
    expect(rebuilt.merges().filter((m) => m.rule === 'operator')).toEqual([]);
  });

  it('is re-run with its component when a late event comes before it', () => {
    const graph = new IdentityGraph();
    graph.addAll([...jane, ...paul]);
    const personal = graph.profileOf('user_id:cust-1') as string;
    const work = graph.profileOf('email:j.doe@entreprise.fr') as string;
    const result = graph.link(personal, work, { by: 'ops', at: decided });
    expect(result.ok).toBe(true);
    const late = graph.add(ev('late', 5, 'email:j.doe@entreprise.fr', 'phone:+33612345678'));
    expect(late.rerun).toBe(true);
    expect(graph.profileOf('phone:+33612345678')).toBe(personal);
    expect(graph.merges().filter((m) => m.rule === 'operator')).toHaveLength(1);
  });
});
