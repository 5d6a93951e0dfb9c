import { Command } from 'commander';
import { readSettings } from '../config.ts';
import { analyseJourneys, type JourneyAnalysis, touchpointCatalogue } from '../journeys/analyses/index.ts';
import { baseDefinition, stepsOf, windowOf, withFlags } from './journeys/definition-flags.ts';
import {
  renderAttribution,
  renderChannelMix,
  renderDropOffs,
  renderFunnel,
  renderLifecycle,
  renderPaths,
  renderRetention,
} from './journeys/render.ts';
import { positiveInteger, withData } from './options.ts';
import { definedOnly } from './serve-command.ts';
import { withStore } from './sources-command.ts';

interface CommonOptions {
  data?: string;
  definition?: string;
  from?: string;
  to?: string;
  by?: string;
  json?: boolean;
}

type Flags = Record<string, unknown>;

/** One analysis subcommand: its own flags, read into the definition, and how its answer prints. */
interface AnalysisCommand {
  name: string;
  analysis: JourneyAnalysis;
  description: string;
  options: (command: Command) => Command;
  definition: (options: Flags) => Flags;
  render: (result: never) => string[];
}

const commands: AnalysisCommand[] = [
  {
    name: 'funnel',
    analysis: 'funnel',
    description: 'conversion through ordered, strict or any-order steps within a window from entry',
    options: (c) =>
      c
        .option(
          '--steps <steps>',
          'the steps, comma-separated: an action, or field=value (stage=buy, touchpoint=web:view_panier), alternatives with |',
        )
        .option('--order <order>', 'ordered (default), strict or any')
        .option('--window <window>', 'the conversion window from entry: 30m, 6h, 14d (default), 2w'),
    definition: (o) => ({
      steps: o.steps === undefined ? undefined : stepsOf(o.steps as string),
      order: o.order,
      window: o.window === undefined ? undefined : windowOf(o.window as string),
    }),
    render: (r) => renderFunnel(r),
  },
  {
    name: 'drop-offs',
    analysis: 'funnel-drop-offs',
    description: 'the customers who reached a funnel step and went no further',
    options: (c) =>
      c
        .option('--steps <steps>', 'the funnel steps, as for `funnel`')
        .option('--order <order>', 'ordered (default), strict or any')
        .option('--window <window>', 'the conversion window from entry (default 14d)')
        .requiredOption('--step <n>', 'the step they reached', positiveInteger('--step'))
        .option('--limit <n>', 'customers per page (default 50)', positiveInteger('--limit'))
        .option('--offset <n>', 'customers skipped (default 0)', Number),
    definition: (o) => ({
      steps: o.steps === undefined ? undefined : stepsOf(o.steps as string),
      order: o.order,
      window: o.window === undefined ? undefined : windowOf(o.window as string),
      step: o.step,
      limit: o.limit,
      offset: o.offset,
    }),
    render: (r) => renderDropOffs(r),
  },
  {
    name: 'paths',
    analysis: 'paths',
    description: 'the paths customers take, for a Sankey: from a start or to an end touchpoint',
    options: (c) =>
      c
        .option('--start <item>', 'paths from this item (e.g. web:view_accueil)')
        .option('--end <item>', 'paths to this item')
        .option('--item <kind>', 'what a step is: touchpoint (default), action, stage, channel or event')
        .option('--depth <n>', 'steps per path (default 5)', positiveInteger('--depth'))
        .option('--edges <n>', 'edges kept, heaviest first (default 50)', positiveInteger('--edges'))
        .option('--gap <minutes>', 'inactivity that ends a session (default 30)', positiveInteger('--gap')),
    definition: (o) => ({
      start: o.start,
      end: o.end,
      item: o.item,
      depth: o.depth,
      edgeLimit: o.edges,
      sessionGapMinutes: o.gap,
    }),
    render: (r) => renderPaths(r),
  },
  {
    name: 'retention',
    analysis: 'retention',
    description: 'retention of cohorts by first purchase or first contact, recurring and rolling',
    options: (c) =>
      c
        .option('--cohort <by>', 'first_purchase (default) or first_contact')
        .option('--interval <interval>', 'month (default), week or day')
        .option('--periods <n>', 'periods followed (default 12)', positiveInteger('--periods')),
    definition: (o) => ({ cohortBy: o.cohort, interval: o.interval, maxPeriods: o.periods }),
    render: (r) => renderRetention(r),
  },
  {
    name: 'lifecycle',
    analysis: 'lifecycle',
    description: 'new, returning, resurrecting and dormant customers per interval',
    options: (c) => c.option('--interval <interval>', 'week (default), day or month'),
    definition: (o) => ({ interval: o.interval }),
    render: (r) => renderLifecycle(r),
  },
  {
    name: 'channel-mix',
    analysis: 'channel-mix',
    description: 'which channels customers use per interval, counted per customer',
    options: (c) => c.option('--interval <interval>', 'week (default), day or month'),
    definition: (o) => ({ interval: o.interval }),
    render: (r) => renderChannelMix(r),
  },
  {
    name: 'attribution',
    analysis: 'attribution',
    description: 'conversions and revenue credited to channels: first, last, linear, Markov removal effect',
    options: (c) =>
      c
        .option('--item <kind>', 'channel (default) or touchpoint')
        .option('--conversion <action>', 'the action that converts (default order_completed)')
        .option(
          '--lookback <days>',
          'touches counted before a conversion (default 30)',
          positiveInteger('--lookback'),
        ),
    definition: (o) => ({ item: o.item, conversion: o.conversion, lookbackDays: o.lookback }),
    render: (r) => renderAttribution(r),
  },
];

function analysisCommand(spec: AnalysisCommand): Command {
  const command = withData(new Command(spec.name))
    .description(spec.description)
    .option('--definition <json>', 'the whole definition as JSON, or @file.json (flags add to it)')
    .option('--from <date>', 'start of the range (YYYY-MM-DD, inclusive)')
    .option('--to <date>', 'end of the range (YYYY-MM-DD, exclusive)')
    .option('--by <breakdown>', 'break down by segment, value_tier or trait:<name> (funnels also: channel)')
    .option('--json', 'print the whole result as JSON');
  return spec.options(command).action(async (options: CommonOptions & Flags) => {
    const definition = withFlags(baseDefinition(options.definition), {
      from: options.from,
      to: options.to,
      breakdown: options.by,
      ...spec.definition(options),
    });
    const settings = readSettings(process.env, definedOnly({ data: options.data }));
    const done = await withStore(options.data, (store, workspaceId) =>
      analyseJourneys(
        { store, workspaceId, mapping: settings.touchpoints, onBuild: buildNotice },
        spec.analysis,
        definition,
      ),
    );
    process.stdout.write(
      options.json
        ? `${JSON.stringify(done, null, 2)}\n`
        : `${spec.render(done.result as never).join('\n')}\n`,
    );
  });
}

function buildNotice(progress: { step: string; rows?: number; seconds?: number }): void {
  if (progress.step === 'building')
    process.stderr.write('Mapping the stored events to touchpoints and stages…\n');
  else
    process.stderr.write(
      `  ${progress.rows?.toLocaleString('en-US')} journey events ready in ${progress.seconds?.toFixed(1)} s\n`,
    );
}

/** `panorama journeys …`: each journey analysis on the stored, stitched events. */
export function journeysCommand(): Command {
  const journeys = new Command('journeys').description(
    'journeys across channels: funnels, paths, retention, lifecycle, channel mix, attribution',
  );
  journeys.addCommand(
    withData(new Command('touchpoints'))
      .description('the touchpoints of the stitched journeys, with their stage and counts')
      .option('--json', 'print the whole catalogue as JSON')
      .action(async (options: { data?: string; json?: boolean }) => {
        const settings = readSettings(process.env, definedOnly({ data: options.data }));
        const catalogue = await withStore(options.data, (store, workspaceId) =>
          touchpointCatalogue({ store, workspaceId, mapping: settings.touchpoints, onBuild: buildNotice }),
        );
        if (options.json) {
          process.stdout.write(`${JSON.stringify(catalogue, null, 2)}\n`);
          return;
        }
        const lines = catalogue.touchpoints.map(
          (t) =>
            `  ${t.touchpoint.padEnd(40)} ${(t.stage ?? '–').padEnd(14)} ${t.events.toLocaleString('en-US').padStart(10)} events ${t.profiles.toLocaleString('en-US').padStart(9)} customers`,
        );
        process.stdout.write(`${['touchpoint                               stage', ...lines].join('\n')}\n`);
      }),
  );
  for (const spec of commands) journeys.addCommand(analysisCommand(spec));
  return journeys;
}
