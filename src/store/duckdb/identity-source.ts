import type { DuckDBConnection } from '@duckdb/node-api';
import {
  type EventType,
  eventTypes,
  type IdentitySourceEvent,
  type IdentitySourceRequest,
  type JsonObject,
} from '../types.ts';
import { sourceChunksSql, sourceNamesSql, sourceSpanSql } from './identity-source-sql.ts';

/**
 * How identity reads the stored events. A rebuild reads every event once: the text DuckDB sends
 * and JavaScript takes apart was most of its cost, so each event travels as one tab-separated
 * line holding only what extraction reads (its fields read in place, a fraction of what
 * `JSON.parse` of the same events costs), and events come in slices of time, so that the graph
 * stitches each slice as it arrives.
 */

/**
 * Every event of the store, as `IdentityStore.sourceEvents` hands them over. Run it inside a
 * transaction: the names and the span must be those of the events read.
 */
export async function* readSourceEvents(
  connection: DuckDBConnection,
  { chunkSize = 2_000, namesIdentifier }: IdentitySourceRequest,
): AsyncIterable<IdentitySourceEvent[]> {
  const [span] = (await connection.runAndReadAll(sourceSpanSql)).getRowObjectsJS();
  const events = Number(span?.events ?? 0);
  if (events === 0) return;
  const first = Number(span?.first);
  const width = sliceWidth(first, Number(span?.last), events, chunkSize);
  const names = namesIdentifier ? await namesRead(connection, namesIdentifier) : null;
  const sql = sourceChunksSql(names);
  const params: Record<string, string | number> = { first, width };
  if (names !== null && names.length > 0) params.names = JSON.stringify(names);
  const result = await connection.stream(sql, params);
  for await (const rows of result.yieldRows())
    for (const [workspaceId, chunk] of rows) yield sourceEventsOf(String(workspaceId), String(chunk));
}

/** The names used in the events' traits and properties that extraction reads. */
async function namesRead(connection: DuckDBConnection, namesIdentifier: (name: string) => boolean) {
  const sets = (await connection.runAndReadAll(sourceNamesSql)).getRowsJS();
  const used = new Set(sets.flatMap(([set]) => (set as string[] | null) ?? []));
  return [...used].filter(namesIdentifier);
}

/**
 * The width of a slice of time holding about `chunkSize` events, were they spread evenly (a
 * chunk of a few thousand events keeps what stitching holds at once small: fewer objects for
 * the garbage collector to copy).
 */
export function sliceWidth(first: number, last: number, events: number, chunkSize: number): number {
  const slices = Math.max(1, Math.round(events / chunkSize));
  return Math.max(1, Math.ceil((last - first + 1) / slices));
}

/** The events of one chunk of `sourceChunksSql`. */
export function sourceEventsOf(workspaceId: string, chunk: string): IdentitySourceEvent[] {
  const events: IdentitySourceEvent[] = [];
  const line = new LineReader(chunk);
  while (line.more()) {
    events.push({
      workspaceId,
      messageId: line.text() as string,
      timestamp: new Date(line.integer()),
      type: line.type(),
      userId: line.text(),
      anonymousId: line.text(),
      previousId: line.text(),
      traits: line.json(),
      properties: line.json(),
      context: line.json(true),
    });
  }
  return events;
}

const tab = 9;
const backslash = 92;

/**
 * Reads the fields of a chunk's lines one after another, without splitting: a million events
 * would otherwise make ten million strings and a million arrays, most of them `\N`.
 */
class LineReader {
  private at = 0;

  constructor(private readonly chunk: string) {}

  more(): boolean {
    return this.at < this.chunk.length;
  }

  /** A text field: null for `\N`, unescaped when it holds a backslash. */
  text(): string | null {
    if (this.isNull()) return null;
    const value = this.field(false);
    return value.includes('\\') ? unescaped(value) : value;
  }

  /** A JSON field (the line's last when `last`): parsed, or null for `\N`. */
  json(last = false): JsonObject | null {
    return this.isNull() ? null : (JSON.parse(this.field(last)) as JsonObject);
  }

  /** An integer field (epoch milliseconds). */
  integer(): number {
    const { chunk } = this;
    const negative = chunk.charCodeAt(this.at) === 45;
    if (negative) this.at += 1;
    let value = 0;
    for (let c = chunk.charCodeAt(this.at); c >= 48 && c <= 57; c = chunk.charCodeAt(++this.at))
      value = value * 10 + (c - 48);
    this.at += 1;
    return negative ? -value : value;
  }

  /** An event type, the same string each time for a known one. */
  type(): EventType {
    for (const type of eventTypes) {
      if (this.chunk.startsWith(type, this.at) && this.chunk.charCodeAt(this.at + type.length) === tab) {
        this.at += type.length + 1;
        return type;
      }
    }
    return this.text() as EventType;
  }

  private isNull(): boolean {
    const { chunk, at } = this;
    if (chunk.charCodeAt(at) !== backslash || chunk.charCodeAt(at + 1) !== 78) return false;
    const after = chunk.charCodeAt(at + 2);
    if (after !== tab && after !== 10 && !Number.isNaN(after)) return false;
    this.at += 3;
    return true;
  }

  /** The field up to its tab (up to the end of its line when `last`), the reader moved past it. */
  private field(last: boolean): string {
    const { chunk, at } = this;
    let end = chunk.indexOf(last ? '\n' : '\t', at);
    if (end === -1) end = chunk.length;
    this.at = end + 1;
    return chunk.slice(at, end);
  }
}

function unescaped(value: string): string {
  return value.replace(/\\([\\tn])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c));
}
