import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractIdentifiers, namesIdentifier } from '../../identity/identifiers/index.ts';
import type { IdentitySourceEvent, IdentitySourceRequest, StoredEvent } from '../types.ts';
import { type DuckDBStore, openDuckDBStore } from './duckdb-store.ts';
import { sliceWidth, sourceEventsOf } from './identity-source.ts';

let dir: string;
let store: DuckDBStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'panorama-identity-source-'));
  store = await openDuckDBStore(dir);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const t0 = Date.parse('2026-03-01T00:00:00Z');

function stored(messageId: string, minute: number, more: Partial<StoredEvent> = {}): StoredEvent {
  return {
    workspaceId: 'w1',
    sourceId: 'src',
    channel: 'web',
    messageId,
    type: 'track',
    name: 'Viewed',
    userId: null,
    anonymousId: `anon-${messageId}`,
    groupId: null,
    previousId: null,
    timestamp: new Date(t0 + minute * 60_000),
    originalTimestamp: null,
    sentAt: null,
    receivedAt: new Date(t0 + minute * 60_000),
    timestampClamped: false,
    origin: 'api',
    properties: { url: 'https://maison.fr/', title: 'Accueil' },
    traits: null,
    context: { page: { path: '/' }, userAgent: 'Mozilla/5.0' },
    integrations: null,
    ip: null,
    userAgent: null,
    locale: null,
    consent: null,
    campaign: null,
    libraryName: null,
    libraryVersion: null,
    ...more,
  };
}

/** Events whose text fields and bags test every way a line is written. */
const awkward: StoredEvent[] = [
  stored('tab\there', 1, { userId: 'line\nbreak', anonymousId: 'back\\slash' }),
  stored('\\N', 2, { userId: '\\N', anonymousId: null }),
  stored('escapes', 2, { userId: 'a\\tb\\nc\\\\', anonymousId: 'x\\' }),
  stored('plain', 3, { type: 'identify', traits: { 'E-mail': 'Jane@Maison.fr', city: 'Lyon' } }),
  stored('alias', 4, { type: 'alias', userId: 'u1', previousId: 'anon-old', anonymousId: null }),
  stored('ctx', 5, {
    context: {
      traits: { email: 'marc@orange.fr' },
      externalIds: [{ id: 'C-42', type: 'crm_id' }],
      page: { title: 'a\tb' },
    },
  }),
  stored('props', 6, { properties: { Téléphone: 'x', phone: '06 12 34 56 78', note: 'line\none' } }),
  stored('unicode', 7, { userId: 'Zoë ☃', properties: { title: 'Café' } }),
  stored('other-workspace', 7, { workspaceId: 'w2', userId: 'u9' }),
];

async function read(request: IdentitySourceRequest = {}): Promise<IdentitySourceEvent[][]> {
  const chunks: IdentitySourceEvent[][] = [];
  for await (const chunk of store.identity.sourceEvents(request)) chunks.push(chunk);
  return chunks;
}

function byMessageId<T extends { messageId: string }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => (a.messageId < b.messageId ? -1 : 1));
}

describe('Reading the stored events for identity', () => {
  it('gives back every text field exactly, tabs, newlines, backslashes and `\\N` included', async () => {
    await store.events.append(awkward);
    const events = (await read()).flat();
    expect(byMessageId(events)).toEqual(
      byMessageId(awkward).map((e) => ({
        workspaceId: e.workspaceId,
        messageId: e.messageId,
        timestamp: e.timestamp,
        type: e.type,
        userId: e.userId,
        anonymousId: e.anonymousId,
        previousId: e.previousId,
        traits: e.traits,
        properties: e.properties,
        context:
          e.context?.traits || e.context?.externalIds
            ? { traits: e.context.traits ?? null, externalIds: e.context.externalIds ?? null }
            : null,
      })),
    );
  });

  it('sends only the bags holding a name extraction reads, and extracts the same identifiers', async () => {
    await store.events.append(awkward);
    const events = (await read({ namesIdentifier })).flat();
    const found = new Map(events.map((e) => [e.messageId, e]));
    expect(found.get('tab\there')?.properties).toBeNull();
    const original = (messageId: string) => awkward.find((e) => e.messageId === messageId);
    expect(found.get('props')?.properties).toEqual(original('props')?.properties);
    expect(found.get('plain')?.traits).toEqual(original('plain')?.traits);
    for (const event of awkward)
      expect(extractIdentifiers(found.get(event.messageId) as IdentitySourceEvent)).toEqual(
        extractIdentifiers(event),
      );
  });

  it('hands each workspace its events in chunks that never go back in time', async () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      stored(`m${i}`, (i * 7919) % 1000, { workspaceId: i % 3 === 0 ? 'w2' : 'w1' }),
    );
    await store.events.append(many);
    const chunks = await read({ chunkSize: 40 });
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.flat()).toHaveLength(500);
    const latest = new Map<string, number>();
    for (const chunk of chunks) {
      const workspaces = new Set(chunk.map((e) => e.workspaceId));
      expect(workspaces.size).toBe(1);
      const [workspace] = workspaces;
      const times = chunk.map((e) => e.timestamp.getTime());
      expect(Math.min(...times)).toBeGreaterThan(latest.get(workspace as string) ?? Number.NEGATIVE_INFINITY);
      latest.set(workspace as string, Math.max(...times));
    }
  });

  it('reads nothing from an empty store', async () => {
    expect(await read()).toEqual([]);
  });
});

describe('A chunk of lines', () => {
  it('reads fields, nulls and escapes', () => {
    const chunk = [
      'm1\t1700000000000\ttrack\tu\\\\1\t\\N\t\\N\t\\N\t{"email":"a@b.fr"}\t\\N',
      'm\\t2\t-5\tcustom\t\\N\ta\\nb\tp\t\\N\t\\N\t{"traits":null,"externalIds":[]}',
    ].join('\n');
    expect(sourceEventsOf('w', chunk)).toEqual([
      {
        workspaceId: 'w',
        messageId: 'm1',
        timestamp: new Date(1700000000000),
        type: 'track',
        userId: 'u\\1',
        anonymousId: null,
        previousId: null,
        traits: null,
        properties: { email: 'a@b.fr' },
        context: null,
      },
      {
        workspaceId: 'w',
        messageId: 'm\t2',
        timestamp: new Date(-5),
        type: 'custom',
        userId: null,
        anonymousId: 'a\nb',
        previousId: 'p',
        traits: null,
        properties: null,
        context: { traits: null, externalIds: [] },
      },
    ]);
  });

  it('cuts time into slices of about the chunk size', () => {
    expect(sliceWidth(0, 999, 1000, 100)).toBe(100);
    expect(sliceWidth(5, 5, 1, 2000)).toBe(1);
    expect(sliceWidth(0, 10, 1_000_000, 2)).toBe(1);
  });
});
