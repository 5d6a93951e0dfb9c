import { basename } from 'node:path';
import { PanoramaError } from '../../errors.ts';
import type { Store } from '../../store/port.ts';
import type { NewRefusal, Source, StoredEvent } from '../../store/types.ts';
import { EventWriter, type WriteResult } from '../event-writer.ts';
import type { Arrival } from '../to-stored-event.ts';
import { type ImportKind, importKinds, isImportKind } from './kinds.ts';
import { type Mapping, readMappingFile, resolveMapping } from './mapping.ts';
import { type FileRecord, openFile, sniffFile } from './readers.ts';
import { RejectsFile } from './rejects.ts';
import { rowToEvent } from './row-event.ts';

export interface ImportOptions {
  file: string;
  kind: ImportKind | string;
  /** The source the rows come from: its channel goes on every event. */
  source: Source;
  /** The writer to go through; without one, a writer is started on `store`. */
  writer?: EventWriter;
  store?: Store;
  /** A JSON file `{ "<panorama field>": "<file column>" }` overriding the detected mapping. */
  mappingFile?: string;
  /** Where refused lines go; default `<file>.rejects.csv`. */
  rejectsFile?: string;
  onProgress?: (progress: ImportProgress) => void;
  now?: () => Date;
  /** Rows written at a time; memory use grows with it, not with the file. */
  chunkRows?: number;
}

export interface ImportCounts {
  read: number;
  imported: number;
  duplicates: number;
  rejected: number;
  /** Rows of erased people, turned away. */
  suppressed: number;
}

export interface ImportProgress extends ImportCounts {
  bytesRead: number;
  totalBytes: number;
}

export interface ImportSummary extends ImportCounts {
  file: string;
  kind: ImportKind;
  format: 'csv' | 'jsonl';
  delimiter?: string;
  /** Present when at least one line was refused. */
  rejectsFile?: string;
  mapping: Mapping;
  /** Columns no field uses; their values are kept as extra properties (traits for contacts). */
  unmapped: string[];
}

interface Chunk {
  events: StoredEvent[];
  refusals: NewRefusal[];
}

/**
 * Imports a CSV or JSONL file into the store, in constant memory: rows are read, turned into
 * events and written `chunkRows` at a time, each write awaited before the next but one. Events get
 * ids derived from the source and the row's id, so importing the same file again adds nothing.
 *
 * @example await importFile({ file: 'orders.csv', kind: 'orders', source, writer })
 * // → { read: 1000, imported: 998, duplicates: 0, rejected: 2, rejectsFile: 'orders.csv.rejects.csv', ... }
 */
export async function importFile(options: ImportOptions): Promise<ImportSummary> {
  const { file, kind, source } = options;
  if (!isImportKind(kind)) {
    throw new PanoramaError(
      'import.invalid_options',
      `Unknown kind "${kind}". Use one of: ${importKinds.join(', ')}.`,
    );
  }
  const writer = options.writer ?? (await writerOn(options.store));
  const now = options.now ?? (() => new Date());
  const chunkRows = options.chunkRows ?? 5000;
  const shape = await sniffFile(file);
  const overrides = options.mappingFile ? await readMappingFile(options.mappingFile) : {};
  const opened = await openFile(file, shape);
  const rejects = new RejectsFile(options.rejectsFile ?? `${file}.rejects.csv`);
  const counts: ImportCounts = { read: 0, imported: 0, duplicates: 0, rejected: 0, suppressed: 0 };
  try {
    const mapping = resolveMapping(kind, opened.headers, overrides);
    let inFlight: Promise<void> | undefined;
    let chunk: Chunk = { events: [], refusals: [] };
    let arrival = arrivalAt(source, now());
    const send = async (full: Chunk) => {
      await inFlight;
      inFlight = writeChunk(writer, full).then((result) => {
        counts.imported += result.stored;
        counts.duplicates += result.duplicates;
        counts.suppressed += result.suppressed ?? 0;
        options.onProgress?.({ ...counts, bytesRead: opened.bytesRead(), totalBytes: shape.size });
      });
      // Surfaces a failed write now rather than at the next chunk.
      inFlight.catch(() => undefined);
    };
    for await (const record of opened.records) {
      counts.read += 1;
      const refused = await takeRecord(record, kind, mapping, arrival, chunk, rejects, file);
      if (refused) counts.rejected += 1;
      if (chunk.events.length + chunk.refusals.length >= chunkRows) {
        await send(chunk);
        chunk = { events: [], refusals: [] };
        arrival = arrivalAt(source, now());
      }
    }
    await send(chunk);
    await inFlight;
    const mapped = new Set(Object.values(mapping));
    return {
      ...counts,
      file,
      kind,
      format: shape.format,
      ...(shape.delimiter ? { delimiter: shape.delimiter } : {}),
      ...(rejects.count > 0 ? { rejectsFile: rejects.path } : {}),
      mapping,
      unmapped: opened.headers.filter((h) => !mapped.has(h)),
    };
  } finally {
    opened.close();
    await rejects.close();
  }
}

async function writerOn(store: Store | undefined): Promise<EventWriter> {
  if (!store) throw new PanoramaError('import.invalid_options', 'importFile needs a writer or a store.');
  return EventWriter.start(store, {
    dedupWindowMs: 7 * 86_400_000,
    maxPendingEvents: 100_000,
    maxEventsPerWrite: 20_000,
  });
}

function arrivalAt(source: Source, receivedAt: Date): Arrival {
  return { source, receivedAt, origin: 'import' };
}

/** Adds one record to the chunk as an event, or as a refusal and a line of the rejects file. */
async function takeRecord(
  record: FileRecord,
  kind: ImportKind,
  mapping: Mapping,
  arrival: Arrival,
  chunk: Chunk,
  rejects: RejectsFile,
  file: string,
): Promise<boolean> {
  const outcome = record.row
    ? rowToEvent(kind, mapping, record.row, arrival)
    : {
        ok: false as const,
        problems: [{ field: '(line)', rule: 'readable', message: record.error ?? 'unreadable' }],
      };
  if (outcome.ok) {
    chunk.events.push(outcome.event);
    return false;
  }
  await rejects.add(record.line, outcome.problems.map((p) => p.message).join('; '), record.raw);
  chunk.refusals.push({
    workspaceId: arrival.source.workspaceId,
    sourceId: arrival.source.id,
    receivedAt: arrival.receivedAt,
    origin: 'import',
    reason: JSON.stringify(outcome.problems),
    payload: JSON.stringify({ file: basename(file), line: record.line, record: record.raw.slice(0, 30_000) }),
  });
  return true;
}

/** Writes one chunk, waiting and retrying while the writer is busy with other clients (429). */
async function writeChunk(writer: EventWriter, chunk: Chunk): Promise<WriteResult> {
  if (chunk.events.length === 0 && chunk.refusals.length === 0) return { stored: 0, duplicates: 0 };
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await writer.write(chunk.events, chunk.refusals, 'store');
    } catch (error) {
      const busy = error instanceof PanoramaError && error.code === 'collect.overloaded';
      if (!busy || attempt >= 600) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.min(attempt, 10) * 90));
    }
  }
}
