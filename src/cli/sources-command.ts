import { Command, Option } from 'commander';
import { createSource, rotateWriteKey } from '../collect/source-directory.ts';
import { readSettings } from '../config.ts';
import { openDuckDBStore } from '../store/duckdb/duckdb-store.ts';
import type { Store } from '../store/port.ts';
import { channels } from '../store/types.ts';
import { withData } from './options.ts';
import { definedOnly } from './serve-command.ts';

export function sourcesCommand(): Command {
  const sources = new Command('sources').description('create, list and rotate the write keys of sources');
  sources.addCommand(
    withData(new Command('create'))
      .description('create a source and print its write key')
      .requiredOption('--name <name>', 'a name people recognise, e.g. "site-web"')
      .addOption(
        new Option('--channel <channel>', 'the channel it belongs to')
          .choices(channels)
          .makeOptionMandatory(),
      )
      .action(async (options: { name: string; channel: string; data?: string }) =>
        withStore(options.data, async (store, workspace) => {
          const source = await createSource(store, workspace, options.name, options.channel);
          process.stdout.write(
            `Created source "${source.name}" (${source.channel}).\nWrite key: ${source.writeKey}\n`,
          );
        }),
      ),
  );
  sources.addCommand(
    withData(new Command('list'))
      .description('list the sources with their channel and write key')
      .option('--json', 'print JSON')
      .action(async (options: { json?: boolean; data?: string }) =>
        withStore(options.data, async (store, workspace) => {
          const list = await store.sources.list(workspace);
          if (options.json) {
            process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
            return;
          }
          if (list.length === 0)
            process.stdout.write('No sources yet: create one with `panorama sources create`.\n');
          for (const s of list)
            process.stdout.write(`${s.name.padEnd(24)} ${s.channel.padEnd(12)} ${s.writeKey}\n`);
        }),
      ),
  );
  sources.addCommand(
    withData(new Command('rotate'))
      .description('give a source a new write key (the old one stops working)')
      .requiredOption('--name <name>', 'the source to rotate')
      .action(async (options: { name: string; data?: string }) =>
        withStore(options.data, async (store, workspace) => {
          const source = await rotateWriteKey(store, workspace, options.name);
          process.stdout.write(`New write key for "${source.name}": ${source.writeKey}\n`);
        }),
      ),
  );
  return sources;
}

/** Opens the data directory's store for one command and always closes it. */
export async function withStore<T>(
  data: string | undefined,
  work: (store: Store, workspaceId: string) => Promise<T>,
): Promise<T> {
  const settings = readSettings(process.env, definedOnly({ data }));
  const store = await openDuckDBStore(settings.dataDir);
  try {
    return await work(store, settings.workspaceId);
  } finally {
    await store.close();
  }
}
