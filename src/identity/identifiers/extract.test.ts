import { describe, expect, it } from 'vitest';
import { extractIdentifiers, namesIdentifier } from './extract.ts';
import { identifierSettings } from './settings.ts';

const event = (more: Partial<Parameters<typeof extractIdentifiers>[0]>) => ({
  userId: null,
  anonymousId: null,
  previousId: null,
  type: 'track' as const,
  traits: null,
  context: null,
  properties: null,
  ...more,
});

describe('Names extraction reads', () => {
  it('knows the trait and property names that hold an identifier, however they are written', () => {
    for (const name of [
      'email',
      'E-mail',
      'Adresse_Email',
      'phone',
      'Mobile Phone',
      'twitter',
      'social',
      'loyaltyCard',
    ])
      expect(namesIdentifier(name), name).toBe(true);
    for (const name of ['title', 'url', 'email_subject', 'Téléphone', 'first_name'])
      expect(namesIdentifier(name), name).toBe(false);
  });
});

describe('Identifiers read before', () => {
  it('are read the same the second time, each once, the first raw form kept', () => {
    const first = event({ userId: ' u1 ', traits: { email: 'Jane@Maison.fr', mail: 'jane@maison.fr' } });
    expect(extractIdentifiers(first)).toEqual([
      { type: 'user_id', value: 'u1', raw: ' u1 ' },
      { type: 'email', value: 'jane@maison.fr', raw: 'Jane@Maison.fr' },
    ]);
    expect(extractIdentifiers(first)).toEqual(extractIdentifiers(first));
    const again = event({ traits: { mail: 'jane@maison.fr', email: 'Jane@Maison.fr' } });
    expect(extractIdentifiers(again)).toEqual([
      { type: 'email', value: 'jane@maison.fr', raw: 'jane@maison.fr' },
    ]);
  });

  it('stay blocked, and are remembered apart for each workspace’s settings', () => {
    const shop = identifierSettings({ blocked: { email: { values: ['shop@maison.fr'] } } });
    const withShop = event({ traits: { email: 'shop@maison.fr' }, anonymousId: 'null' });
    expect(extractIdentifiers(withShop)).toEqual([
      { type: 'email', value: 'shop@maison.fr', raw: 'shop@maison.fr' },
    ]);
    expect(extractIdentifiers(withShop, shop)).toEqual([]);
    expect(extractIdentifiers(withShop, shop)).toEqual([]);
    expect(extractIdentifiers(withShop)).toHaveLength(1);
  });

  it('read a handle by the network its name gives, apart from the same text under another network', () => {
    const handles = event({
      traits: { twitter: '@jd', instagram: '@jd', social: { network: 'x', handle: '@jd' } },
    });
    expect(extractIdentifiers(handles).map((i) => i.value)).toEqual(['twitter:jd', 'instagram:jd']);
  });
});
