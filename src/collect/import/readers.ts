import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { type Readable, Transform } from 'node:stream';
import { type Options, parse } from 'csv-parse';
import { PanoramaError } from '../../errors.ts';
import type { Row } from './row-event.ts';

export interface FileShape {
  format: 'csv' | 'jsonl';
  /** CSV only. */
  delimiter?: string;
  encoding: 'utf-8' | 'windows-1252';
  size: number;
  /** The first bytes of the file, decoded: enough to read a JSONL file's keys. */
  head: string;
}

/** One record: its physical line in the file (header = 1), its text, and its cells or why it is unreadable. */
export interface FileRecord {
  line: number;
  raw: string;
  row?: Row;
  error?: string;
}

export interface OpenedFile {
  headers: string[];
  records: AsyncIterable<FileRecord>;
  /** Bytes of the file read so far. */
  bytesRead: () => number;
  /** Stops reading (after an error, or when the whole file was read). */
  close: () => void;
}

const sniffBytes = 64 * 1024;
/** Past this, a CSV record is taken as a quote that never closes, and the file as unreadable. */
const maxRecordChars = 4 * 1024 * 1024;

/**
 * Looks at the head of a file: format from the extension (`.csv`, `.tsv`, `.jsonl`, `.ndjson`) or
 * else from the content, the CSV delimiter among `,` `;` and tab, and the encoding (UTF-8, or
 * Windows-1252 as older French Excel exports write).
 */
export async function sniffFile(path: string): Promise<FileShape> {
  let head: Buffer;
  let size: number;
  try {
    const handle = await open(path, 'r');
    try {
      size = (await handle.stat()).size;
      const buffer = Buffer.alloc(Math.min(sniffBytes, size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.message;
    throw new PanoramaError('import.unreadable_file', `Cannot read ${path}: ${why}.`);
  }
  const encoding = isUtf8(head) ? 'utf-8' : 'windows-1252';
  const text = new TextDecoder(encoding).decode(head).replace(/^\uFEFF/, '');
  const format = formatOf(path, text);
  if (format === 'csv') return { format, delimiter: delimiterOf(path, text), encoding, size, head: text };
  return { format, encoding, size, head: text };
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function formatOf(path: string, text: string): 'csv' | 'jsonl' {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  const first = text.trimStart()[0];
  if (first === '[') {
    throw new PanoramaError(
      'import.unreadable_file',
      `${path} holds a JSON array; Panorama reads JSON Lines (one object per line). Convert it, e.g. with: jq -c '.[]' file.json > file.jsonl`,
    );
  }
  return first === '{' ? 'jsonl' : 'csv';
}

function delimiterOf(path: string, text: string): string {
  if (extname(path).toLowerCase() === '.tsv') return '\t';
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const outsideQuotes = header.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = outsideQuotes.split(candidate).length - 1;
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}

/** Opens a sniffed file for streaming: its headers, then its records one at a time. */
export async function openFile(path: string, shape: FileShape): Promise<OpenedFile> {
  let bytes = 0;
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  file.on('data', (chunk) => {
    bytes += chunk.length;
  });
  const input = shape.encoding === 'utf-8' ? file : file.pipe(decoder(shape.encoding));
  if (input !== file) file.on('error', (e) => input.destroy(e));
  const opened = shape.format === 'csv' ? await openCsv(input, shape) : openJsonl(input, shape);
  return { ...opened, bytesRead: () => bytes, close: () => file.destroy() };
}

function decoder(encoding: string): Transform {
  const text = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, text.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, text.decode());
    },
  });
}

interface CsvRecord {
  fields: string[];
  line: number;
  raw: string;
  /** Unreadable records met just before this one, in file order. */
  skipped: FileRecord[];
}

async function openCsv(input: Readable, shape: FileShape) {
  let nextLine = 1;
  let skipped: FileRecord[] = [];
  /** The physical line a record starts on, counting the empty lines skipped before it. */
  const place = (raw: string) => {
    const leading = /^(?:\r\n|\r|\n)*/.exec(raw)?.[0] ?? '';
    const line = nextLine + breaks(leading);
    nextLine += breaks(raw);
    return { line, raw: raw.trim() };
  };
  const options: Options<CsvRecord, { record: string[]; raw: string }> = {
    delimiter: shape.delimiter,
    bom: true,
    raw: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: maxRecordChars,
    on_skip: (error, raw) => {
      const at = place(raw ?? '');
      if (error?.code === 'CSV_MAX_RECORD_SIZE') {
        throw new PanoramaError(
          'import.unreadable_file',
          `Line ${at.line} starts a record longer than 4 MB: a quote is probably never closed.`,
        );
      }
      skipped.push({ ...at, error: `unreadable CSV: ${error?.message ?? 'malformed record'}` });
      return undefined;
    },
    on_record: (record) => {
      const at = place(record.raw);
      const out: CsvRecord = { fields: record.record, ...at, skipped };
      skipped = [];
      return out;
    },
  };
  const parser = parse(options as unknown as Options);
  input.on('error', (e) => parser.destroy(e));
  const records = (input.pipe(parser) as AsyncIterable<CsvRecord>)[Symbol.asyncIterator]();
  const first = await records.next();
  const headers = first.done ? [] : uniqueHeaders(first.value.fields);
  async function* rows(): AsyncGenerator<FileRecord> {
    for (;;) {
      const next = await records.next();
      if (next.done) break;
      const record = next.value;
      yield* record.skipped;
      yield csvRow(record, headers);
    }
    yield* skipped;
  }
  return { headers, records: rows() };
}

function breaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function csvRow(record: CsvRecord, headers: string[]): FileRecord {
  const { fields, line, raw } = record;
  if (fields.length > headers.length && fields.slice(headers.length).some((f) => f.trim() !== '')) {
    return { line, raw, error: `has ${fields.length} fields but the header has ${headers.length}` };
  }
  const row: Row = {};
  headers.forEach((header, i) => {
    row[header] = fields[i];
  });
  return { line, raw, row };
}

/** Blank headers get a name and repeated ones a number, so every column can be mapped. */
function uniqueHeaders(fields: string[]): string[] {
  const seen = new Map<string, number>();
  return fields.map((field, i) => {
    const name = field.trim() || `column_${i + 1}`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}

function openJsonl(input: Readable, shape: FileShape) {
  const headers = jsonlHeaders(shape.head, shape.size <= sniffBytes);
  async function* rows(): AsyncGenerator<FileRecord> {
    let line = 0;
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const text of lines) {
      line += 1;
      const raw = line === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (raw.trim() === '') continue;
      yield jsonlRow(line, raw);
    }
  }
  return { headers, records: rows() };
}

function jsonlRow(line: number, raw: string): FileRecord {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { line, raw, error: `malformed JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { line, raw, error: 'the line is not a JSON object' };
  }
  return { line, raw, row: flatten(value as Record<string, unknown>) };
}

/** `{customer: {email: 'a@b'}}` → `{'customer.email': 'a@b'}`; arrays stay whole. */
export function flatten(value: Record<string, unknown>, prefix = '', out: Row = {}): Row {
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
      flatten(inner as Record<string, unknown>, path, out);
    } else out[path] = inner;
  }
  return out;
}

/** The keys of the first lines of a JSONL file, nested ones as `a.b`, in the order met. */
function jsonlHeaders(head: string, whole: boolean): string[] {
  const keys = new Set<string>();
  const lines = head.split(/\r?\n/);
  // Unless the head is the whole file, its last line may be cut short.
  if (!whole) lines.pop();
  for (const text of lines.slice(0, 1000)) {
    const record = jsonlRow(0, text);
    for (const key of Object.keys(record.row ?? {})) keys.add(key);
  }
  return [...keys];
}
