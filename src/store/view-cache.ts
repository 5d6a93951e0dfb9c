/** The folder of the view cache in a data directory, beside the database file. */
export const viewCacheDirName = 'view-cache';

/**
 * A customer view kept ready to serve: its JSON (without the value block, kept apart so that a
 * valuation does not throw the views away) and the identifiers (`type:value`) it lists.
 */
export interface KeptView {
  profileId: string;
  json: string;
  identifiers: readonly string[];
  /** Its value block (`KeptValue.json`), kept in the same write when given. */
  value?: string | null;
}

/** A profile's value block as JSON, or `null` when it has none. */
export interface KeptValue {
  profileId: string;
  json: string | null;
}

/**
 * The port of the view cache: customer views kept beside the store so that reading one needs no
 * query. It is only a copy: everything in it can be made again from the store, which stays the
 * source of truth. It keeps what it is given and forgets what it is told to; deciding what is
 * still true is the caller's job (`src/profiles/view-cache.ts`).
 *
 * Reads may answer what was kept before a `forget…` whose promise has not settled yet.
 */
export interface ViewCache {
  view(workspaceId: string, profileId: string): Promise<KeptView | undefined>;
  /** The profile a look-up by this identifier (`type:value`) leads to, when a kept view lists it. */
  profileHolding(workspaceId: string, identifier: string): Promise<string | undefined>;
  /** The profile's value block: its JSON, `null` when kept as having none, undefined when not kept. */
  value(workspaceId: string, profileId: string): Promise<string | null | undefined>;
  /**
   * Keeps views (with their value blocks when given, in one write) and the look-ups by the
   * identifiers they list; a view replaced drops the look-ups of identifiers it listed and the new
   * one does not.
   */
  keepViews(workspaceId: string, views: readonly KeptView[]): Promise<void>;
  keepValues(workspaceId: string, values: readonly KeptValue[]): Promise<void>;
  /** Drops the profiles' views, values and the look-ups by the identifiers their views list. */
  forgetProfiles(workspaceId: string, profileIds: readonly string[]): Promise<void>;
  /** Drops every value block of the workspace (a new valuation), keeping the views. */
  forgetValues(workspaceId: string): Promise<void>;
  /** Drops everything kept for the workspace, notes included. Reads stop seeing it at once. */
  forgetWorkspace(workspaceId: string): Promise<void>;
  /** A short text kept with the workspace's views (what they were made from, how complete they are). */
  note(workspaceId: string, name: string): Promise<string | undefined>;
  setNote(workspaceId: string, name: string, text: string | undefined): Promise<void>;
  /** How many views are kept for the workspace. */
  count(workspaceId: string): Promise<number>;
  close(): Promise<void>;
}
