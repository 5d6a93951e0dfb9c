import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPanorama } from './support/cli.ts';

let dir: string;
let data: string;
let orders: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'panorama-import-cli-'));
  data = join(dir, 'data');
  orders = join(dir, 'orders.csv');
  await writeFile(
    orders,
    'numero_commande;date_commande;carte_fidelite;email;telephone;montant_ttc;devise;magasin;nb_articles;produits\n' +
      'C1;14/03/2025 15:42;LC1;;;49,90;EUR;Lyon;1;SKU-1:1\n' +
      'C2;15/03/2025 10:00;;;;12,00;EUR;Lyon;1;SKU-2:1\n',
  );
  const created = await runPanorama([
    'sources',
    'create',
    '--name',
    'caisses',
    '--channel',
    'store',
    '--data',
    data,
  ]);
  expect(created.code).toBe(0);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('panorama import', () => {
  it('imports a file and prints the summary with the mapping', async () => {
    const run = await runPanorama([
      'import',
      orders,
      '--source',
      'caisses',
      '--kind',
      'orders',
      '--data',
      data,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('read:       2');
    expect(run.stdout).toContain('imported:   1');
    expect(run.stdout).toContain('duplicates: 0');
    expect(run.stdout).toContain(`rejected:   1 (see ${orders}.rejects.csv)`);
    expect(run.stdout).toMatch(/orderId\s+<- numero_commande/);
    expect(run.stdout).toMatch(/amount\s+<- montant_ttc/);
  });

  it('imports nothing new the second time', async () => {
    const run = await runPanorama([
      'import',
      orders,
      '--source',
      'caisses',
      '--kind',
      'orders',
      '--data',
      data,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('imported:   0');
    expect(run.stdout).toContain('duplicates: 1');
  });

  it('refuses an unknown kind, listing the kinds', async () => {
    const run = await runPanorama([
      'import',
      orders,
      '--source',
      'caisses',
      '--kind',
      'invoices',
      '--data',
      data,
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      'panorama: --kind must be one of orders, contacts, tickets, survey_responses, reviews, mentions; got "invoices". [cli.invalid_option]',
    );
  });

  it('says when the source or the file does not exist', async () => {
    const noSource = await runPanorama([
      'import',
      orders,
      '--source',
      'nope',
      '--kind',
      'orders',
      '--data',
      data,
    ]);
    expect(noSource.code).not.toBe(0);
    expect(noSource.stderr).toContain('No source named "nope"');
    expect(noSource.stderr).toContain('[sources.not_found]');
    const missing = join(dir, 'missing.csv');
    const noFile = await runPanorama([
      'import',
      missing,
      '--source',
      'caisses',
      '--kind',
      'orders',
      '--data',
      data,
    ]);
    expect(noFile.code).not.toBe(0);
    expect(noFile.stderr).toContain(`Cannot read ${missing}: no such file. [import.unreadable_file]`);
  });

  it('names the missing column and the headers seen', async () => {
    const run = await runPanorama([
      'import',
      orders,
      '--source',
      'caisses',
      '--kind',
      'tickets',
      '--data',
      data,
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('No column found for ticketId, createdAt (tickets)');
    expect(run.stderr).toContain('[import.missing_column]');
  });
});
