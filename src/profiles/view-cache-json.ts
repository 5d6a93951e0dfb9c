import { identifierKey } from '../identity/identifiers/index.ts';
import type { KeptView } from '../store/view-cache.ts';
import type { ConsentStatement } from './consent.ts';
import type { ComputedValue, CustomerView } from './customer-view.ts';

/**
 * The shape of the views the cache keeps. Bump it whenever `CustomerView` or the way it is made
 * changes: a cache kept by an earlier version is then emptied at start-up instead of being served.
 */
export const viewFormat = 1;

/** A view as the cache keeps it: JSON without the value block, and the identifiers it lists. */
export function keptViewOf(view: CustomerView): KeptView {
  return {
    profileId: view.id,
    json: JSON.stringify({ ...view, value: null }),
    identifiers: view.identities.map(identifierKey),
  };
}

export function keptValueOf(value: ComputedValue | null): string | null {
  return value === null ? null : JSON.stringify(value);
}

/** The view again, its times as dates, from what `keptViewOf` and `keptValueOf` gave. */
export function viewFromKept(json: string, value: string | null): CustomerView {
  const view = JSON.parse(json) as CustomerView;
  view.firstSeen = new Date(view.firstSeen);
  view.lastSeen = new Date(view.lastSeen);
  for (const identity of view.identities) {
    identity.firstSeen = new Date(identity.firstSeen);
    identity.lastSeen = new Date(identity.lastSeen);
  }
  for (const trait of Object.values(view.traits)) trait.observedAt = new Date(trait.observedAt);
  datedStatements(view.consent.purposes);
  for (const purposes of Object.values(view.consent.channels)) datedStatements(purposes);
  const summary = view.summary;
  if (summary) {
    summary.firstSeen = new Date(summary.firstSeen);
    summary.lastSeen = new Date(summary.lastSeen);
    summary.lastOrder = summary.lastOrder === null ? null : new Date(summary.lastOrder);
    summary.lastContact = summary.lastContact === null ? null : new Date(summary.lastContact);
  }
  view.value = value === null ? null : (JSON.parse(value) as ComputedValue);
  return view;
}

function datedStatements(statements: Record<string, ConsentStatement>): void {
  for (const statement of Object.values(statements)) statement.observedAt = new Date(statement.observedAt);
}
