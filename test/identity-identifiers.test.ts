import { describe, expect, it } from 'vitest';
import {
  externalIdType,
  extractIdentifiers,
  identifierSettings,
  normaliseCardNumber,
  normaliseEmail,
  normalisePhone,
  normaliseSocial,
  parseSocial,
} from '../src/identity/identifiers/index.ts';
import type { StoredEvent } from '../src/store/types.ts';

type EventPart = Pick<
  StoredEvent,
  'userId' | 'anonymousId' | 'previousId' | 'type' | 'traits' | 'context' | 'properties'
>;

function event(part: Partial<EventPart>): EventPart {
  return {
    userId: null,
    anonymousId: null,
    previousId: null,
    type: 'track',
    traits: null,
    context: null,
    properties: null,
    ...part,
  };
}

const keys = (e: EventPart, settings = identifierSettings()) =>
  extractIdentifiers(e, settings).map((i) => `${i.type}:${i.value}`);

describe('E-mail normalisation', () => {
  it('trims and lower-cases', () =>
    expect(normaliseEmail('  Jane.Doe@Example.COM ')).toBe('jane.doe@example.com'));
  it('drops a mailto: prefix', () => expect(normaliseEmail('mailto:a.b@orange.fr')).toBe('a.b@orange.fr'));
  it.each([
    'jane',
    'jane@',
    '@example.com',
    'jane@example',
    'ja ne@example.com',
    'a@@b.fr',
    'jane..doe@x.fr',
    'j@x.c',
  ])('refuses %s', (raw) => expect(normaliseEmail(raw)).toBeNull());
});

describe('Phone normalisation', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['+33612345678', '+33612345678'],
    ['(+33) 6-12-34-56-78', '+33612345678'],
  ])('reads %s as E.164', (raw, e164) => expect(normalisePhone(raw, 'FR')).toBe(e164));

  it('reads national numbers in the configured default country', () => {
    expect(normalisePhone('0470 12 34 56', 'BE')).toBe('+32470123456');
    expect(normalisePhone('07911 123456', 'GB')).toBe('+447911123456');
  });

  it('keeps an international number whatever the default country', () =>
    expect(normalisePhone('+1 202 555 0143', 'FR')).toBe('+12025550143'));

  it.each(['12', '0612', '06 12 34 56 78 90 12', 'abc', '', '00 00 00 00 00'])(
    'drops the invalid number "%s"',
    (raw) => expect(normalisePhone(raw, 'FR')).toBeNull(),
  );
});

describe('Social handles', () => {
  it('lower-cases network and handle and removes the @', () =>
    expect(normaliseSocial('Twitter', '@JDupont_4821')).toBe('twitter:jdupont_4821'));
  it('calls X twitter', () => expect(normaliseSocial('X', '@jd')).toBe('twitter:jd'));
  it('reads network:handle', () => expect(parseSocial('instagram:@Marie.L')).toBe('instagram:marie.l'));
  it('reads a bare handle when the network is known', () =>
    expect(parseSocial('@Marie', 'facebook')).toBe('facebook:marie'));
  it('refuses display names, which identify nobody', () =>
    expect(normaliseSocial('Trustpilot', 'Marie D.')).toBeNull());
  it('refuses a handle without a network', () => expect(parseSocial('@marie')).toBeNull());
});

describe('External ids and cards', () => {
  it.each([
    ['loyalty_card', 'loyalty_card'],
    ['Loyalty Card', 'loyalty_card'],
    ['crmId', 'crm_id'],
    ['userId', 'user_id'],
    ['email', 'email'],
    ['ga_client_id', 'ga_client_id'],
    ['Shopify Customer', 'shopify_customer'],
  ])('types %s as %s', (raw, type) => expect(externalIdType(raw)).toBe(type));
  it('reads a card number without its spaces and dashes', () =>
    expect(normaliseCardNumber(' 2900 1234-5678 ')).toBe('290012345678'));
});

describe('Extracting identifiers from an event', () => {
  it('finds ids, traits, context traits, properties and external ids', () => {
    const found = keys(
      event({
        type: 'identify',
        userId: 'cust_1',
        anonymousId: 'a-1',
        traits: { email: ' Jane@Maison.fr ', phone: '06 23 45 67 81', twitter: 'twitter:@JaneD' },
        context: {
          traits: { email: 'jane@maison.fr', social: { network: 'Instagram', handle: '@jane.d' } },
          externalIds: [
            { id: '2900 123', type: 'loyalty_card', collection: 'users', encoding: 'none' },
            { id: '10001', type: 'crm_id', collection: 'users', encoding: 'none' },
            { id: 'GA1.2.3', type: 'ga_client_id', collection: 'users', encoding: 'none' },
          ],
        },
        properties: { 'E-mail': 'other@maison.fr', Telephone: '+32 470 12 34 56' },
      }),
    );
    expect(found).toEqual([
      'user_id:cust_1',
      'anonymous_id:a-1',
      'email:jane@maison.fr',
      'phone:+33623456781',
      'social:twitter:janed',
      'social:instagram:jane.d',
      'email:other@maison.fr',
      'phone:+32470123456',
      'loyalty_card:2900123',
      'crm_id:10001',
      'ga_client_id:GA1.2.3',
    ]);
  });

  it('keeps the raw value beside the normalised one', () => {
    const [email] = extractIdentifiers(event({ traits: { email: 'Jane@Maison.fr' } }), identifierSettings());
    expect(email).toEqual({ type: 'email', value: 'jane@maison.fr', raw: 'Jane@Maison.fr' });
  });

  it("counts an alias's previous id as an anonymous id", () =>
    expect(keys(event({ type: 'alias', userId: 'u1', previousId: 'anon-9' }))).toEqual([
      'user_id:u1',
      'anonymous_id:anon-9',
    ]));

  it('leaves out values that do not parse', () =>
    expect(
      keys(
        event({
          traits: { email: 'not an email', phone: '12', social: { network: 'Google', handle: 'Jean P.' } },
        }),
      ),
    ).toEqual([]));

  it('reads an imported row as the importer writes it', () =>
    expect(
      keys(
        event({
          userId: 'cust_9',
          context: {
            traits: {
              email: 'Abc@Maison.fr',
              phone: '0623456782',
              social: { network: 'twitter', handle: '@Abc' },
            },
            externalIds: [{ id: '2900777', type: 'loyalty_card', collection: 'users', encoding: 'none' }],
          },
        }),
      ),
    ).toEqual([
      'user_id:cust_9',
      'email:abc@maison.fr',
      'phone:+33623456782',
      'social:twitter:abc',
      'loyalty_card:2900777',
    ]));
});

describe('Blocked values', () => {
  it.each([
    '0',
    '000000',
    '-',
    '---',
    '0-0',
    '-1',
    'null',
    'NULL',
    'undefined',
    'anonymous',
    'Anonymous',
    'none',
    'nan',
    ' ',
  ])('never uses "%s" as an id', (value) =>
    expect(keys(event({ userId: value, anonymousId: value }))).toEqual([]),
  );

  it.each([
    'test@test.com',
    'TEST@test.com',
    'noreply@maison.fr',
    'no-reply@maison.fr',
    'x@orange.fr',
    'jane@example.com',
    'aucun@free.fr',
  ])('never uses the placeholder e-mail %s', (email) =>
    expect(keys(event({ traits: { email } }))).toEqual([]),
  );

  it.each(['06 66 66 66 66', '+33 6 00 00 00 00', '01 23 45 67 89', '06 12 34 56 78'])(
    'never uses the placeholder phone %s',
    (phone) => expect(keys(event({ traits: { phone } }))).toEqual([]),
  );

  it('uses a workspace’s own blocked values, exact or as patterns, per type', () => {
    const settings = identifierSettings({
      blocked: { email: { values: ['magasin@maisonlumiere.fr'] }, loyalty_card: { patterns: ['^9999'] } },
    });
    const e = event({
      traits: { email: 'Magasin@MaisonLumiere.fr', loyaltyCard: '9999 0001' },
      context: { externalIds: [{ id: '2900 1', type: 'loyalty_card' }] },
    });
    expect(keys(e, settings)).toEqual(['loyalty_card:29001']);
    expect(keys(e)).toEqual([
      'email:magasin@maisonlumiere.fr',
      'loyalty_card:99990001',
      'loyalty_card:29001',
    ]);
  });

  it('keeps the defaults unless told to replace them', () => {
    const replaced = identifierSettings({
      replaceDefaultBlocked: true,
      blocked: { user_id: { values: ['guest'] } },
    });
    expect(keys(event({ userId: 'guest', anonymousId: 'null' }), replaced)).toEqual(['anonymous_id:null']);
    expect(
      keys(
        event({ userId: 'guest', anonymousId: 'null' }),
        identifierSettings({ blocked: { user_id: { values: ['guest'] } } }),
      ),
    ).toEqual([]);
  });
});
