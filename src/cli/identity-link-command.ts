import { Command } from 'commander';
import { readSettings, type Settings } from '../config.ts';
import { PanoramaError } from '../errors.ts';
import {
  decideReview,
  type LinkProfiles,
  matchProfiles,
  type ProfileMatchingResult,
} from '../identity/profile-matching/index.ts';
import { identityConfigOf } from '../identity/rules-file.ts';
import { IdentityService } from '../identity/service.ts';
import { refreshProfiles } from '../profiles/index.ts';
import type { Store } from '../store/port.ts';
import type { MatchReviewRow } from '../store/types.ts';
import { positiveInteger, probability, withData } from './options.ts';
import { definedOnly } from './serve-command.ts';
import { withStore } from './sources-command.ts';

/** Runs work with an identity service built from the store for the occasion, profiles kept fresh. */
function withIdentity<T>(
  store: Store,
  settings: Settings,
  work: (link: LinkProfiles) => Promise<T>,
): Promise<T> {
  const options = {
    ...identityConfigOf(settings.identity),
    onPersisted: (workspaceId: string, changed: 'all' | readonly string[]) =>
      refreshProfiles(store, workspaceId, changed, settings.traitSources),
  };
  return IdentityService.once(store, options, (service) =>
    work((links) => service.linkAll(settings.workspaceId, links)),
  );
}

interface LinkCliOptions {
  data?: string;
  linkAbove: number;
  reviewAbove: number;
  dryRun?: boolean;
  json?: boolean;
}

/** `panorama identity link-profiles`: probabilistic matching over the stored profiles. */
export function identityLinkCommand(): Command {
  return withData(new Command('link-profiles'))
    .description(
      'compare the stored profiles that share no identifier (names, birth date, postcode, e-mail, phone): ' +
        'link the sure pairs, queue the doubtful ones for review',
    )
    .option(
      '--link-above <p>',
      'link pairs at or above this match probability',
      probability('--link-above'),
      0.95,
    )
    .option('--review-above <p>', 'queue pairs from this probability up', probability('--review-above'), 0.5)
    .option('--dry-run', 'score and report, link and queue nothing')
    .option('--json', 'print the result as JSON')
    .action((options: LinkCliOptions) =>
      withStore(options.data, async (store) => {
        const settings = readSettings(process.env, definedOnly({ data: options.data }));
        const started = Date.now();
        const result = await withIdentity(store, settings, (link) =>
          matchProfiles(store, link, {
            workspaceId: settings.workspaceId,
            linkAbove: options.linkAbove,
            reviewAbove: options.reviewAbove,
            dryRun: options.dryRun === true,
            onProgress: (step, detail) =>
              process.stderr.write(
                `${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${step}${detail ? `: ${detail}` : ''}\n`,
              ),
          }),
        );
        process.stdout.write(
          options.json ? `${JSON.stringify(result, null, 2)}\n` : describe(result, options),
        );
      }),
    );
}

function describe(result: ProfileMatchingResult, options: LinkCliOptions): string {
  const verb = options.dryRun ? 'would be' : 'were';
  return `${[
    `Compared ${result.records} profiles on ${result.fields.join(', ') || 'no field'}.`,
    `  candidate pairs:   ${result.candidatePairs}`,
    `  linked:            ${result.linked.length} (match probability >= ${options.linkAbove}; ${result.linked.length} pairs ${verb} linked)`,
    `  queued for review: ${result.proposed} (from ${options.reviewAbove}; see \`panorama identity reviews\`)`,
    `  left alone:        ${result.skipped.decided} decided by an operator, ${result.skipped.userIds} with two user ids, ${result.skipped.refused} refused by the rules`,
  ].join('\n')}\n`;
}

/** `panorama identity reviews` and `panorama identity review <id>`: the operator's queue. */
export function identityReviewCommands(): Command[] {
  const list = withData(new Command('reviews'))
    .description('list the pairs of profiles waiting for an operator (most likely first)')
    .option('--status <status>', 'pending, accepted or rejected', 'pending')
    .option('--limit <n>', 'at most this many', positiveInteger('--limit'), 20)
    .option('--json', 'print the pairs as JSON')
    .action((options: { data?: string; status: string; limit: number; json?: boolean }) =>
      withStore(options.data, async (store) => {
        if (!['pending', 'accepted', 'rejected'].includes(options.status)) {
          throw new PanoramaError('cli.invalid_option', `--status must be pending, accepted or rejected.`);
        }
        const settings = readSettings(process.env, definedOnly({ data: options.data }));
        const reviews = await store.matching.reviews(settings.workspaceId, {
          status: options.status as MatchReviewRow['status'],
          limit: options.limit,
        });
        process.stdout.write(
          options.json
            ? `${JSON.stringify(reviews, null, 2)}\n`
            : reviews.map(describeReview).join('\n') || 'No pair.\n',
        );
      }),
    );
  const decide = withData(new Command('review'))
    .description('accept (link the two profiles) or reject (keep them apart for good) a pair in the queue')
    .argument('<review-id>', 'the pair, as `panorama identity reviews` lists it')
    .option('--accept', 'the two profiles are the same person: link them')
    .option('--reject', 'they are not: never propose or link them again')
    .requiredOption('--by <who>', 'who decides (kept with the decision)')
    .option('--reason <text>', 'why')
    .action(
      (
        reviewId: string,
        options: { data?: string; accept?: boolean; reject?: boolean; by: string; reason?: string },
      ) =>
        withStore(options.data, async (store) => {
          if (options.accept === options.reject) {
            throw new PanoramaError('cli.invalid_option', 'Give either --accept or --reject.');
          }
          const settings = readSettings(process.env, definedOnly({ data: options.data }));
          const decided = await withIdentity(store, settings, (link) =>
            decideReview(store, link, settings.workspaceId, reviewId, {
              accept: options.accept === true,
              by: options.by,
              ...(options.reason === undefined ? {} : { reason: options.reason }),
            }),
          );
          const merged = decided.merge ? ` (merge ${decided.merge.id} into ${decided.merge.into})` : '';
          process.stdout.write(`Pair ${reviewId} ${decided.review.status}${merged}.\n`);
        }),
    );
  return [list, decide];
}

function describeReview(review: MatchReviewRow): string {
  const side = (i: 0 | 1) => {
    const first = review.sides[i].identifiers[0];
    return first ? `${first.type}:${first.value}` : review.sides[i].profileId;
  };
  const rows = review.explanation.map((field) => {
    const value = (v: unknown) => (v === null ? '—' : String(v));
    return `    ${String(field.field).padEnd(14)} ${value(field.left).padEnd(32)} ${value(field.right).padEnd(32)} ${String(field.level).padEnd(26)} ${Number(field.weight) >= 0 ? '+' : ''}${Number(field.weight).toFixed(2)}`;
  });
  return `${[
    `${review.reviewId}  p=${review.probability.toFixed(4)}  ${review.status}${review.decidedBy ? ` by ${review.decidedBy}` : ''}`,
    `  ${side(0)}  ↔  ${side(1)}`,
    ...rows,
  ].join('\n')}\n`;
}
