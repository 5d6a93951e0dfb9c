import { randomBytes } from 'node:crypto';
import { PanoramaError } from '../errors.ts';
import type { Store } from '../store/port.ts';
import { type Channel, channels, type Source } from '../store/types.ts';

/** A new write key: `wk_` and 32 URL-safe random characters. */
export function newWriteKey(): string {
  return `wk_${randomBytes(24).toString('base64url')}`;
}

/** Creates a source after checking its name and channel; the answer carries its write key. */
export async function createSource(
  store: Store,
  workspaceId: string,
  name: string,
  channel: string,
): Promise<Source> {
  const trimmed = name.trim();
  if (!/^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,63}$/u.test(trimmed)) {
    throw new PanoramaError(
      'sources.invalid',
      `A source name is 1 to 64 letters, digits, spaces, dots, dashes or underscores, got "${name}".`,
    );
  }
  if (!isChannel(channel)) {
    throw new PanoramaError(
      'sources.invalid',
      `Unknown channel "${channel}". Use one of: ${channels.join(', ')}.`,
    );
  }
  return store.sources.create({ workspaceId, name: trimmed, channel, writeKey: newWriteKey() });
}

/** Gives a source a new write key; the old one stops working at once. */
export async function rotateWriteKey(store: Store, workspaceId: string, name: string): Promise<Source> {
  const source = await store.sources.findByName(workspaceId, name);
  if (!source) throw new PanoramaError('sources.not_found', `No source named "${name}".`);
  return store.sources.rotateWriteKey(source.id, newWriteKey());
}

export function isChannel(value: string): value is Channel {
  return (channels as readonly string[]).includes(value);
}

/** Looks sources up by write key, remembering the answers: the hot path must not query per request. */
export class SourceDirectory {
  private readonly byKey = new Map<string, Source | undefined>();

  constructor(private readonly store: Store) {}

  async byWriteKey(writeKey: string): Promise<Source | undefined> {
    if (this.byKey.has(writeKey)) return this.byKey.get(writeKey);
    const source = await this.store.sources.findByWriteKey(writeKey);
    if (source || this.byKey.size < 10_000) this.byKey.set(writeKey, source);
    return source;
  }

  /** Forgets what it knows, after a source was created or its key rotated. */
  forget(): void {
    this.byKey.clear();
  }
}
