import { randomUUID } from 'node:crypto';
import { PanoramaError } from '../errors.ts';
import { identifierDigest, type SuppressionList } from '../identity/suppression.ts';
import type { Store } from '../store/port.ts';
import type { ErasureRecord, MergeRow, SplitRow, StoredEvent } from '../store/types.ts';
import { type CustomerView, customerTimeline, customerView } from './customer-view.ts';

/** Everything held about one person, as a data-subject access request answers it. */
export interface CustomerExport {
  exportedAt: Date;
  customer: CustomerView;
  history: { merges: MergeRow[]; splits: SplitRow[] };
  events: StoredEvent[];
}

/** Gathers the profile, its identities, traits, consent, merge history and every event. */
export async function exportCustomer(
  store: Store,
  workspaceId: string,
  profileId: string,
): Promise<CustomerExport> {
  const customer = await customerView(store, workspaceId, profileId);
  const history = await store.profiles.history(workspaceId, profileId);
  const events: StoredEvent[] = [];
  let cursor: string | null = null;
  do {
    const page = await customerTimeline(store, workspaceId, profileId, {
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    events.push(...page.events);
    cursor = page.next;
  } while (cursor);
  return { exportedAt: new Date(), customer, history, events };
}

/**
 * Erases a person: their events, identity rows and profile go in one transaction; a tombstone
 * (who asked, when, why, how much) stays, and their identifiers join the suppression list, so
 * that the same identifiers do not bring the profile back.
 * @example await eraseCustomer(store, 'default', 'prof_…', { by: 'dpo@maison.fr', reason: 'RGPD art. 17' })
 */
export async function eraseCustomer(
  store: Store,
  workspaceId: string,
  profileId: string,
  request: { by: string; reason?: string; at?: Date },
  suppression?: SuppressionList,
): Promise<ErasureRecord> {
  const record = await store.profiles.get(workspaceId, profileId);
  if (!record) throw new PanoramaError('profiles.not_found', `No profile ${profileId} in this workspace.`);
  const identifiers = record.identifiers.map(({ idType, idValue, raw }) => ({
    type: idType,
    value: idValue,
    raw,
    digest: identifierDigest(workspaceId, idType, idValue),
  }));
  const erasure = await store.privacy.erase(workspaceId, {
    erasureId: `era_${randomUUID()}`,
    profileId,
    identifiers,
    by: request.by,
    at: request.at ?? new Date(),
    reason: request.reason ?? null,
  });
  suppression?.add(
    workspaceId,
    identifiers.map((i) => i.digest),
  );
  return erasure;
}
