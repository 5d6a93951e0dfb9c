import { describe, expect, it } from 'vitest';
import {
  runStoredOnClickHouse,
  runStoredOnDuckDb,
  type StoredEventRow,
} from '../sources/testing/stored-tables.ts';
import { type SqlDialect, type SqlStatement, sqlDialects } from '../sql/dialect.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { defaultTouchpointMapping } from './defaults.ts';
import { mapEvent } from './map-event.ts';
import type { TouchpointMapping } from './mapping.ts';
import { parseTouchpointMapping } from './parse.ts';
import { revenueSql, touchpointSql } from './touchpoint-sql.ts';

const engines = [
  ['duckdb', runStoredOnDuckDb],
  ['clickhouse', runStoredOnClickHouse],
] as const;

function mappedSql(dialect: SqlDialect, mapping: TouchpointMapping): SqlStatement {
  const { action, stage, event } = touchpointSql(dialect, mapping);
  const revenue = revenueSql(dialect, mapping, `(${action})`);
  return {
    sql: `SELECT message_id, ${action} AS action, ${stage} AS stage, ${event} AS event, ${revenue} AS revenue
      FROM events ORDER BY message_id`,
    params: {},
  };
}

/** Each engine's mapping of the events must be `mapEvent`'s, event by event. */
async function expectEnginesAgree(events: StoredEventRow[], mapping: TouchpointMapping) {
  const expected = events
    .map((e) => ({ message_id: e.message_id, ...mapEvent(e, mapping) }))
    .map(({ touchpoint: _, ...row }) => row)
    .sort((a, b) => (a.message_id < b.message_id ? -1 : 1));
  for (const [dialect, run] of engines) {
    const rows = await run({ events }, mappedSql(dialect, mapping));
    expect(rows, dialect).toEqual(expected);
  }
}

let sequence = 0;
const event = (
  channel: string,
  type: string,
  name: string | null,
  properties: Record<string, unknown> | null = {},
): StoredEventRow => ({
  workspace_id: 'w',
  message_id: `m${String(++sequence).padStart(5, '0')}`,
  channel,
  type,
  name,
  user_id: null,
  anonymous_id: 'a',
  timestamp: Date.UTC(2026, 0, 1),
  properties,
});

/** Names the default rules' regular expressions match (their exact values are read off the rules). */
const regexSamples = [
  'Video Playback Started',
  'Video Content Completed',
  'accueil',
  'HOME',
  'Catégorie',
  'Categorie',
  'Fiche produit',
  'order confirmation',
  'Suivi',
  'Track Order',
  'FAQ',
  'Nous contacter',
  'Se connecter',
  'Mon compte',
  'Cœur de gamme',
];

function namesOfDefaults(): string[] {
  const names = new Set(regexSamples);
  for (const rule of defaultTouchpointMapping.rules) {
    const values = typeof rule.event === 'string' ? [rule.event] : (rule.event ?? []);
    for (const value of values) if (!value.startsWith('/')) names.add(value);
  }
  return [...names];
}

describe('the touchpoint mapping in SQL', () => {
  it('is written for both engines', () => {
    expect(sqlDialects.map((d) => touchpointSql(d, defaultTouchpointMapping))).toMatchSnapshot();
    expect(
      sqlDialects.map((d) => revenueSql(d, defaultTouchpointMapping, 'action', 'mapped')),
    ).toMatchSnapshot();
  });

  it('agrees with mapEvent on every default rule, on both engines', async () => {
    const events: StoredEventRow[] = [];
    for (const name of namesOfDefaults()) {
      for (const type of ['track', 'page', 'screen']) {
        for (const channel of ['web', 'call_centre', 'survey']) events.push(event(channel, type, name));
      }
    }
    events.push(event('survey', 'track', 'Survey Answered', { surveyType: 'enps' }));
    events.push(event('survey', 'track', 'Survey Answered', { surveyType: 'nps' }));
    events.push(event('crm', 'identify', null, null));
    events.push(event('web', 'page', null));
    events.push(event('web', 'page', '« — »'));
    events.push(event('web', 'track', 'Order Completed', { revenue: 59.9, total: 64.8 }));
    events.push(event('store', 'track', 'Order Completed', { total: 20 }));
    events.push(event('web', 'track', 'Order Completed', { revenue: '59.9', total: 3 }));
    events.push(event('web', 'track', 'Order Completed', { revenue: 0 }));
    events.push(event('web', 'track', 'Order Completed', null));
    events.push(event('web', 'track', 'Checkout Started', { revenue: 59.9 }));
    await expectEnginesAgree(events, defaultTouchpointMapping);
  }, 60_000);

  it("agrees with mapEvent on a business's own rules, on both engines", async () => {
    const mapping = parseTouchpointMapping({
      rules: [
        { channel: 'store', event: 'Order Completed', action: 'shop_purchase' },
        { event: 'Order *', stage: 'come_back' },
        { event: "/^o'rder|^order completed$/i", stage: 'use' },
        { type: 'page', event: 'Aide', stage: null },
        { channel: 'survey', properties: { surveyType: ['nps', 'c?at'] }, action: 'rated_us' },
        { channel: ['web', 'app'], event: "L'Été*", action: 'summer_sale', stage: 'discover' },
      ],
      purchaseActions: ['shop_purchase', 'order_completed'],
    });
    const events = [
      event('store', 'track', 'Order Completed', { revenue: 20 }),
      event('web', 'track', 'Order Completed', { total: 12 }),
      event('web', 'track', 'Order Refunded'),
      event('web', 'track', "O'rder it"),
      event('web', 'page', 'Aide'),
      event('survey', 'track', 'Survey Answered', { surveyType: 'csat' }),
      event('survey', 'track', 'Survey Answered', { surveyType: 'cat' }),
      event('survey', 'track', 'Survey Answered', { surveyType: 7 }),
      event('app', 'screen', "L'Été en fête"),
      event('email', 'track', "L'Été en fête"),
    ];
    await expectEnginesAgree(events, mapping);
  }, 60_000);

  it('agrees with mapEvent on a few hundred random events, on both engines', async () => {
    const random = seededRandom(20261123);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random.uniform() * items.length)] as T;
    const names = [...namesOfDefaults(), 'Ouverture Été', 'Straße', '', "Besoin d'aide ?", null];
    const events = Array.from({ length: 300 }, () =>
      event(
        pick(['web', 'app', 'email', 'store', 'call_centre', 'chat', 'survey', 'social', 'crm']),
        pick(['track', 'track', 'page', 'screen', 'identify']),
        pick(names),
        pick([
          {},
          null,
          { revenue: pick([12.5, 0, '3', null]), total: pick([20, undefined]) },
          { surveyType: pick(['nps', 'enps', 7, null]) },
        ]),
      ),
    );
    await expectEnginesAgree(events, defaultTouchpointMapping);
  }, 60_000);
});
