import type { SimulationContext } from './context.ts';
import { messageIdFor } from './ids.ts';
import type { WrittenText } from './texts/compose.ts';
import type {
  DemoRecord,
  IdentifierTruth,
  IdentifierType,
  ImportKind,
  SegmentMessage,
  TextTruth,
} from './types.ts';

interface Entry {
  at: number;
  rank: number;
  record: DemoRecord;
}

/**
 * Collects one person's records, the identifiers they revealed and the texts they wrote, then
 * hands them back in time order. Only one person's data is ever held at a time.
 */
export class PersonStream {
  private readonly entries: Entry[] = [];
  private readonly identifiers = new Map<string, IdentifierTruth>();
  readonly texts: TextTruth[] = [];
  private messages = 0;

  constructor(
    private readonly ctx: SimulationContext,
    private readonly personIndex: number,
  ) {}

  /** True when an instant falls inside the simulated period. */
  inPeriod(at: number): boolean {
    return at >= this.ctx.start && at < this.ctx.end;
  }

  /** A fresh message id, unique across the whole run. */
  nextMessageId(): string {
    return messageIdFor(this.ctx.seedTag, this.personIndex, this.messages++);
  }

  /** Adds a Segment message bound for a source's HTTP API. */
  api(source: string, at: number, message: SegmentMessage): void {
    this.entries.push({ at, rank: this.entries.length, record: { type: 'api', source, message } });
  }

  /** Adds a row bound for a source's import file. */
  row(source: string, kind: ImportKind, at: number, row: Record<string, string>): void {
    this.entries.push({ at, rank: this.entries.length, record: { type: 'row', source, kind, row } });
  }

  /** Records that an identifier of this person was emitted; returns it for inline use. */
  reveal(type: IdentifierType, value: string, note?: IdentifierTruth['note']): string {
    if (value === '') return value;
    const key = `${type}\u0000${value}`;
    if (!this.identifiers.has(key)) this.identifiers.set(key, note ? { type, value, note } : { type, value });
    return value;
  }

  /** Records what a text this person wrote truly says. */
  wrote(ref: string, source: string, kind: TextTruth['kind'], text: WrittenText, isPublic: boolean): void {
    this.texts.push({
      ref,
      source,
      kind,
      language: text.language,
      polarity: text.polarity,
      themes: text.themes,
      public: isPublic,
    });
  }

  /** The identifiers revealed so far, in the order they first appeared. */
  revealed(): IdentifierTruth[] {
    return [...this.identifiers.values()];
  }

  /** The records in time order (ties keep the order they were added in). */
  inTimeOrder(): DemoRecord[] {
    this.entries.sort((a, b) => a.at - b.at || a.rank - b.rank);
    return this.entries.map((entry) => entry.record);
  }
}
