import { describe, expect, it } from 'vitest';
import type { Identifier } from '../identifiers/index.ts';
import { rebuildIdentityGraph, type StitchedProfile } from '../stitching/index.ts';
import { profileRows, profileViewRows } from './rows.ts';

const id = (type: string, value: string): Identifier => ({ type, value, raw: value.toUpperCase() });
const at = (hour: number) => Date.UTC(2026, 4, 1, hour, 0, 0, hour * 7);

describe('Rows of a profile', () => {
  it('are the same from the live profile as from its snapshot', () => {
    const graph = rebuildIdentityGraph([
      { messageId: 'm1', timestamp: at(3), identifiers: [id('anonymous_id', 'a1'), id('email', 'j@m.fr')] },
      { messageId: 'm2', timestamp: at(1), identifiers: [id('user_id', 'u1'), id('anonymous_id', 'a2')] },
      { messageId: 'm3', timestamp: at(5), identifiers: [id('anonymous_id', 'a2'), id('email', 'j@m.fr')] },
      { messageId: 'm4', timestamp: at(2), identifiers: [id('phone', '+33612345679')] },
    ]);
    const views: ReturnType<typeof profileViewRows>[] = [];
    graph.forEachProfile((view) => views.push(profileViewRows(view)));
    expect(views).toEqual(graph.profiles().map((p: StitchedProfile) => profileRows(p)));
    expect(views.map((v) => v.links.length)).toEqual([1, 4]);
  });
});
