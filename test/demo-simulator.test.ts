import { beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoRecord,
  demoSources,
  describeShift,
  type ImportKind,
  importHeaders,
  type PersonTruth,
  resolveDemoOptions,
  type SegmentMessage,
  simulateBusiness,
} from '../src/demo/index.ts';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const end = new Date('2025-06-01T00:00:00Z');
const options = { customers: 1000, seed: 42, end };
const shift = describeShift(resolveDemoOptions(options));
const shiftAt = Date.parse(shift.storeClosure.from);
const reopenAt = Date.parse(shift.storeClosure.to);

type Row = Extract<DemoRecord, { type: 'row' }>;
type Api = Extract<DemoRecord, { type: 'api' }>;

let records: DemoRecord[] = [];
let rows: Row[] = [];
let messages: Api[] = [];
let people: PersonTruth[] = [];

beforeAll(() => {
  records = [...simulateBusiness(options)];
  rows = records.filter((r): r is Row => r.type === 'row');
  messages = records.filter((r): r is Api => r.type === 'api');
  people = records.flatMap((r) => (r.type === 'person' ? [r.truth] : []));
});

function rowsOf(source: string, kind: ImportKind): Record<string, string>[] {
  return rows.filter((r) => r.source === source && r.kind === kind).map((r) => r.row);
}

/** A till date 'dd/mm/yyyy HH:MM' (Paris time) as an instant, near enough for weekly counts. */
function tillInstant(value: string): number {
  const [d, m, y, hh, mm] = value.split(/[/ :]/).map(Number);
  return Date.UTC(y as number, (m as number) - 1, d, hh, mm);
}

/** Weekly rate of instants in [from, to). */
function weekly(instants: number[], from: number, to: number): number {
  return instants.filter((t) => t >= from && t < to).length / ((to - from) / WEEK);
}

function sample(count: number, seed: number): string {
  return [...simulateBusiness({ customers: count, seed, end })].map((r) => JSON.stringify(r)).join('\n');
}

describe('demo business simulator', () => {
  it('gives the same data for the same seed and different data for another', () => {
    const first = sample(40, 7);
    expect(sample(40, 7)).toBe(first);
    expect(sample(40, 8)).not.toBe(first);
  });

  it('streams: the first customer comes out before the others are generated', () => {
    const stream = simulateBusiness({ customers: 1_000_000, seed: 3, end });
    let before = 0;
    for (const record of stream) {
      if (record.type === 'person') {
        expect(record.truth.personId).toBe('person_1');
        break;
      }
      before += 1;
    }
    expect(before).toBeLessThan(10_000);
  });

  it('groups records by customer, each customer in time order and followed by their truth', () => {
    const problems: string[] = [];
    let userIds = new Set<string>();
    let last = 0;
    let groups = 0;
    for (const record of records) {
      if (record.type === 'person') {
        const expected = record.truth.personId.replace('person_', 'cust_');
        for (const id of userIds) if (id !== expected) problems.push(`${id} among ${expected}'s records`);
        userIds = new Set();
        last = 0;
        groups += 1;
      } else if (record.type === 'api' && groups < options.customers) {
        if (record.message.userId) userIds.add(record.message.userId);
        const at = Date.parse(record.message.timestamp);
        if (at < last) problems.push(`${record.message.messageId} out of order`);
        last = at;
      }
    }
    expect(problems).toEqual([]);
    expect(groups).toBe(options.customers);
  });

  it('produces every source and every kind', () => {
    const seen = new Set(records.flatMap((r) => (r.type === 'person' ? [] : [r.source])));
    for (const source of demoSources) expect(seen, source.name).toContain(source.name);
    const kinds = new Set(rows.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(Object.keys(importHeaders).sort());
    const types = new Set(messages.map((m) => m.message.type));
    expect([...types].sort()).toEqual(['identify', 'page', 'screen', 'track']);
  });

  it('writes every row with exactly the header of its kind, all values strings', () => {
    const misshapen = rows.filter(
      ({ source, kind, row }) =>
        Object.keys(row).join('|') !== importHeaders[kind].join('|') ||
        !Object.values(row).every((v) => typeof v === 'string') ||
        demoSources.find((s) => s.name === source)?.kind !== kind,
    );
    expect(misshapen).toEqual([]);
    const till = rowsOf('caisses-magasins', 'orders');
    expect(till.every((r) => /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/.test(r.date_commande ?? ''))).toBe(true);
    expect(till.every((r) => /^\d+,\d\d$/.test(r.montant_ttc ?? ''))).toBe(true);
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;
    expect(rowsOf('service-client', 'tickets').every((r) => iso.test(r.created_at ?? ''))).toBe(true);
    expect(rowsOf('enquetes', 'survey_responses').every((r) => iso.test(r.responded_at ?? ''))).toBe(true);
  });

  it('gives every row someone to attach it to, so the importer takes every line', () => {
    const identifying: Record<ImportKind, string[]> = {
      orders: ['carte_fidelite', 'email', 'telephone'],
      tickets: ['email', 'phone', 'customer_id'],
      survey_responses: ['email', 'customer_id', 'employee_id'],
      reviews: ['email', 'author'],
      mentions: ['handle'],
      contacts: ['Record ID', 'Email', 'Phone Number'],
    };
    const anonymous = rows.filter(({ kind, row }) => identifying[kind].every((column) => !row[column]));
    expect(anonymous).toEqual([]);
  });

  it('sends only messages that pass the Segment rules', () => {
    const start = end.getTime() - 730 * DAY;
    const broken = (source: string, m: SegmentMessage): string | null => {
      const at = Date.parse(m.timestamp);
      if (!['identify', 'track', 'page', 'screen', 'group', 'alias'].includes(m.type)) return 'type';
      if (!m.userId && !m.anonymousId) return 'userId or anonymousId';
      if (m.type === 'track' && !m.event) return 'event';
      if (m.type === 'identify' && !m.traits) return 'traits';
      if (Buffer.byteLength(JSON.stringify(m)) >= 32 * 1024) return 'size';
      if (!(at >= start && at < end.getTime())) return 'timestamp';
      if (!m.context.library?.name || !m.context.consent?.categoryPreferences || !m.context.locale)
        return 'context';
      if (source !== 'emailing' && !(m.context.ip && m.context.userAgent)) return 'ip and userAgent';
      return null;
    };
    const refused = messages.flatMap(({ source, message }) => {
      const rule = broken(source, message);
      return rule ? [`${message.messageId}: ${rule}`] : [];
    });
    expect(refused).toEqual([]);
    expect(new Set(messages.map((m) => m.message.messageId)).size).toBe(messages.length);
    const campaigns = messages.filter((m) => m.message.context.campaign);
    expect(campaigns.length).toBeGreaterThan(0);
    const external = messages.flatMap((m) => m.message.context.externalIds ?? []);
    expect(new Set(external.map((e) => e.type))).toEqual(new Set(['loyalty_card', 'crm_id']));
  });

  it('maps every identifier in the data to exactly one person, except shared devices', () => {
    const owners = new Map<string, Set<string>>();
    const notes = new Map<string, string | undefined>();
    for (const person of people) {
      for (const id of person.identifiers) {
        const key = `${id.type}:${id.value}`;
        owners.set(key, (owners.get(key) ?? new Set()).add(person.personId));
        notes.set(key, id.note);
      }
    }
    const ambiguous = [...owners].filter(
      ([key, who]) => who.size > (notes.get(key) === 'shared_device' ? 2 : 1),
    );
    expect(ambiguous).toEqual([]);
    const unknown: string[] = [];
    const known = (type: string, value: string | undefined) => {
      if (value && !owners.has(`${type}:${value}`)) unknown.push(`${type}:${value}`);
    };
    for (const { message } of messages) {
      known('user_id', message.userId);
      known('anonymous_id', message.anonymousId);
      known('email', message.traits?.email as string | undefined);
      for (const e of message.context.externalIds ?? []) known(e.type, e.id);
    }
    for (const r of rowsOf('caisses-magasins', 'orders')) {
      known('loyalty_card', r.carte_fidelite);
      known('email', r.email);
      known('phone', r.telephone);
    }
    for (const r of [...rowsOf('service-client', 'tickets'), ...rowsOf('chat', 'tickets')]) {
      known('email', r.email);
      known('phone', r.phone);
      known('user_id', r.customer_id);
    }
    for (const r of rowsOf('crm', 'contacts')) {
      known('crm_id', r['Record ID']);
      known('email', r.Email);
      known('phone', r['Phone Number']);
    }
    for (const r of rowsOf('reseaux-sociaux', 'mentions')) known('social', `${r.network}:${r.handle}`);
    expect(unknown).toEqual([]);
    const all = people.flatMap((p) => p.identifiers);
    expect(all.filter((id) => id.note === 'typo').length).toBeGreaterThan(5);
    const shared = all.filter((id) => id.note === 'shared_device');
    expect(shared.length).toBeGreaterThan(1);
    expect(
      [...owners.entries()].some(([key, who]) => key.startsWith('anonymous_id:') && who.size === 2),
    ).toBe(true);
  });

  it('writes phones in varied formats and some CRM e-mails mistyped', () => {
    const phones = rowsOf('crm', 'contacts').map((r) => r['Phone Number'] ?? '');
    const shapes = new Set(phones.filter(Boolean).map((p) => p.replace(/\d/g, '9')));
    expect(shapes.size).toBeGreaterThanOrEqual(5);
    const crmEmails = new Set(rowsOf('crm', 'contacts').map((r) => r.Email));
    const typos = people.flatMap((p) =>
      p.identifiers.filter((id) => id.note === 'typo' && crmEmails.has(id.value)),
    );
    expect(typos.length).toBeGreaterThan(0);
  });

  it('records what every text truly says, in French and English', () => {
    const texts = people.flatMap((p) => p.texts);
    const comments = rowsOf('enquetes', 'survey_responses').filter((r) => r.comment && !r.employee_id);
    expect(texts.filter((t) => t.kind === 'survey_responses')).toHaveLength(comments.length);
    const refs = new Set(texts.map((t) => t.ref));
    for (const r of comments) expect(refs.has(r.response_id ?? '')).toBe(true);
    for (const r of rowsOf('reseaux-sociaux', 'mentions')) expect(refs.has(r.mention_id ?? '')).toBe(true);
    expect(new Set(texts.map((t) => t.language))).toEqual(new Set(['fr', 'en']));
    expect(new Set(texts.map((t) => t.polarity))).toEqual(new Set(['positive', 'neutral', 'negative']));
    const types = new Set(rowsOf('enquetes', 'survey_responses').map((r) => r.survey_type));
    expect([...types].sort()).toEqual(['ces', 'csat', 'enps', 'nps']);
  });

  it('includes employee feedback with an employee and a team but no customer', () => {
    const employees = rowsOf('enquetes', 'survey_responses').filter((r) => r.survey_type === 'enps');
    expect(employees.length).toBeGreaterThan(50);
    for (const r of employees) {
      expect(r.employee_id).toMatch(/^EMP-\d{3}$/);
      expect(r.team).not.toBe('');
      expect(r.email).toBe('');
      expect(r.customer_id).toBe('');
    }
  });

  it('tells the angry-post story: an unhappy customer posts, then visits the site', () => {
    const angry = people.filter((p) =>
      p.texts.some((t) => t.kind === 'mentions' && t.polarity === 'negative'),
    );
    expect(angry.length).toBeGreaterThan(0);
    const handles = new Set(people.flatMap((p) => p.identifiers.filter((id) => id.type === 'social')));
    expect(handles.size).toBeGreaterThan(0);
  });

  it('shows the shift: shops close, online orders and delivery complaints rise', () => {
    const before = shiftAt - 8 * WEEK;
    const storeOrders = rowsOf('caisses-magasins', 'orders').map((r) => tillInstant(r.date_commande ?? ''));
    const storeBefore = weekly(storeOrders, before, shiftAt);
    expect(weekly(storeOrders, shiftAt + DAY, reopenAt - DAY)).toBeLessThan(storeBefore * 0.05);

    const online = messages
      .filter((m) => m.message.event === 'Order Completed')
      .map((m) => Date.parse(m.message.timestamp));
    const share = (from: number, to: number) => {
      const web = online.filter((t) => t >= from && t < to).length;
      return web / (web + storeOrders.filter((t) => t >= from && t < to).length);
    };
    expect(share(reopenAt, end.getTime())).toBeGreaterThan(share(before - 26 * WEEK, shiftAt) + 0.1);

    const deliveryComplaints = new Set(
      people
        .flatMap((p) =>
          p.texts.filter(
            (t) => t.kind === 'tickets' && t.themes.includes('delivery') && t.polarity === 'negative',
          ),
        )
        .map((t) => t.ref),
    );
    const complaints = [...rowsOf('service-client', 'tickets'), ...rowsOf('chat', 'tickets')]
      .filter((r) => deliveryComplaints.has(r.ticket_id ?? ''))
      .map((r) => Date.parse(r.created_at ?? ''));
    expect(weekly(complaints, shiftAt, reopenAt)).toBeGreaterThan(
      2 * weekly(complaints, before - 18 * WEEK, shiftAt),
    );
  });

  it('changes what people buy after the shift', () => {
    const clothesShare = (from: number, to: number) => {
      const products = messages
        .filter((m) => m.message.event === 'Order Completed')
        .filter((m) => Date.parse(m.message.timestamp) >= from && Date.parse(m.message.timestamp) < to)
        .flatMap((m) => m.message.properties?.products as { category: string }[]);
      return products.filter((p) => p.category === 'vetements').length / products.length;
    };
    expect(clothesShare(shiftAt, end.getTime())).toBeLessThan(
      clothesShare(shiftAt - 52 * WEEK, shiftAt) * 0.8,
    );
  });

  it('gives customers widely different purchase counts', () => {
    const counts = people.map((p) => p.purchases).sort((a, b) => a - b);
    const oneOff = counts.filter((c) => c === 1).length / counts.length;
    expect(oneOff).toBeGreaterThan(0.2);
    expect(counts[counts.length - 1]).toBeGreaterThanOrEqual(15);
    expect(counts.filter((c) => c >= 10).length).toBeGreaterThan(3);
    expect(new Set(people.map((p) => p.segment)).size).toBeGreaterThanOrEqual(5);
    const revenue = people.reduce((sum, p) => sum + p.revenue, 0);
    const store = rowsOf('caisses-magasins', 'orders').length;
    expect(store).toBeGreaterThan(0);
    expect(revenue).toBeGreaterThan(0);
  });
});
