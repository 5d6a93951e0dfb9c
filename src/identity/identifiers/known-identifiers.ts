import { type Identifier, identifierKey } from './types.ts';

/** An identifier as extraction hands it out, with its `type:value` key made once. */
export interface KnownIdentifier {
  identifier: Identifier;
  key: string;
}

/** Past this many remembered values, start again: a live server meets new identifiers forever. */
const maxRemembered = 250_000;

/**
 * Identifiers already read, by how they were read (a type, or a type and a network) and by raw
 * text, each `null` when it did not parse or is blocked. Normalising and checking the blocklist
 * is pure for given settings, and a million events carry only ~58,000 distinct identifiers.
 * The identifier objects are shared between events: nothing may change them.
 */
export class KnownIdentifiers {
  private readonly byKind = new Map<string, Map<string, KnownIdentifier | null>>();
  private size = 0;

  /** What was read from `raw` as `kind` before, `undefined` when it was never read. */
  get(kind: string, raw: string): KnownIdentifier | null | undefined {
    return this.byKind.get(kind)?.get(raw);
  }

  /** Remembers what `raw` read as `kind` gives, and hands it back. */
  remember(kind: string, raw: string, identifier: Identifier | null): KnownIdentifier | null {
    if (this.size >= maxRemembered) {
      this.byKind.clear();
      this.size = 0;
    }
    let ofKind = this.byKind.get(kind);
    if (!ofKind) {
      ofKind = new Map();
      this.byKind.set(kind, ofKind);
    }
    const known = identifier === null ? null : { identifier, key: identifierKey(identifier) };
    ofKind.set(raw, known);
    this.size += 1;
    return known;
  }
}
