import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const rows = 240_000;
const root = join(import.meta.dirname, '..');
let dir: string;
let file: string;

/**
 * Run in a child whose heap is capped well below the file's size: if the importer held the file,
 * or a growing part of it, the child would run out of memory. The store keeps nothing, so what is
 * measured is the importer alone.
 */
const child = (csv: string) => `
import { EventWriter } from ${JSON.stringify(pathToFileURL(join(root, 'src/collect/event-writer.ts')).href)};
import { importFile } from ${JSON.stringify(pathToFileURL(join(root, 'src/collect/import/import-file.ts')).href)};
let appended = 0;
const store = {
  dialect: 'duckdb',
  events: {
    append: async (events) => { appended += events.length; },
    recentMessageIds: async () => [],
    existingMessageIds: async () => new Set(),
  },
};
const writer = await EventWriter.start(store, { dedupWindowMs: 1, maxPendingEvents: 100000, maxEventsPerWrite: 20000 });
const source = { id: 's', workspaceId: 'default', name: 'm', channel: 'call_centre', writeKey: 'k', createdAt: new Date() };
const before = process.memoryUsage().rss;
let peak = before;
const samples = [];
const summary = await importFile({
  file: ${JSON.stringify(csv)},
  kind: 'tickets',
  source,
  writer,
  onProgress: (p) => {
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    samples.push({ read: p.read, rss });
  },
});
process.stdout.write(JSON.stringify({ ...summary, appended, before, peak, samples }));
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'panorama-import-memory-'));
  file = join(dir, 'tickets.csv');
  const out = createWriteStream(file);
  const text = 'Bonjour, ma commande n’est toujours pas arrivée, pouvez-vous vérifier ? '.repeat(3);
  out.write(
    'ticket_id,created_at,closed_at,channel,email,phone,customer_id,subject,description,status,priority,agent\n',
  );
  for (let start = 0; start < rows; start += 10_000) {
    const lines: string[] = [];
    for (let i = start; i < start + 10_000; i++) {
      lines.push(
        `SC-${i},2025-01-0${(i % 9) + 1}T10:00:00Z,,phone,client${i}@exemple.fr,,u-${i},Livraison,"${text}",open,normal,Agent ${i % 40}\n`,
      );
    }
    if (!out.write(lines.join(''))) await once(out, 'drain');
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('Import memory', () => {
  it('imports an 80 MB file in constant memory', async () => {
    const size = (await stat(file)).size;
    expect(size).toBeGreaterThan(70e6);
    const script = join(dir, 'child.mts');
    await writeFile(script, child(file));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--max-old-space-size=48', '--import', 'tsx', script],
      { cwd: root, maxBuffer: 10e6 },
    );
    const result = JSON.parse(stdout) as {
      read: number;
      imported: number;
      appended: number;
      before: number;
      peak: number;
      samples: { read: number; rss: number }[];
    };
    expect(result).toMatchObject({ read: rows, imported: rows, appended: rows });
    const growth = result.peak - result.before;
    const half = result.samples.length / 2;
    const firstHalf = Math.max(...result.samples.slice(0, half).map((s) => s.rss));
    const secondHalf = Math.max(...result.samples.slice(half).map((s) => s.rss));
    console.info(`file ${(size / 1e6).toFixed(0)} MB; rss growth ${(growth / 1e6).toFixed(0)} MB`);
    // The heap cap (48 MB for an 80 MB file) is the hard proof; resident memory, which also
    // counts buffers and the collector's slack, stays well under the file's size.
    expect(growth).toBeLessThan(size * 0.75);
    // Memory does not grow with the rows read: the second half of the file needs no more than the first.
    expect(secondHalf).toBeLessThan(firstHalf + 16e6);
  });
});
