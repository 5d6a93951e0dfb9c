import { Command } from 'commander';
import { type MatchFilesResult, matchFiles, readMappingFile } from '../identity/matching/match-files.ts';
import { identityLinkCommand, identityReviewCommands } from './identity-link-command.ts';
import { identityRebuildCommand } from './identity-rebuild-command.ts';
import { probability } from './options.ts';

interface MatchCliOptions {
  id: string;
  output?: string;
  mapping?: string;
  threshold: number;
  reviewThreshold?: number;
}

export function identityCommand(): Command {
  const identity = new Command('identity').description('recognise the same customer across records');
  identity.addCommand(identityRebuildCommand());
  identity.addCommand(identityLinkCommand());
  for (const command of identityReviewCommands()) identity.addCommand(command);
  identity
    .command('match')
    .description('find the records that are the same person in one CSV (de-duplicate) or across two (link)')
    .argument('<file>', 'a CSV file with a header row')
    .argument('[file2]', 'a second CSV to link with the first')
    .requiredOption('--id <column>', 'the column that identifies each record (never compared)')
    .option('--output <file>', 'write the pairs, with match probability and weight, to this CSV')
    .option('--mapping <file>', 'JSON file { "<field>": "<column>" | null } overriding the detected fields')
    .option(
      '--threshold <p>',
      'link pairs at or above this match probability',
      probability('--threshold'),
      0.5,
    )
    .option(
      '--review-threshold <p>',
      'also report pairs from this probability up, for review',
      probability('--review-threshold'),
    )
    .action(async (file: string, file2: string | undefined, options: MatchCliOptions) => {
      const started = Date.now();
      const result = await matchFiles({
        files: file2 === undefined ? [file] : [file, file2],
        idColumn: options.id,
        mapping: options.mapping === undefined ? undefined : await readMappingFile(options.mapping),
        output: options.output,
        threshold: options.threshold,
        reviewThreshold: options.reviewThreshold,
        onProgress: (step, detail) =>
          process.stderr.write(
            `${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${step}${detail ? `: ${detail}` : ''}\n`,
          ),
      });
      process.stdout.write(describe(result, options));
    });
  return identity;
}

function describe(result: MatchFilesResult, options: MatchCliOptions): string {
  const linked = result.pairs.filter((p) => p.decision === 'link').length;
  const review = result.pairs.length - linked;
  const lines = [
    `${result.mode === 'link' ? 'Linked two files' : 'De-duplicated'}: fields ${result.model.fields.map((f) => f.field).join(', ')}.`,
    `  records:          ${result.records}`,
    `  candidate pairs:  ${result.candidatePairs}`,
    `  linked pairs:     ${linked} (match probability >= ${options.threshold})`,
    ...(options.reviewThreshold === undefined
      ? []
      : [`  to review:        ${review} (from ${options.reviewThreshold})`]),
    `  clusters:         ${result.clusters.length} (groups of two or more records)`,
  ];
  if (options.output) lines.push(`Pairs written to ${options.output}`);
  return `${lines.join('\n')}\n`;
}
