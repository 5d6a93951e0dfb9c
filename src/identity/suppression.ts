import { createHash } from 'node:crypto';
import type { Store } from '../store/port.ts';
import type { StoredEvent } from '../store/types.ts';
import {
  defaultIdentifierSettings,
  extractIdentifiers,
  type IdentifierSettings,
} from './identifiers/index.ts';

/**
 * The digest an erased identifier is remembered by: SHA-256 of workspace, type and normalised
 * value, so that the list recognises the identifier without holding it.
 */
export function identifierDigest(workspaceId: string, type: string, value: string): string {
  return createHash('sha256').update(`${workspaceId}\u0000${type}:${value}`).digest('hex');
}

/**
 * Identifiers of erased people, by workspace: an event carrying one of them is not stored, so
 * the person does not come back through the next import or page view.
 */
export class SuppressionList {
  private readonly digests = new Map<string, Set<string>>();

  constructor(
    private readonly settingsFor: (workspaceId: string) => IdentifierSettings = () =>
      defaultIdentifierSettings,
  ) {}

  static async load(
    store: Store,
    settingsFor?: (workspaceId: string) => IdentifierSettings,
  ): Promise<SuppressionList> {
    const list = new SuppressionList(settingsFor);
    for (const row of await store.privacy.suppressed()) list.add(row.workspaceId, [row.valueDigest]);
    return list;
  }

  add(workspaceId: string, digests: readonly string[]): void {
    const set = this.digests.get(workspaceId) ?? new Set<string>();
    for (const digest of digests) set.add(digest);
    this.digests.set(workspaceId, set);
  }

  get empty(): boolean {
    return this.digests.size === 0;
  }

  /** Whether the event carries an identifier of someone erased from its workspace. */
  holds(event: StoredEvent): boolean {
    const set = this.digests.get(event.workspaceId);
    if (!set) return false;
    return extractIdentifiers(event, this.settingsFor(event.workspaceId)).some((identifier) =>
      set.has(identifierDigest(event.workspaceId, identifier.type, identifier.value)),
    );
  }
}
