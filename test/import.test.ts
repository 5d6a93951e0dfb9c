import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventWriter } from '../src/collect/event-writer.ts';
import { importFile } from '../src/collect/import/import-file.ts';
import type { ImportKind } from '../src/collect/import/kinds.ts';
import { detectMapping, resolveMapping } from '../src/collect/import/mapping.ts';
import { createSource } from '../src/collect/source-directory.ts';
import { PanoramaError } from '../src/errors.ts';
import { type DuckDBStore, openDuckDBStore } from '../src/store/duckdb/duckdb-store.ts';
import type { Source } from '../src/store/types.ts';

const now = new Date('2025-06-01T12:00:00.000Z');
let dir: string;
let store: DuckDBStore;
let writer: EventWriter;
const sources: Partial<Record<string, Source>> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'panorama-import-'));
  store = await openDuckDBStore(join(dir, 'data'));
  writer = await EventWriter.start(store, {
    dedupWindowMs: 7 * 86_400_000,
    maxPendingEvents: 100_000,
    maxEventsPerWrite: 20_000,
  });
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** A fresh source per test, so counts and dedup never leak from one test to another. */
async function sourceFor(name: string, channel = 'other'): Promise<Source> {
  sources[name] ??= await createSource(store, 'default', name, channel);
  return sources[name] as Source;
}

async function importText(
  name: string,
  text: string,
  kind: ImportKind,
  extra: { mappingFile?: string } = {},
) {
  const file = join(dir, name);
  await writeFile(file, text);
  const source = await sourceFor(name.replace(/\W/g, '-'));
  const summary = await importFile({ file, kind, source, writer, now: () => now, ...extra });
  return { file, source, summary };
}

async function eventsOf(source: Source) {
  const rows = await store.query<Record<string, unknown>>(
    'SELECT * FROM events WHERE source_id = $id ORDER BY timestamp',
    { id: source.id },
  );
  return rows.map(
    (r): Record<string, unknown> => ({
      ...r,
      properties: JSON.parse((r.properties as string) ?? 'null'),
      traits: JSON.parse((r.traits as string) ?? 'null'),
      context: JSON.parse((r.context as string) ?? 'null'),
    }),
  );
}

async function rejectLines(file: string): Promise<string[]> {
  return (await readFile(`${file}.rejects.csv`, 'utf8')).trimEnd().split('\n');
}

const hubspot = [
  'Record ID',
  'First Name',
  'Last Name',
  'Email',
  'Phone Number',
  'Mobile Phone Number',
  'City',
  'Postal Code',
  'Country/Region',
  'Date of birth',
  'Lifecycle Stage',
  'Create Date',
];

describe('Column mapping', () => {
  it('recognises a HubSpot contact export', () => {
    expect(detectMapping('contacts', hubspot)).toEqual({
      crmId: 'Record ID',
      firstName: 'First Name',
      lastName: 'Last Name',
      email: 'Email',
      phone: 'Phone Number',
      mobile: 'Mobile Phone Number',
      city: 'City',
      postalCode: 'Postal Code',
      country: 'Country/Region',
      birthday: 'Date of birth',
      lifecycleStage: 'Lifecycle Stage',
      createdAt: 'Create Date',
    });
  });

  it('recognises Salesforce exports, by label and by API name', () => {
    const labels = [
      'Contact ID',
      'First Name',
      'Last Name',
      'Email',
      'Phone',
      'Mobile',
      'Mailing City',
      'Mailing Zip/Postal Code',
      'Mailing Country',
      'Birthdate',
      'Created Date',
      'Account Name',
    ];
    const api = [
      'Id',
      'FirstName',
      'LastName',
      'Email',
      'Phone',
      'MobilePhone',
      'MailingCity',
      'MailingPostalCode',
      'MailingCountry',
      'Birthdate',
      'CreatedDate',
      'Account Name',
    ];
    const fields = [
      'crmId',
      'firstName',
      'lastName',
      'email',
      'phone',
      'mobile',
      'city',
      'postalCode',
      'country',
      'birthday',
      'createdAt',
      'company',
    ];
    for (const headers of [labels, api]) {
      expect(detectMapping('contacts', headers)).toEqual(
        Object.fromEntries(fields.map((f, i) => [f, headers[i]])),
      );
    }
  });

  it('recognises French headers whatever their case, accents and spacing', () => {
    expect(
      detectMapping('contacts', [
        'Prénom',
        'NOM',
        'Courriel',
        'Téléphone',
        'Portable',
        'Ville',
        'Code Postal',
        'date_naissance',
        'carte_fidélité',
      ]),
    ).toEqual({
      firstName: 'Prénom',
      lastName: 'NOM',
      email: 'Courriel',
      phone: 'Téléphone',
      mobile: 'Portable',
      city: 'Ville',
      postalCode: 'Code Postal',
      birthday: 'date_naissance',
      loyaltyCard: 'carte_fidélité',
    });
    expect(
      detectMapping('orders', ['N° commande', 'Date Commande', 'Montant TTC', 'Magasin', 'E-mail']),
    ).toEqual({
      orderId: 'N° commande',
      date: 'Date Commande',
      amount: 'Montant TTC',
      store: 'Magasin',
      email: 'E-mail',
    });
  });

  it('maps every column of the demo business files without a mapping file', () => {
    const demo: Record<ImportKind, string> = {
      orders:
        'numero_commande,date_commande,carte_fidelite,email,telephone,montant_ttc,devise,magasin,nb_articles,produits',
      contacts: hubspot.filter((h) => h !== 'Mobile Phone Number').join(','),
      tickets:
        'ticket_id,created_at,closed_at,channel,email,phone,customer_id,subject,description,status,priority,agent',
      survey_responses:
        'response_id,survey_id,survey_type,score,scale,comment,touchpoint,order_id,agent,email,customer_id,employee_id,team,responded_at,language',
      reviews: 'review_id,platform,rating,title,text,author,email,url,product,posted_at,language',
      mentions: 'mention_id,network,handle,author_name,text,url,posted_at,language',
    };
    for (const [kind, header] of Object.entries(demo)) {
      const headers = header.split(',');
      const mapping = resolveMapping(kind as ImportKind, headers);
      expect(Object.values(mapping).sort(), kind).toEqual([...headers].sort());
    }
  });

  it('fails before reading when a required column is missing, naming it and the headers seen', async () => {
    const file = join(dir, 'no-date.csv');
    await writeFile(file, 'numero_commande,email\nC1,a@b.fr\n');
    const source = await sourceFor('no-date');
    const failure = importFile({ file, kind: 'orders', source, writer }).catch((e: unknown) => e);
    const error = (await failure) as PanoramaError;
    expect(error).toBeInstanceOf(PanoramaError);
    expect(error.code).toBe('import.missing_column');
    expect(error.message).toContain('No column found for date (orders)');
    expect(error.message).toContain('Columns seen: numero_commande, email');
    expect(await eventsOf(source)).toHaveLength(0);
  });

  it('lets a mapping file override the detected columns', async () => {
    const mappingFile = join(dir, 'map.json');
    await writeFile(mappingFile, JSON.stringify({ orderId: 'Ref', date: 'Quand', amount: 'Prix payé' }));
    const { source, summary } = await importText(
      'custom.csv',
      'Ref,Quand,Prix payé,email,id\nX-1,2025-01-02,12.5,a@b.fr,999\n',
      'orders',
      { mappingFile },
    );
    expect(summary.mapping).toMatchObject({ orderId: 'Ref', date: 'Quand', amount: 'Prix payé' });
    const [event] = await eventsOf(source);
    expect(event?.properties).toMatchObject({ orderId: 'X-1', revenue: 12.5, id: '999' });
  });

  it('refuses a mapping file that names an unknown field or column', async () => {
    expect(() => resolveMapping('orders', ['a', 'b'], { orderNumber: 'a' })).toThrow(/not a field of orders/);
    expect(() => resolveMapping('orders', ['a', 'b'], { orderId: 'c' })).toThrow(/does not have/);
  });
});

describe('Importing orders', () => {
  const header =
    'numero_commande;date_commande;carte_fidelite;email;telephone;montant_ttc;devise;magasin;nb_articles;produits\n';

  it('reads a ;-delimited CSV with a BOM and stores one Order Completed per row, at its own time', async () => {
    const { source, summary } = await importText(
      'caisses.csv',
      `\uFEFF${header}C-001;14/03/2025 15:42;LC123;;;49,90;;Lyon Part-Dieu;3;SKU-1:2|SKU-9:1\n` +
        `C-002;2025-03-15T09:00:00+01:00;;jean@exemple.fr;06 12 34 56 78;1 234,50;eur;Paris;1;["SKU-2"]\n`,
      'orders',
    );
    expect(summary).toMatchObject({
      read: 2,
      imported: 2,
      duplicates: 0,
      rejected: 0,
      format: 'csv',
      delimiter: ';',
    });
    expect(summary.rejectsFile).toBeUndefined();
    const [first, second] = await eventsOf(source);
    expect(first).toMatchObject({
      type: 'track',
      name: 'Order Completed',
      origin: 'import',
      channel: 'other',
      user_id: null,
      timestamp: new Date('2025-03-14T15:42:00Z'),
      received_at: now,
      timestamp_clamped: false,
    });
    expect(first?.message_id).toMatch(/^imp-orders-[0-9a-f]{40}$/);
    expect(first?.properties).toEqual({
      orderId: 'C-001',
      total: 49.9,
      revenue: 49.9,
      currency: 'EUR',
      store: 'Lyon Part-Dieu',
      items: 3,
      products: [
        { sku: 'SKU-1', quantity: 2 },
        { sku: 'SKU-9', quantity: 1 },
      ],
    });
    expect(first?.context).toEqual({
      externalIds: [{ id: 'LC123', type: 'loyalty_card', collection: 'users', encoding: 'none' }],
      library: { name: 'panorama-import' },
    });
    expect(second?.timestamp).toEqual(new Date('2025-03-15T08:00:00Z'));
    expect(second?.properties).toMatchObject({ revenue: 1234.5, currency: 'EUR', products: ['SKU-2'] });
    expect(second?.context).toMatchObject({ traits: { email: 'jean@exemple.fr', phone: '06 12 34 56 78' } });
  });

  it('imports nothing new when the same file is imported again', async () => {
    const text = `${header}A1;01/02/2025;C1;;;10;;;;\nA2;02/02/2025;C2;;;20;;;;\nA3;03/02/2025;C3;;;30;;;;\n`;
    const { file, source, summary } = await importText('again.csv', text, 'orders');
    expect(summary).toMatchObject({ read: 3, imported: 3, duplicates: 0 });
    const again = await importFile({ file, kind: 'orders', source, writer });
    expect(again).toMatchObject({ read: 3, imported: 0, duplicates: 3, rejected: 0 });
    expect(await eventsOf(source)).toHaveLength(3);
  });

  it('writes every refused line to the rejects file with its line number and reason, and stores it as refused', async () => {
    const text =
      `${header}` +
      'B1;31/02/2025;C1;;;10;;;;\n' + // line 2: impossible date
      'B2;01/02/2025;C2;;;dix euros;;;;\n' + // line 3: amount
      ';01/02/2025;C3;;;10;;;;\n' + // line 4: no id
      'B4;01/02/2025;;;;10;;;;\n' + // line 5: nobody
      'B5;01/02/2025;C5;;;10;;Lyon;2;"Pull\nrouge"\n' + // lines 6-7: fine, multi-line
      '\n' + // line 8: blank
      'B6;;C6;;;10;;;;\n' + // line 9: no date
      'B7;01/02/2025;C7;;;10;;;;;extra\n'; // line 10: too many fields
    const { file, source, summary } = await importText('bad.csv', text, 'orders');
    expect(summary).toMatchObject({ read: 7, imported: 1, rejected: 6, rejectsFile: `${file}.rejects.csv` });
    const lines = await rejectLines(file);
    expect(lines[0]).toBe('line,reason,record');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['2', '3', '4', '5', '9', '10']);
    expect(lines[1]).toContain('column ""date_commande"": ""31/02/2025"" is not a date');
    expect(lines[2]).toContain('column ""montant_ttc"": ""dix euros"" is not an amount');
    expect(lines[3]).toContain('column ""numero_commande"": is empty');
    expect(lines[4]).toContain('no customer identifier');
    expect(lines[5]).toContain('column ""date_commande"": is empty');
    expect(lines[6]).toContain('has 11 fields but the header has 10');
    expect(lines[1]).toContain('B1;31/02/2025;C1;;;10;;;;');
    const refused = await store.query<{ reason: string; payload: string; origin: string }>(
      'SELECT reason, payload, origin FROM refused_events WHERE source_id = $id',
      { id: source.id },
    );
    expect(refused).toHaveLength(6);
    expect(refused.every((r) => r.origin === 'import')).toBe(true);
    expect(refused.map((r) => JSON.parse(r.payload).line).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 9, 10]);
    const [kept] = await eventsOf(source);
    expect(kept?.properties).toMatchObject({ orderId: 'B5', products: ['Pull\nrouge'] });
  });

  it('reads a Windows-1252 file as older French Excel exports write it', async () => {
    const file = join(dir, 'excel.csv');
    await writeFile(
      file,
      Buffer.from('numero_commande;date_commande;email;magasin\nE1;01/02/2025;a@b.fr;Orléans\n', 'latin1'),
    );
    const source = await sourceFor('excel');
    await importFile({ file, kind: 'orders', source, writer });
    const [event] = await eventsOf(source);
    expect(event?.properties).toMatchObject({ store: 'Orléans' });
  });

  it('clamps a date more than 24 h in the future, as the API does', async () => {
    const { source } = await importText('future.csv', `${header}F1;01/01/2030;C1;;;10;;;;\n`, 'orders');
    const [event] = await eventsOf(source);
    expect(event).toMatchObject({ timestamp: now, timestamp_clamped: true });
  });
});

describe('Importing other kinds', () => {
  it('turns a HubSpot contact export into identify events with the CRM id as an external id', async () => {
    const { source, summary } = await importText(
      'hubspot.csv',
      `${hubspot.join(',')}\n` +
        '5101,Marie,Dupont,marie@exemple.fr,+33 1 23 45 67 89,+33 6 11 22 33 44,Lyon,69003,France,1985-07-14,customer,2024-01-10 08:30\n',
      'contacts',
    );
    expect(summary).toMatchObject({ imported: 1, delimiter: ',' });
    const [event] = await eventsOf(source);
    expect(event).toMatchObject({
      type: 'identify',
      name: null,
      timestamp: new Date('2024-01-10T08:30:00Z'),
    });
    expect(event?.traits).toEqual({
      firstName: 'Marie',
      lastName: 'Dupont',
      email: 'marie@exemple.fr',
      phone: '+33 1 23 45 67 89',
      mobile: '+33 6 11 22 33 44',
      city: 'Lyon',
      postalCode: '69003',
      country: 'France',
      birthday: '1985-07-14',
      lifecycleStage: 'customer',
      createdAt: '2024-01-10T08:30:00.000Z',
    });
    expect(event?.context).toMatchObject({
      traits: { email: 'marie@exemple.fr', phone: '+33 1 23 45 67 89', mobile: '+33 6 11 22 33 44' },
      externalIds: [{ id: '5101', type: 'crm_id', collection: 'users', encoding: 'none' }],
    });
  });

  it('reads JSON Lines with nested objects and refuses a malformed line with its number', async () => {
    const { file, source, summary } = await importText(
      'tickets.jsonl',
      '{"ticket_id":"T1","created_at":"2025-02-01T10:00:00Z","customer":{"id":"u-42","email":"a@b.fr"},"subject":"Colis"}\n' +
        '{"ticket_id":"T2", "created_at": \n' +
        '\n' +
        '{"ticket_id":"T3","created_at":1738404000000,"customer":{"email":"c@d.fr"},"status":"closed","closed_at":"2025-02-02"}\n',
      'tickets',
    );
    expect(summary).toMatchObject({ format: 'jsonl', read: 3, imported: 2, rejected: 1 });
    expect(summary.mapping).toMatchObject({
      ticketId: 'ticket_id',
      customerId: 'customer.id',
      email: 'customer.email',
    });
    const lines = await rejectLines(file);
    expect(lines[1]).toMatch(/^2,"?malformed JSON/);
    const [t1, t3] = await eventsOf(source);
    expect(t1).toMatchObject({ type: 'track', name: 'Ticket Opened', user_id: 'u-42' });
    expect(t1?.properties).toEqual({ ticketId: 'T1', subject: 'Colis' });
    expect(t3).toMatchObject({ timestamp: new Date(1738404000000), user_id: null });
    expect(t3?.properties).toMatchObject({ status: 'closed', closedAt: '2025-02-02T00:00:00.000Z' });
    expect(t3?.context).toMatchObject({ traits: { email: 'c@d.fr' } });
  });

  it('keeps an employee answer without a customer identifier, and refuses a customer answer without one', async () => {
    const { file, source, summary } = await importText(
      'survey.csv',
      'response_id,survey_id,survey_type,score,scale,comment,employee_id,team,email,responded_at\n' +
        'R1,enps-2025-T1,eNPS,8,0-10,Bonne équipe,E007,logistique,,2025-01-12T09:00:00+01:00\n' +
        'R2,nps-web,NPS,9,0-10,Top,,,client@exemple.fr,2025-01-13\n' +
        'R3,nps-web,NPS,9,0-10,,,,,2025-01-13\n' +
        'R4,nps-web,NPS,neuf,0-10,,,,x@y.fr,2025-01-13\n',
      'survey_responses',
    );
    expect(summary).toMatchObject({ read: 4, imported: 2, rejected: 2 });
    const lines = await rejectLines(file);
    expect(lines[1]).toMatch(/^4,"?no customer identifier/);
    expect(lines[2]).toContain('""score"": ""neuf"" is not a score');
    const [employee, customer] = await eventsOf(source);
    expect(employee).toMatchObject({
      name: 'Survey Answered',
      user_id: null,
      context: { library: { name: 'panorama-import' } },
    });
    expect(employee?.properties).toEqual({
      responseId: 'R1',
      surveyId: 'enps-2025-T1',
      surveyType: 'enps',
      score: 8,
      scale: '0-10',
      comment: 'Bonne équipe',
      employeeId: 'E007',
      team: 'logistique',
    });
    expect(customer?.properties).toMatchObject({ surveyType: 'nps', score: 9 });
  });

  it('keeps a social handle as the identity of a mention', async () => {
    const { source } = await importText(
      'mentions.csv',
      'mention_id,network,handle,author_name,text,url,posted_at,language\n' +
        'M1,Twitter,@marie_l,Marie L.,"Livraison en retard, encore !",https://x.com/1,2025-03-01T08:00:00Z,fr\n',
      'mentions',
    );
    const [event] = await eventsOf(source);
    expect(event).toMatchObject({ name: 'Social Mention' });
    expect(event?.properties).toMatchObject({
      network: 'twitter',
      handle: '@marie_l',
      text: 'Livraison en retard, encore !',
    });
    expect(event?.context).toMatchObject({ traits: { social: { network: 'twitter', handle: '@marie_l' } } });
  });

  it('stores a review with its rating as a number', async () => {
    const { source } = await importText(
      'reviews.tsv',
      'review_id\tplatform\trating\ttitle\ttext\tauthor\temail\turl\tproduct\tposted_at\tlanguage\n' +
        'V1\tGoogle\t4,5\tBien\tTrès bon accueil\tPaul\t\t\tSKU-1\t05/03/2025 10:00\tfr\n',
      'reviews',
    );
    const [event] = await eventsOf(source);
    expect(event).toMatchObject({ name: 'Review Posted', timestamp: new Date('2025-03-05T10:00:00Z') });
    expect(event?.properties).toMatchObject({
      reviewId: 'V1',
      rating: 4.5,
      platform: 'Google',
      product: 'SKU-1',
    });
  });
});
