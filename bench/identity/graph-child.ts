// The rebuild and incremental parts of the identity benchmark, in a process of their own so
// that its peak memory is theirs alone. Started by run.ts; prints its figures as JSON on stdout.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openDuckDBStore } from '../../src/store/duckdb/duckdb-store.ts';
import type { StoredEvent } from '../../src/store/types.ts';
import { storedEventFromJson } from './demo-events.ts';
import { type IncrementalFigures, timeIncremental } from './incremental.ts';
import { type RebuildFigures, type ScanFigures, scanSourceEvents, timeRebuild } from './rebuild-phases.ts';

export interface GraphFigures {
  rebuild: RebuildFigures;
  scan: ScanFigures;
  incremental: IncrementalFigures | null;
}

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    'held-back': { type: 'string' },
    batches: { type: 'string' },
  },
});

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function readEvents(file: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const line of createInterface({ input: createReadStream(file) }))
    if (line !== '') events.push(storedEventFromJson(line));
  return events;
}

async function main(): Promise<GraphFigures> {
  if (!values.data) throw new Error('--data is required');
  const store = await openDuckDBStore(values.data);
  try {
    const rebuild = await timeRebuild(store, log);
    log('reading the events again, extraction timed apart');
    const scan = await scanSourceEvents(store);
    let incremental: IncrementalFigures | null = null;
    if (values['held-back'] && values.batches) {
      const sizes = values.batches.split(',').map(Number);
      incremental = await timeIncremental(store, await readEvents(values['held-back']), sizes, log);
    }
    return { rebuild, scan, incremental };
  } finally {
    await store.close();
  }
}

process.stdout.write(`${JSON.stringify(await main())}\n`);
