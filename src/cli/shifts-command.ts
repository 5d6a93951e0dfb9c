import { Command, Option } from 'commander';
import { readSettings } from '../config.ts';
import { PanoramaError } from '../errors.ts';
import { radar } from '../journeys/analyses/index.ts';
import type { Finding, ShiftRadarReport } from '../journeys/shift-radar/index.ts';
import { baseDefinition, withFlags } from './journeys/definition-flags.ts';
import { positiveInteger, withData } from './options.ts';
import { definedOnly } from './serve-command.ts';
import { withStore } from './sources-command.ts';

interface ShiftsOptions {
  data?: string;
  definition?: string;
  from?: string;
  to?: string;
  before?: string;
  after?: string;
  window?: number;
  all?: boolean;
  limit: number;
  lang: 'en' | 'fr';
  json?: boolean;
}

/** `2026-01-05..2026-02-02` → a period. */
function periodOf(flag: string, text: string): { from: string; to: string } {
  const match = /^(\S+)\.\.(\S+)$/.exec(text);
  if (!match)
    throw new PanoramaError(
      'cli.invalid_option',
      `${flag} must look like 2026-01-05..2026-02-02; got "${text}".`,
    );
  return { from: match[1] as string, to: match[2] as string };
}

const money = (value: number) => `${Math.round(value).toLocaleString('en-US')} €`;
const pValue = (p: number) => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));

function describeFinding(finding: Finding, rank: number, lang: 'en' | 'fr'): string[] {
  const most = finding.segmentsMostAffected
    .slice(0, 3)
    .map((c) => `${c.breakdown} ${c.cell} (${Math.round(c.moved * 100)} % of ${c.customers} moved)`)
    .join(', ');
  return [
    `${String(rank).padStart(3)}. since ${finding.since.slice(0, 10)}  ${finding.summary[lang]}`,
    `     ${finding.effectName} ${finding.effectSize.toFixed(3)}, p ${pValue(finding.pValue)}${finding.posteriorProbability === undefined ? '' : `, posterior ${finding.posteriorProbability.toFixed(3)}`}; value at stake ${money(finding.valueAtStake)} (${finding.valueBasis.replaceAll('_', ' ')})${finding.material ? '' : ` — not material: ${finding.reason.replaceAll('_', ' ')}`}`,
    ...(most ? [`     most affected: ${most}`] : []),
  ];
}

/** The report as a to-do list: the shifts, then the findings, biggest value at stake first. */
export function describeShifts(
  report: ShiftRadarReport,
  options: Pick<ShiftsOptions, 'all' | 'limit' | 'lang'>,
): string {
  const shown = report.findings.filter((f) => options.all || f.material).slice(0, options.limit);
  const material = report.findings.filter((f) => f.material).length;
  const lines = [
    `Shift radar over ${report.range.from.slice(0, 10)} … ${report.range.to.slice(0, 10)} (penalty ${report.penalty}):`,
    report.shifts.length === 0
      ? '  no shift found'
      : `  shifts: ${report.shifts.map((s) => `${s.date.slice(0, 10)} (${s.seriesCount} series)`).join(', ')}`,
    ...(report.pulses.length > 0
      ? [`  pulses set aside (undone within weeks): ${report.pulses.length}`]
      : []),
    `${material} material finding${material === 1 ? '' : 's'} of ${report.findings.length}${options.all ? '' : ' (--all shows every one)'}, biggest value at stake first:`,
    ...shown.flatMap((f, i) => describeFinding(f, i + 1, options.lang)),
  ];
  return `${lines.join('\n')}\n`;
}

/** `panorama shifts`: the shift radar's ranked findings. */
export function shiftsCommand(): Command {
  return withData(new Command('shifts'))
    .description(
      'when customer behaviour shifted, what changed, for whom, and the value at stake, biggest first',
    )
    .option('--definition <json>', 'the radar definition as JSON, or @file.json (flags add to it)')
    .option('--from <date>', 'start of the history searched (YYYY-MM-DD)')
    .option('--to <date>', 'end of the history searched (YYYY-MM-DD, exclusive)')
    .option('--before <from..to>', 'compare this period…')
    .option('--after <from..to>', '…with this one, instead of either side of each shift found')
    .option(
      '--window <days>',
      'days compared on each side of a shift (default 28)',
      positiveInteger('--window'),
    )
    .option('--all', 'list the findings that do not pass the thresholds too')
    .option('--limit <n>', 'findings listed (default 20)', positiveInteger('--limit'), 20)
    .addOption(new Option('--lang <lang>', 'language of the summaries').choices(['en', 'fr']).default('en'))
    .option('--json', 'print the whole report as JSON (change dates, effect sizes, values at stake)')
    .action(async (options: ShiftsOptions) => {
      if ((options.from === undefined) !== (options.to === undefined)) {
        throw new PanoramaError('cli.invalid_option', '--from and --to go together.');
      }
      if ((options.before === undefined) !== (options.after === undefined)) {
        throw new PanoramaError('cli.invalid_option', '--before and --after go together.');
      }
      const definition = withFlags(baseDefinition(options.definition), {
        range: options.from ? { from: options.from, to: options.to } : undefined,
        periods:
          options.before && options.after
            ? { before: periodOf('--before', options.before), after: periodOf('--after', options.after) }
            : undefined,
        windowDays: options.window,
      });
      const settings = readSettings(process.env, definedOnly({ data: options.data }));
      const done = await withStore(options.data, (store, workspaceId) =>
        radar({ store, workspaceId, mapping: settings.touchpoints }, definition),
      );
      process.stdout.write(
        options.json ? `${JSON.stringify(done, null, 2)}\n` : describeShifts(done.report, options),
      );
    });
}
