import { join } from 'node:path';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { EventWriter } from '../collect/event-writer.ts';
import { collectRoutes } from '../collect/http.ts';
import { SourceDirectory } from '../collect/source-directory.ts';
import type { Settings } from '../config.ts';
import type { LinkProfiles } from '../identity/profile-matching/index.ts';
import { identityConfigOf } from '../identity/rules-file.ts';
import { IdentityService } from '../identity/service.ts';
import type { ProfilesChanged } from '../identity/store/index.ts';
import { SuppressionList } from '../identity/suppression.ts';
import { CustomerViewCache, eraseCustomer, refreshProfiles, storeViews } from '../profiles/index.ts';
import type { Store } from '../store/port.ts';
import { viewCacheDirName } from '../store/view-cache.ts';
import { replyWithError } from './error-reply.ts';
import { importsRoutes } from './imports-routes.ts';
import { journeysRoutes } from './journeys-routes.ts';
import { matchingRoutes } from './matching-routes.ts';
import { privacyRoutes } from './privacy-routes.ts';
import { profilesRoutes } from './profiles-routes.ts';
import { sourcesRoutes } from './sources-routes.ts';
import { valueRoutes } from './value-routes.ts';
import { scheduleCustomerValues } from './value-schedule.ts';

export interface Panorama {
  app: FastifyInstance;
  store: Store;
  writer: EventWriter;
  sources: SourceDirectory;
  settings: Settings;
  /** Values the customers now (it also runs on a schedule). */
  valueCustomers: () => Promise<void>;
  /** Links pairs of profiles (probabilistic matching's and review decisions), live or not. */
  linkProfiles: LinkProfiles;
  /** Live identity stitching, when `settings.liveIdentity` is on. */
  identity: IdentityService | undefined;
  /** The customer views served from LMDB, when `settings.viewCache` is on. */
  viewCache: CustomerViewCache | undefined;
}

const day = 86_400_000;

/**
 * The group-commit writer every way in (HTTP API, importers) shares, set up from the settings;
 * it turns away the events of erased people.
 */
export async function startWriter(
  store: Store,
  settings: Settings,
  now?: () => number,
  suppression?: SuppressionList,
): Promise<EventWriter> {
  return EventWriter.start(store, {
    dedupWindowMs: settings.dedupWindowDays * day,
    maxPendingEvents: settings.maxPendingEvents,
    maxEventsPerWrite: settings.maxEventsPerWrite,
    now,
    suppression:
      suppression ?? (await SuppressionList.load(store, identityConfigOf(settings.identity).settingsFor)),
  });
}

/**
 * Wires the modules to their HTTP routes. The store is opened and closed by the caller; the view
 * cache beside it (`settings.viewCache`) is opened here and closed with the app. Everything here
 * writes through `store` as the view cache watches it.
 */
export async function buildApp(
  opened: Store,
  settings: Settings,
  options: { logger?: boolean; now?: () => number } = {},
): Promise<Panorama> {
  const app = Fastify({ logger: options.logger ? { level: 'warn' } : false, trustProxy: true });
  const viewCache = settings.viewCache ? await startViewCache(opened, settings, app) : undefined;
  const store = viewCache?.store ?? opened;
  const identityConfig = identityConfigOf(settings.identity);
  const suppression = await SuppressionList.load(store, identityConfig.settingsFor);
  const writer = await startWriter(store, settings, options.now, suppression);
  const sources = new SourceDirectory(store);
  // Listening before the graph is built: events stored meanwhile wait for it, none is missed.
  const identityOptions = {
    ...identityConfig,
    log: (message: string, err: unknown) => app.log.error({ err }, message),
    onPersisted: (workspaceId: string, changed: ProfilesChanged) =>
      refreshProfiles(store, workspaceId, changed, settings.traitSources),
  };
  const identity = settings.liveIdentity ? IdentityService.start(store, identityOptions) : undefined;
  const split = (mergeId: string, request: { by: string; reason?: string }) =>
    identity
      ? identity.split(settings.workspaceId, mergeId, request)
      : IdentityService.once(store, identityOptions, (once) =>
          once.split(settings.workspaceId, mergeId, request),
        );
  const mergeProfiles = (profileA: string, profileB: string, request: { by: string; reason?: string }) =>
    identity
      ? identity.link(settings.workspaceId, profileA, profileB, request)
      : IdentityService.once(store, identityOptions, (once) =>
          once.link(settings.workspaceId, profileA, profileB, request),
        );
  if (identity) writer.onStored((events) => identity.onStored(events));
  app.setErrorHandler(replyWithError);
  await app.register(cors, { origin: true, methods: ['GET', 'POST', 'OPTIONS'] });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Panorama', version: '0.1.0', description: 'Collection and customer API of Panorama.' },
      components: {
        securitySchemes: {
          writeKey: { type: 'http', scheme: 'basic', description: 'Write key as the user name.' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (pk_…), with a role.' },
        },
      },
    },
  });
  app.get('/health', { schema: { hide: true } }, async () => ({
    status: 'ok',
    waitingEvents: writer.waitingEvents,
    viewCache: viewCache?.state ?? 'off',
  }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(async (scope) => collectRoutes(scope, { writer, sources }));
  await app.register(async (scope) =>
    sourcesRoutes(scope, { store, sources, workspaceId: settings.workspaceId }),
  );
  await app.register(async (scope) =>
    importsRoutes(scope, { store, writer, workspaceId: settings.workspaceId }),
  );
  await app.register(async (scope) =>
    profilesRoutes(scope, {
      store,
      workspaceId: settings.workspaceId,
      identifiers: settings.identity.settings,
      views: viewCache ?? storeViews(store),
      split,
      mergeProfiles,
    }),
  );
  const linkAll: LinkProfiles = (links) =>
    identity
      ? identity.linkAll(settings.workspaceId, links)
      : IdentityService.once(store, identityOptions, (once) => once.linkAll(settings.workspaceId, links));
  await app.register(async (scope) =>
    matchingRoutes(scope, { store, workspaceId: settings.workspaceId, linkAll }),
  );
  const erase = (profileId: string, request: { by: string; reason?: string }) => {
    const work = () => eraseCustomer(store, settings.workspaceId, profileId, request, suppression);
    return identity ? identity.afterRemoval(work) : work();
  };
  await app.register(async (scope) =>
    privacyRoutes(scope, { store, workspaceId: settings.workspaceId, erase }),
  );
  const values = scheduleCustomerValues(
    store,
    settings.workspaceId,
    settings.valueRefreshMinutes,
    (message, err) => app.log.error({ err }, message),
  );
  await app.register(async (scope) =>
    valueRoutes(scope, { store, workspaceId: settings.workspaceId, refresh: values.run }),
  );
  await app.register(async (scope) =>
    journeysRoutes(scope, { store, workspaceId: settings.workspaceId, mapping: settings.touchpoints }),
  );
  app.addHook('onClose', async () => {
    values.stop();
    await writer.flush();
    await identity?.stop();
    await viewCache?.close();
  });
  return {
    app,
    store,
    writer,
    sources,
    settings,
    identity,
    viewCache,
    valueCustomers: values.run,
    linkProfiles: linkAll,
  };
}

/**
 * Opens the view cache in the data directory and checks it against the store in the background.
 * Without it (LMDB cannot be loaded or opened here), views are read from the store.
 */
async function startViewCache(
  store: Store,
  settings: Settings,
  app: FastifyInstance,
): Promise<CustomerViewCache | undefined> {
  const log = app.log.child({ module: 'view-cache' }, { level: 'info' });
  try {
    // Loaded only when on: LMDB is a native module.
    const { openLmdbViewCache } = await import('../store/lmdb/view-cache.ts');
    const cache = new CustomerViewCache(store, openLmdbViewCache(join(settings.dataDir, viewCacheDirName)), {
      workspaces: [settings.workspaceId],
      log: (message) => log.info(message),
      error: (message, err) => log.error({ err }, message),
    });
    void cache.start();
    return cache;
  } catch (err) {
    log.error({ err }, 'view cache: cannot be opened; customer views are read from the database');
    return undefined;
  }
}
