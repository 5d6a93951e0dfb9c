import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command } from 'commander';
import { type ImportProgress, type ImportSummary, importFile } from '../collect/import/import-file.ts';
import { type ImportKind, importKinds, isImportKind } from '../collect/import/kinds.ts';
import { readSettings } from '../config.ts';
import { PanoramaError } from '../errors.ts';
import { startWriter } from '../server/app.ts';
import { withData } from './options.ts';
import { progress } from './progress.ts';
import { definedOnly } from './serve-command.ts';
import { withStore } from './sources-command.ts';

interface ImportCliOptions {
  source: string;
  kind: ImportKind;
  mapping?: string;
  rejects?: string;
  data?: string;
}

export function importCommand(): Command {
  return withData(new Command('import'))
    .description('import a CSV or JSONL file (orders, contacts, tickets, survey answers, reviews, mentions)')
    .argument('<file>', 'a .csv/.tsv (delimiter , ; or tab) or .jsonl/.ndjson file')
    .requiredOption('--source <name>', 'the source the file comes from (see `panorama sources list`)')
    .requiredOption('--kind <kind>', `what the file holds: ${importKinds.join(', ')}`, importKind)
    .option(
      '--mapping <file>',
      'JSON file { "<panorama field>": "<file column>" } overriding the detected mapping',
    )
    .option('--rejects <file>', 'where refused lines go (default: <file>.rejects.csv)')
    .action(async (file: string, options: ImportCliOptions) =>
      withStore(options.data, async (store, workspaceId) => {
        const source = await store.sources.findByName(workspaceId, options.source);
        if (!source) {
          throw new PanoramaError(
            'sources.not_found',
            `No source named "${options.source}". Create it with: panorama sources create --name "${options.source}" --channel <channel>`,
          );
        }
        const writer = await startWriter(
          store,
          readSettings(process.env, definedOnly({ data: options.data })),
        );
        const bar = progress(
          `Importing ${basename(file)}`,
          (await stat(file).catch(() => ({ size: 0 }))).size,
          {
            unit: 'bytes',
          },
        );
        try {
          const summary = await importFile({
            file,
            kind: options.kind,
            source,
            writer,
            mappingFile: options.mapping,
            rejectsFile: options.rejects,
            onProgress: (p: ImportProgress) => bar.update(p.bytesRead),
          });
          bar.stop();
          process.stdout.write(describe(summary, source.name));
        } finally {
          bar.stop();
        }
      }),
    );
}

function importKind(raw: string): ImportKind {
  if (!isImportKind(raw)) {
    throw new PanoramaError(
      'cli.invalid_option',
      `--kind must be one of ${importKinds.join(', ')}; got "${raw}".`,
    );
  }
  return raw;
}

function describe(s: ImportSummary, sourceName: string): string {
  const format = s.format === 'csv' ? `CSV, delimiter ${JSON.stringify(s.delimiter)}` : 'JSON Lines';
  const width = Math.max(...Object.keys(s.mapping).map((f) => f.length));
  const lines = [
    `Imported ${s.file} (${s.kind}, ${format}) into source "${sourceName}".`,
    `  read:       ${s.read}`,
    `  imported:   ${s.imported}`,
    `  duplicates: ${s.duplicates}`,
    ...(s.suppressed > 0 ? [`  suppressed: ${s.suppressed} (rows of erased people, not imported)`] : []),
    `  rejected:   ${s.rejected}${s.rejectsFile ? ` (see ${s.rejectsFile})` : ''}`,
    'Mapping (Panorama field <- file column):',
    ...Object.entries(s.mapping).map(([field, column]) => `  ${field.padEnd(width)} <- ${column}`),
  ];
  if (s.unmapped.length > 0) lines.push(`Kept as extra properties: ${s.unmapped.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
