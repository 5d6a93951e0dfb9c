import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { withData } from './options.ts';
import { withStore } from './sources-command.ts';

export function exportCommand(): Command {
  return withData(new Command('export'))
    .description('write every stored event to a Parquet or CSV file')
    .addOption(new Option('--format <format>', 'file format').choices(['parquet', 'csv']).default('parquet'))
    .requiredOption('--output <file>', 'file to write')
    .action(async (options: { format: 'parquet' | 'csv'; output: string; data?: string }) =>
      withStore(options.data, async (store) => {
        const path = resolve(options.output);
        const count = await store.events.exportTo(path, options.format);
        process.stdout.write(`Exported ${count} events to ${path} (${options.format}).\n`);
      }),
    );
}
