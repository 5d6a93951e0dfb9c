import { Command } from 'commander';
import { createApiKey } from '../access/api-keys.ts';
import { readSettings } from '../config.ts';
import { type DemoOptions, resolveDemoOptions } from '../demo/index.ts';
import { PanoramaError } from '../errors.ts';
import { loadDemo } from './demo/load-demo.ts';
import { type DemoManifest, readManifest } from './demo/manifest.ts';
import { port, positiveInteger, withData } from './options.ts';
import { definedOnly, type RunningServer, startServer } from './serve-command.ts';

interface DemoCommandOptions {
  customers?: number;
  seed?: number;
  shiftDate?: Date;
  serve: boolean;
  port?: number;
  host?: string;
  data?: string;
}

export function demoCommand(): Command {
  return withData(new Command('demo'))
    .description(
      'load the demo business (Maison Lumière) through the public API and importers, then serve it',
    )
    .option('--customers <n>', 'number of simulated customers (default 5000)', positiveInteger('--customers'))
    .option('--seed <s>', 'seed of the simulation (default 42)', integer)
    .option('--shift-date <date>', 'date of the behaviour shift, YYYY-MM-DD (default: 240 days ago)', day)
    .option('--no-serve', 'only load the data, then stop')
    .option('--port <port>', 'port to listen on (default: $PANORAMA_PORT or 8080)', port)
    .option('--host <host>', 'address to listen on (default: 127.0.0.1)')
    .action(async (options: DemoCommandOptions) => {
      const requested = resolveDemoOptions(
        definedOnly({ customers: options.customers, seed: options.seed, shiftDate: options.shiftDate }),
      );
      checkShiftInPeriod(requested);
      const serverOptions = definedOnly({ data: options.data, port: options.port, host: options.host });
      // Loading only: let the system pick a free port unless one was asked for.
      const settings = readSettings(process.env, { port: options.serve ? undefined : 0, ...serverOptions });
      const loaded = await readManifest(settings.dataDir);
      if (loaded) checkSameDemo(loaded, requested, options, settings.dataDir);

      const server = await startServer(settings);
      try {
        if (loaded) {
          process.stdout.write(
            `The demo business is already loaded in ${settings.dataDir} (${loaded.loadedAt}).\n`,
          );
        } else {
          process.stdout.write(
            `Loading the demo business: ${requested.customers.toLocaleString('en')} customers, ` +
              `seed ${requested.seed}, shift on ${isoDay(requested.shiftDate)}…\n`,
          );
          printSummary(await loadDemo(server, server.url, settings.dataDir, settings.workspaceId, requested));
          const { secret } = await createApiKey(server.store, settings.workspaceId, 'demo-admin', 'admin');
          process.stdout.write(`API key "demo-admin" (admin role; shown only now): ${secret}\n`);
        }
      } catch (error) {
        await server.stop();
        throw error;
      }
      if (!options.serve) {
        await server.stop();
        process.stdout.write(
          `Data kept in ${settings.dataDir}. Start it with: panorama serve --data ${settings.dataDir}\n`,
        );
        return;
      }
      await printWelcome(server);
    });
}

function checkSameDemo(loaded: DemoManifest, requested: DemoOptions, asked: DemoCommandOptions, dir: string) {
  const differs =
    (asked.customers !== undefined && asked.customers !== loaded.customers) ||
    (asked.seed !== undefined && asked.seed !== loaded.seed) ||
    (asked.shiftDate !== undefined && isoDay(requested.shiftDate) !== loaded.shiftDate);
  if (differs) {
    throw new PanoramaError(
      'demo.already_loaded',
      `${dir} already holds the demo loaded with ${loaded.customers} customers, seed ${loaded.seed}, ` +
        `shift on ${loaded.shiftDate}. Use another --data directory, or remove this one first.`,
    );
  }
}

/** The shift must fall inside the simulated history, or the data would not show it. */
function checkShiftInPeriod(options: DemoOptions): void {
  const start = new Date(options.end.getTime() - options.days * 86_400_000);
  if (options.shiftDate <= start || options.shiftDate >= options.end) {
    throw new PanoramaError(
      'cli.invalid_option',
      `--shift-date must fall inside the simulated history, between ${isoDay(start)} and ${isoDay(options.end)}; ` +
        `got ${isoDay(options.shiftDate)}.`,
    );
  }
}

function printSummary(manifest: DemoManifest): void {
  const lines = ['Loaded:'];
  for (const api of manifest.api) {
    lines.push(`  ${api.source.padEnd(20)} ${String(api.accepted).padStart(9)} events via the HTTP API`);
  }
  for (const file of manifest.imports) {
    lines.push(
      `  ${file.source.padEnd(20)} ${String(file.imported).padStart(9)} ${file.kind} imported from CSV`,
    );
  }
  lines.push(`Recognised ${manifest.profiles.toLocaleString('en')} customer profiles across channels.`);
  lines.push(`Ground truth (kept apart from the data): ${manifest.groundTruth}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function printWelcome(server: RunningServer): Promise<void> {
  const sources = await server.store.sources.list(server.settings.workspaceId);
  const web = sources.find((source) => source.name === 'site-web');
  const key = web?.writeKey ?? 'WRITE_KEY';
  process.stdout.write(
    [
      '',
      'Sources and their write keys:',
      ...sources.map((s) => `  ${s.name.padEnd(20)} ${s.channel.padEnd(12)} ${s.writeKey}`),
      '',
      `Panorama is running at ${server.url}`,
      `Write key of "site-web": ${key}`,
      `Try: curl -u '${key}:' -H 'content-type: application/json' ${server.url}/v1/track \\`,
      `       -d '{"userId":"u1","event":"Order Completed","properties":{"revenue":42.5}}'`,
      `Sources over the JSON API: curl -H 'Authorization: Bearer <API key>' ${server.url}/api/v1/sources`,
      'Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );
}

function integer(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value)) {
    throw new PanoramaError('cli.invalid_option', `--seed must be a whole number, got "${raw}".`);
  }
  return value;
}

function day(raw: string): Date {
  const date = new Date(`${raw}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(date.getTime())) {
    throw new PanoramaError(
      'cli.invalid_option',
      `--shift-date must be a date like 2026-03-16, got "${raw}".`,
    );
  }
  return date;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
