import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile } from '../../collect/import/import-file.ts';
import { createSource } from '../../collect/source-directory.ts';
import {
  type DemoOptions,
  type DemoRecord,
  demoSources,
  describeShift,
  importHeaders,
  simulateBusiness,
} from '../../demo/index.ts';
import { matchProfiles } from '../../identity/profile-matching/index.ts';
import { identityConfigOf } from '../../identity/rules-file.ts';
import { rebuildIdentity } from '../../identity/store/index.ts';
import { ensureJourneyEvents } from '../../journeys/sources/index.ts';
import { refreshAllProfiles } from '../../profiles/index.ts';
import type { Panorama } from '../../server/app.ts';
import type { Source } from '../../store/types.ts';
import { progress } from '../progress.ts';
import { BatchSender } from './batch-sender.ts';
import { type DemoManifest, demoFolder, manifestPath } from './manifest.ts';
import { RowFiles } from './row-files.ts';

export interface DemoLoadSummary extends DemoManifest {}

/**
 * Loads the demo business into a running Panorama through its public paths: tracked events are
 * posted to the HTTP collection API with each source's write key, and the tills, help desk,
 * survey tool, review site, social listening and CRM exports are written as CSV files and
 * imported. The simulator's ground truth goes apart from the data, in `<data>/demo/`.
 */
export async function loadDemo(
  panorama: Panorama,
  url: string,
  dataDir: string,
  workspaceId: string,
  options: DemoOptions,
): Promise<DemoLoadSummary> {
  const sources = await ensureSources(panorama, workspaceId);
  const folder = demoFolder(dataDir);
  await mkdir(folder, { recursive: true });
  const exports = await mkdtemp(join(tmpdir(), 'panorama-demo-'));
  try {
    const sent = await simulate(options, sources, url, exports, folder);
    const imports = [];
    for (const file of sent.files) {
      const source = sources.get(file.source) as Source;
      const bar = progress(`Importing ${file.source}`, file.rows);
      const result = await importFile({
        file: file.path,
        kind: file.kind as never,
        source,
        writer: panorama.writer,
        store: panorama.store,
        onProgress: (p: { read: number }) => bar.update(p.read),
      });
      bar.update(file.rows);
      bar.stop();
      if (result.rejected > 0) {
        throw new Error(
          `${result.rejected} demo rows of ${file.source} were rejected: see ${result.rejectsFile}`,
        );
      }
      imports.push({ source: file.source, kind: file.kind, rows: result.read, imported: result.imported });
    }
    const profiles = await recogniseCustomers(panorama);
    const manifest: DemoManifest = {
      customers: options.customers,
      seed: options.seed,
      shiftDate: options.shiftDate.toISOString().slice(0, 10),
      end: options.end.toISOString().slice(0, 10),
      days: options.days,
      loadedAt: new Date().toISOString(),
      api: sent.api,
      imports,
      profiles,
      groundTruth: join(folder, 'ground-truth.jsonl'),
    };
    await writeFile(join(folder, 'shift.json'), `${JSON.stringify(describeShift(options), null, 2)}\n`);
    await writeFile(manifestPath(dataDir), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await rm(exports, { recursive: true, force: true });
  }
}

/** Stitches the loaded events into profiles (unless the server does it live) and fills the customer view. */
async function recogniseCustomers(panorama: Panorama): Promise<number> {
  await panorama.writer.flush();
  process.stdout.write('Recognising customers across channels…\n');
  if (panorama.identity) {
    await panorama.identity.idle();
  } else {
    await rebuildIdentity(panorama.store, identityConfigOf(panorama.settings.identity));
    await refreshAllProfiles(panorama.store, panorama.settings.traitSources);
  }
  process.stdout.write('Matching the profiles that share no identifier (names, postcode, e-mail slips)…\n');
  const matched = await matchProfiles(panorama.store, panorama.linkProfiles, {
    workspaceId: panorama.settings.workspaceId,
  });
  process.stdout.write(
    `  ${matched.linked.length} pairs linked (match probability >= 0.95), ${matched.proposed} queued for review ` +
      '(`panorama identity reviews`)\n',
  );
  process.stdout.write('Valuing customers (BG/NBD and Gamma-Gamma on their purchases)…\n');
  await panorama.valueCustomers();
  process.stdout.write('Mapping every event to its touchpoint and journey stage…\n');
  const journeys = await ensureJourneyEvents(
    panorama.store,
    panorama.settings.workspaceId,
    panorama.settings.touchpoints,
  );
  process.stdout.write(
    `  ${journeys.rows.toLocaleString('en-US')} journey events (\`panorama journeys funnel\`, \`panorama shifts\`)\n`,
  );
  const [row] = await panorama.store.query<{ profiles: number }>(
    'SELECT count(*) AS profiles FROM identity_profiles',
  );
  return Number(row?.profiles ?? 0);
}

/** Creates the demo business's sources, or reuses those of the same name. */
async function ensureSources(panorama: Panorama, workspaceId: string): Promise<Map<string, Source>> {
  const sources = new Map<string, Source>();
  for (const demo of demoSources) {
    const existing = await panorama.store.sources.findByName(workspaceId, demo.name);
    sources.set(
      demo.name,
      existing ?? (await createSource(panorama.store, workspaceId, demo.name, demo.channel)),
    );
  }
  panorama.sources.forget();
  return sources;
}

/** Runs the simulator: API messages are posted as they come, rows are written to export files. */
async function simulate(
  options: DemoOptions,
  sources: Map<string, Source>,
  url: string,
  exportDir: string,
  folder: string,
) {
  const senders = new Map<string, BatchSender>();
  const files = new RowFiles(exportDir, importHeaders);
  const truth = createWriteStream(join(folder, 'ground-truth.jsonl'));
  const bar = progress('Simulating customers', options.customers);
  let people = 0;
  const senderFor = (name: string) => {
    let sender = senders.get(name);
    if (!sender) {
      const source = sources.get(name);
      if (!source) throw new Error(`The simulator used an unknown source "${name}".`);
      sender = new BatchSender(url, source.writeKey);
      senders.set(name, sender);
    }
    return sender;
  };
  const take = async (record: DemoRecord) => {
    if (record.type === 'api') return senderFor(record.source).add(record.message);
    if (record.type === 'row') return files.write(record.source, record.kind, record.row);
    people += 1;
    if (people % 50 === 0) bar.update(people);
    if (!truth.write(`${JSON.stringify(record.truth)}\n`)) await once(truth, 'drain');
  };
  for (const record of simulateBusiness(options)) await take(record);
  const api = [];
  for (const [source, sender] of senders) {
    const totals = await sender.flush();
    api.push({ source, accepted: totals.accepted, duplicates: totals.duplicates, requests: totals.requests });
  }
  bar.update(people);
  bar.stop();
  truth.end();
  await once(truth, 'finish');
  return { api, files: await files.close() };
}
