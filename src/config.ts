import { join, resolve } from 'node:path';
import { type IdentityRules, readIdentityRules } from './identity/rules-file.ts';
import { readTouchpointMapping, type TouchpointMapping } from './journeys/touchpoints/index.ts';

/** Every setting Panorama reads from its environment, read in this one place. */
export interface Settings {
  dataDir: string;
  port: number;
  host: string;
  workspaceId: string;
  dedupWindowDays: number;
  maxPendingEvents: number;
  maxEventsPerWrite: number;
  /**
   * Stitch identities on the server as events are stored (PANORAMA_LIVE_IDENTITY=true). Off by
   * default for now: it runs on the ingest process's thread and, measured on the 2-core machine,
   * took stored events/s from ~31,000 to ~11,000; `panorama identity rebuild` gives the same tables.
   */
  liveIdentity: boolean;
  /**
   * Which sources a trait is taken from first (PANORAMA_TRAIT_SOURCES, e.g.
   * `email=crm-hubspot,site-web;*=crm-hubspot`); otherwise the latest value wins.
   */
  traitSources: Record<string, string[]>;
  /**
   * Stitching rules and identifier settings, from the JSON file PANORAMA_IDENTITY_RULES names,
   * else `identity.json` in the data directory if there is one, else the defaults.
   */
  identity: IdentityRules;
  /** How often customers are valued again when events arrived (PANORAMA_VALUE_REFRESH_MINUTES; 0: only on demand). */
  valueRefreshMinutes: number;
  /**
   * Serve customer views from a cache kept in LMDB beside the database (PANORAMA_VIEW_CACHE=on, the
   * default; off reads DuckDB on every request). It is a copy, rebuilt from the database when needed.
   */
  viewCache: boolean;
  /**
   * How events map to touchpoints and journey stages, from the JSON file PANORAMA_TOUCHPOINTS
   * names, else `touchpoints.json` in the data directory if there is one, else the defaults.
   */
  touchpoints: TouchpointMapping;
}

export function readSettings(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Settings> = {},
): Settings {
  const dataDir = resolve(overrides.dataDir ?? env.PANORAMA_DATA ?? './panorama-data');
  return {
    dataDir,
    port: overrides.port ?? numberFrom(env.PANORAMA_PORT, 'PANORAMA_PORT', 8080),
    host: overrides.host ?? env.PANORAMA_HOST ?? '127.0.0.1',
    workspaceId: overrides.workspaceId ?? env.PANORAMA_WORKSPACE ?? 'default',
    dedupWindowDays: atLeast(
      7,
      overrides.dedupWindowDays ??
        numberFrom(env.PANORAMA_DEDUP_WINDOW_DAYS, 'PANORAMA_DEDUP_WINDOW_DAYS', 7),
      'PANORAMA_DEDUP_WINDOW_DAYS',
    ),
    maxPendingEvents:
      overrides.maxPendingEvents ??
      numberFrom(env.PANORAMA_MAX_PENDING_EVENTS, 'PANORAMA_MAX_PENDING_EVENTS', 100_000),
    maxEventsPerWrite:
      overrides.maxEventsPerWrite ??
      numberFrom(env.PANORAMA_MAX_EVENTS_PER_WRITE, 'PANORAMA_MAX_EVENTS_PER_WRITE', 20_000),
    liveIdentity: overrides.liveIdentity ?? flagFrom(env.PANORAMA_LIVE_IDENTITY, 'PANORAMA_LIVE_IDENTITY'),
    traitSources: overrides.traitSources ?? traitSourcesFrom(env.PANORAMA_TRAIT_SOURCES),
    valueRefreshMinutes:
      overrides.valueRefreshMinutes ??
      (env.PANORAMA_VALUE_REFRESH_MINUTES === '0'
        ? 0
        : numberFrom(env.PANORAMA_VALUE_REFRESH_MINUTES, 'PANORAMA_VALUE_REFRESH_MINUTES', 60)),
    viewCache:
      overrides.viewCache ??
      (env.PANORAMA_VIEW_CACHE ? flagFrom(env.PANORAMA_VIEW_CACHE, 'PANORAMA_VIEW_CACHE') : true),
    identity:
      overrides.identity ??
      (env.PANORAMA_IDENTITY_RULES
        ? readIdentityRules(resolve(env.PANORAMA_IDENTITY_RULES), true)
        : readIdentityRules(join(dataDir, 'identity.json'))),
    touchpoints:
      overrides.touchpoints ??
      (env.PANORAMA_TOUCHPOINTS
        ? readTouchpointMapping(resolve(env.PANORAMA_TOUCHPOINTS), true)
        : readTouchpointMapping(join(dataDir, 'touchpoints.json'))),
  };
}

/** `trait=source,source;trait=source` into { trait: [source, source] }. */
function traitSourcesFrom(raw: string | undefined): Record<string, string[]> {
  const priorities: Record<string, string[]> = {};
  for (const entry of (raw ?? '').split(';')) {
    if (entry.trim() === '') continue;
    const [trait, sources] = entry.split('=');
    const list = (sources ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!trait?.trim() || list.length === 0) {
      throw new Error(
        `PANORAMA_TRAIT_SOURCES must read trait=source,source;… (e.g. email=crm,site-web;*=crm), got "${entry}".`,
      );
    }
    priorities[trait.trim()] = list;
  }
  return priorities;
}

function numberFrom(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}".`);
  return value;
}

function flagFrom(raw: string | undefined, name: string): boolean {
  if (raw === undefined || raw === '') return false;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be on or off (true or false), got "${raw}".`);
}

/** Retried messages must be recognised for at least a week: shorter windows are refused. */
function atLeast(minimum: number, value: number, name: string): number {
  if (value < minimum) throw new Error(`${name} must be at least ${minimum}, got ${value}.`);
  return value;
}
