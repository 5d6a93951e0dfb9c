import { describe, expect, it } from 'vitest';
import { ViewChanges } from './view-cache-changes.ts';

const settled = Promise.resolve();

describe('changes of customer views', () => {
  it('tell a reader what changed after it began, not before', async () => {
    const changes = new ViewChanges();
    changes.profilesChanged('default', ['p1'], settled);
    await settled;
    const since = changes.begin();
    expect(changes.viewChangedSince('default', 'p1', since)).toBe(false);
    changes.profilesChanged('default', ['p2'], settled);
    expect(changes.viewChangedSince('default', 'p2', since)).toBe(true);
    expect(changes.viewChangedSince('other', 'p2', since)).toBe(false);
    expect(changes.viewChangedSince('default', 'p1', since)).toBe(false);
    changes.end(since);
  });

  it('count a whole workspace, and a valuation for value blocks only', () => {
    const changes = new ViewChanges();
    const since = changes.begin();
    changes.valuesChanged('default', settled);
    expect(changes.viewChangedSince('default', 'p1', since)).toBe(false);
    expect(changes.valueChangedSince('default', 'p1', since)).toBe(true);
    changes.workspaceChanged('default', settled);
    expect(changes.viewChangedSince('default', 'p1', since)).toBe(true);
    expect(changes.workspaceChangedSince('default', since)).toBe(true);
    changes.end(since);
  });

  it('count a change while its removal is under way, whenever the reader began', async () => {
    const changes = new ViewChanges();
    let release = () => {};
    changes.profilesChanged('default', ['p1'], new Promise<void>((resolve) => (release = resolve)));
    const since = changes.begin();
    expect(changes.viewChangedSince('default', 'p1', since)).toBe(true);
    release();
    await settled;
    await settled;
    expect(changes.viewChangedSince('default', 'p1', since)).toBe(false);
    changes.end(since);
  });

  it('forget old changes once no reader began before them, and only then', async () => {
    const changes = new ViewChanges();
    const early = changes.begin();
    for (let n = 0; n < 10_001; n += 1) changes.profilesChanged('default', [`p${n}`], settled);
    changes.profilesChanged('default', ['last'], settled);
    expect(changes.remembered).toBe(10_002);
    expect(changes.viewChangedSince('default', 'p0', early)).toBe(true);
    changes.end(early);
    await settled;
    changes.profilesChanged('default', ['after'], settled);
    expect(changes.remembered).toBeLessThan(10);
  });
});
