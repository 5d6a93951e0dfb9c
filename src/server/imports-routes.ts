import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Static, Type } from '@sinclair/typebox';
import { parse } from 'csv-parse';
import type { FastifyInstance } from 'fastify';
import type { EventWriter } from '../collect/event-writer.ts';
import { importFile } from '../collect/import/import-file.ts';
import { importKinds } from '../collect/import/kinds.ts';
import { PanoramaError } from '../errors.ts';
import type { Store } from '../store/port.ts';
import { apiKeySecurity, requireRole } from './access.ts';

/** File extensions by content type, so the importer knows the format without sniffing. */
const extensions: Record<string, string> = {
  'text/csv': '.csv',
  'text/tab-separated-values': '.tsv',
  'application/x-ndjson': '.jsonl',
  'application/jsonl': '.jsonl',
  'application/octet-stream': '',
};
const shownRejects = 100;

const ImportQuery = Type.Object({
  kind: Type.Union(importKinds.map((k) => Type.Literal(k))),
  /** A JSON object `{ "<panorama field>": "<file column>" }` overriding the detected mapping. */
  mapping: Type.Optional(Type.String()),
});
const ImportAnswer = Type.Object({
  read: Type.Integer(),
  imported: Type.Integer(),
  duplicates: Type.Integer(),
  suppressed: Type.Integer(),
  rejected: Type.Integer(),
  mapping: Type.Record(Type.String(), Type.String()),
  unmapped: Type.Array(Type.String()),
  rejects: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() })),
});

/**
 * Imports over the JSON API, while the server runs: the file is the request body (CSV, TSV or
 * JSON Lines, streamed to a temporary file), imported through the server's own writer. The
 * answer is the import's summary with the first refused lines; all of them stay in
 * `refused_events`.
 */
export async function importsRoutes(
  app: FastifyInstance,
  deps: { store: Store; writer: EventWriter; workspaceId: string },
): Promise<void> {
  app.addContentTypeParser(Object.keys(extensions), (_request, payload, done) => done(null, payload));
  app.post<{ Params: { name: string }; Querystring: Static<typeof ImportQuery> }>(
    '/api/v1/sources/:name/imports',
    {
      bodyLimit: Number.MAX_SAFE_INTEGER,
      schema: {
        tags: ['imports'],
        summary: 'Import a CSV, TSV or JSON Lines file (the request body) into a source',
        security: apiKeySecurity,
        params: Type.Object({ name: Type.String() }),
        querystring: ImportQuery,
        response: { 200: ImportAnswer },
      },
    },
    async (request) => {
      await requireRole(deps.store, request, 'operator');
      const source = await deps.store.sources.findByName(deps.workspaceId, request.params.name);
      if (!source) throw new PanoramaError('sources.not_found', `No source named "${request.params.name}".`);
      const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
      const dir = await mkdtemp(join(tmpdir(), 'panorama-upload-'));
      try {
        const file = join(dir, `upload${extensions[type] ?? ''}`);
        await pipeline(request.body as Readable, createWriteStream(file));
        const mappingFile = request.query.mapping ? join(dir, 'mapping.json') : undefined;
        if (mappingFile) await writeFile(mappingFile, request.query.mapping as string);
        const summary = await importFile({
          file,
          kind: request.query.kind,
          source,
          writer: deps.writer,
          mappingFile,
        });
        const rejects = summary.rejectsFile ? await firstRejects(summary.rejectsFile) : [];
        const { read, imported, duplicates, rejected, suppressed, mapping, unmapped } = summary;
        return { read, imported, duplicates, rejected, suppressed, mapping, unmapped, rejects };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
}

/** The first refused lines of a rejects file (`line,reason,record`). */
async function firstRejects(path: string): Promise<{ line: number; reason: string }[]> {
  const rows: { line: number; reason: string }[] = [];
  const parser = createReadStream(path).pipe(
    parse({ from_line: 2, to: shownRejects + 1, relax_column_count: true }),
  );
  for await (const record of parser as AsyncIterable<string[]>) {
    rows.push({ line: Number(record[0]), reason: record[1] ?? '' });
  }
  return rows;
}
