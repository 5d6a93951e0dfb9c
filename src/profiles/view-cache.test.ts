import { describe, expect, it } from 'vitest';
import type { ProfileWithValue, Store } from '../store/port.ts';
import type { ProfileRecord, ProfileValueRow } from '../store/types.ts';
import type { KeptValue, KeptView, ViewCache } from '../store/view-cache.ts';
import { CustomerViewCache } from './view-cache.ts';

/** The port kept in maps; `hold` makes the next removals wait until it is released. */
class MemoryViewCache implements ViewCache {
  readonly views = new Map<string, KeptView>();
  readonly lookups = new Map<string, string>();
  readonly values = new Map<string, string | null>();
  readonly notes = new Map<string, string>();
  hold: Promise<void> | undefined;

  async view(w: string, id: string) {
    return this.views.get(`${w}|${id}`);
  }
  async profileHolding(w: string, identifier: string) {
    return this.lookups.get(`${w}|${identifier}`);
  }
  async value(w: string, id: string) {
    return this.values.get(`${w}|${id}`);
  }
  async keepViews(w: string, views: readonly KeptView[]) {
    for (const view of views) {
      this.views.set(`${w}|${view.profileId}`, view);
      for (const identifier of view.identifiers) this.lookups.set(`${w}|${identifier}`, view.profileId);
      if (view.value !== undefined) this.values.set(`${w}|${view.profileId}`, view.value);
    }
  }
  async keepValues(w: string, values: readonly KeptValue[]) {
    for (const { profileId, json } of values) this.values.set(`${w}|${profileId}`, json);
  }
  async forgetProfiles(w: string, ids: readonly string[]) {
    await this.hold;
    for (const id of ids) {
      for (const identifier of this.views.get(`${w}|${id}`)?.identifiers ?? [])
        this.lookups.delete(`${w}|${identifier}`);
      this.views.delete(`${w}|${id}`);
      this.values.delete(`${w}|${id}`);
    }
  }
  async forgetValues(w: string) {
    for (const key of this.values.keys()) if (key.startsWith(`${w}|`)) this.values.delete(key);
  }
  async forgetWorkspace(w: string) {
    for (const map of [this.views, this.lookups, this.values, this.notes])
      for (const key of map.keys()) if (key.startsWith(`${w}|`)) map.delete(key);
  }
  async note(w: string, name: string) {
    return this.notes.get(`${w}|${name}`);
  }
  async setNote(w: string, name: string, text: string | undefined) {
    if (text === undefined) this.notes.delete(`${w}|${name}`);
    else this.notes.set(`${w}|${name}`, text);
  }
  async count(w: string) {
    return [...this.views.keys()].filter((key) => key.startsWith(`${w}|`)).length;
  }
  async close() {}
}

const day = new Date('2026-03-01T10:00:00.000Z');

/** Customers by profile id: their city, and their CLV once valued. */
type Customers = Map<string, { city: string; clv?: number }>;

function recordOf(id: string, city: string): ProfileRecord {
  return {
    profile: { profileId: id, firstSeen: day, lastSeen: day, events: 1, merges: 0 },
    identifiers: [{ idType: 'user_id', idValue: id, raw: id, profileId: id, firstSeen: day, lastSeen: day }],
    traits: [{ trait: 'city', value: city, source: 'crm', channel: 'crm', observedAt: day, messageId: 'm' }],
    consents: [],
    summary: null,
  };
}

function valueRowOf(id: string, clv: number | undefined): (ProfileValueRow & { asOf: string }) | undefined {
  if (clv === undefined) return undefined;
  return {
    profileId: id,
    probabilityAlive: 0.5,
    expectedPurchases90d: 1,
    expectedSpend: 10,
    clv,
    valueTier: 1,
    rfmSegment: 'champions',
    rfm: { recency: 1, frequency: 1, monetary: 1 },
    asOf: '2026-03-01',
  };
}

/** Just what the view cache asks of a store; `stall` holds reads after they have read. */
function storeOf(customers: Customers) {
  const reads = { get: 0, stall: undefined as Promise<void> | undefined };
  const sorted = () => [...customers.keys()].sort();
  const profiles = {
    async get(_w: string, id: string) {
      reads.get += 1;
      const customer = customers.get(id);
      const record = customer && recordOf(id, customer.city);
      await reads.stall;
      return record;
    },
    async value(_w: string, id: string) {
      const clv = customers.get(id)?.clv;
      await reads.stall;
      return valueRowOf(id, clv);
    },
    async findByIdentifier(_w: string, _type: string, value: string) {
      return customers.has(value) ? value : undefined;
    },
    async viewsDigest() {
      return JSON.stringify([...customers]);
    },
    async profilesAfter(_w: string, after: string | null, limit: number): Promise<ProfileWithValue[]> {
      return sorted()
        .filter((id) => after === null || id > after)
        .slice(0, limit)
        .map((id) => {
          const customer = customers.get(id) ?? { city: '' };
          return { ...recordOf(id, customer.city), value: valueRowOf(id, customer.clv) };
        });
    },
    async valuesAfter(_w: string, after: string | null, limit: number) {
      return sorted()
        .filter((id) => (after === null || id > after) && customers.get(id)?.clv !== undefined)
        .slice(0, limit)
        .map((id) => valueRowOf(id, customers.get(id)?.clv) as ProfileValueRow & { asOf: string });
    },
    async refresh() {},
    async saveValues() {},
  };
  return { store: { profiles, identity: {}, privacy: {} } as unknown as Store, reads };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

async function started(customers: Customers, memory = new MemoryViewCache()) {
  const { store, reads } = storeOf(customers);
  const views = new CustomerViewCache(store, memory, { workspaces: ['default'], warmUpDelayMs: 0 });
  await views.start();
  await until(() => views.state === 'ready');
  reads.get = 0;
  return { views, reads, memory, store: views.store };
}

const city = async (views: CustomerViewCache, id: string) =>
  (await views.view('default', id)).traits.city?.value;

describe('the customer view cache', () => {
  it('serves the views its warm-up kept, without reading the store', async () => {
    const { views, reads } = await started(new Map([['p1', { city: 'Lyon' }]]));
    expect(await city(views, 'p1')).toBe('Lyon');
    expect((await views.find('default', 'user_id:p1')).id).toBe('p1');
    expect(reads.get).toBe(0);
  });

  it('keeps nothing it read before a write that changed it', async () => {
    const customers: Customers = new Map([['p1', { city: 'Lyon' }]]);
    const { views, reads, store } = await started(customers);
    customers.set('p1', { city: 'Bron' });
    await store.profiles.refresh('default', { profileIds: ['p1'] });
    let release = () => {};
    reads.stall = new Promise((resolve) => (release = resolve));
    const reading = views.view('default', 'p1');
    await until(() => reads.get === 1);
    // The reader has read Bron; a write commits Paris and forgets p1 before the reader keeps Bron.
    customers.set('p1', { city: 'Paris' });
    await store.profiles.refresh('default', { profileIds: ['p1'] });
    reads.stall = undefined;
    release();
    expect((await reading).traits.city?.value).toBe('Bron');
    expect(await city(views, 'p1')).toBe('Paris');
    expect(await city(views, 'p1')).toBe('Paris');
    expect(reads.get).toBe(2);
  });

  it('serves nothing the cache is still removing', async () => {
    const customers: Customers = new Map([['p1', { city: 'Lyon' }]]);
    const { views, memory, store } = await started(customers);
    let release = () => {};
    memory.hold = new Promise((resolve) => (release = resolve));
    customers.set('p1', { city: 'Paris' });
    const writing = store.profiles.refresh('default', { profileIds: ['p1'] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await memory.view('default', 'p1'))?.json).toContain('Lyon');
    expect(await city(views, 'p1')).toBe('Paris');
    release();
    await writing;
    expect(await city(views, 'p1')).toBe('Paris');
  });

  it('shows a new valuation at once, then from the cache', async () => {
    const customers: Customers = new Map([
      ['p1', { city: 'Lyon' }],
      ['p2', { city: 'Nice' }],
    ]);
    const { views, reads, store } = await started(customers);
    expect((await views.view('default', 'p1')).value).toBeNull();
    customers.set('p1', { city: 'Lyon', clv: 120 });
    const valuing = store.profiles.saveValues('default', { asOf: '2026-03-01', customers: [], summary: {} });
    expect((await views.view('default', 'p1')).value?.clv).toBe(120);
    await valuing;
    await until(() => views.state === 'ready');
    expect((await views.view('default', 'p1')).value?.clv).toBe(120);
    expect((await views.view('default', 'p2')).value).toBeNull();
    expect(reads.get).toBe(0);
  });

  it('trusts a cache stopped cleanly on the same data, and only that one', async () => {
    const customers: Customers = new Map([['p1', { city: 'Lyon' }]]);
    const first = await started(customers);
    await first.views.close();

    const again = await started(customers, first.memory);
    expect(await city(again.views, 'p1')).toBe('Lyon');
    expect(again.reads.get).toBe(0);
    expect(await first.memory.note('default', 'stamp')).toBeUndefined();
    // Stopped without a clean close (a crash): emptied at the next start.
    customers.set('p1', { city: 'Paris' });
    const crashed = new CustomerViewCache(storeOf(customers).store, first.memory, {
      workspaces: ['default'],
    });
    await crashed.start();
    expect(await first.memory.count('default')).toBe(0);
    expect(await city(crashed, 'p1')).toBe('Paris');
    await crashed.close();
  });

  it('fills the value blocks after a restart that came before they were all kept', async () => {
    const customers: Customers = new Map([['p1', { city: 'Lyon' }]]);
    const first = await started(customers);
    customers.set('p1', { city: 'Lyon', clv: 120 });
    await first.views.close();
    await first.memory.forgetValues('default');
    await first.memory.setNote('default', 'values', undefined);
    const { store } = storeOf(customers);
    const again = new CustomerViewCache(store, first.memory, { workspaces: ['default'], warmUpDelayMs: 0 });
    await again.start();
    expect(again.state).toBe('warming');
    await until(() => again.state === 'ready');
    expect(await first.memory.value('default', 'p1')).toContain('120');
    expect(await first.memory.note('default', 'values')).toBe('complete');
    await again.close();
  });

  it('empties a cache the data changed under while it was stopped', async () => {
    const customers: Customers = new Map([['p1', { city: 'Lyon' }]]);
    const first = await started(customers);
    await first.views.close();
    customers.set('p1', { city: 'Paris' });
    const again = await started(customers, first.memory);
    expect(await city(again.views, 'p1')).toBe('Paris');
  });
});
