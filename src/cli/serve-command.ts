import { Command } from 'commander';
import { readSettings, type Settings } from '../config.ts';
import { PanoramaError } from '../errors.ts';
import { buildApp, type Panorama } from '../server/app.ts';
import { openDuckDBStore } from '../store/duckdb/duckdb-store.ts';
import type { Store } from '../store/port.ts';
import { port, withData } from './options.ts';

export function serveCommand(): Command {
  return withData(new Command('serve'))
    .description('start the Panorama server on the embedded engine')
    .option('--port <port>', 'port to listen on (default: $PANORAMA_PORT or 8080)', port)
    .option('--host <host>', 'address to listen on (default: $PANORAMA_HOST or 127.0.0.1)')
    .action(async (options: { data?: string; port?: number; host?: string }) => {
      const running = await startServer(readSettings(process.env, definedOnly(options)));
      process.stdout.write(`Panorama is listening on ${running.url} (data: ${running.settings.dataDir})\n`);
    });
}

export interface RunningServer extends Panorama {
  url: string;
  settings: Settings;
  stop: () => Promise<void>;
}

/** Opens the store, starts the HTTP server and stops both cleanly on SIGINT or SIGTERM. */
export async function startServer(settings: Settings): Promise<RunningServer> {
  const store = await openDuckDBStore(settings.dataDir);
  const panorama = await buildApp(store, settings, { logger: true });
  const url = await listen(panorama, store, settings);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await panorama.app.close();
      await store.close();
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void stop().then(() => process.exit(0));
    });
  }
  return { ...panorama, url, settings, stop };
}

async function listen(panorama: Panorama, store: Store, settings: Settings): Promise<string> {
  try {
    return await panorama.app.listen({ port: settings.port, host: settings.host });
  } catch (error) {
    await panorama.app.close();
    await store.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PanoramaError(
        'cli.port_in_use',
        `Port ${settings.port} on ${settings.host} is already in use: choose another with --port.`,
      );
    }
    throw error;
  }
}

/** Drops options the user did not give, so environment defaults apply. */
export function definedOnly<T extends Record<string, unknown>>(options: T): Partial<{ dataDir: string } & T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) out[key === 'data' ? 'dataDir' : key] = value;
  }
  return out as Partial<{ dataDir: string } & T>;
}
