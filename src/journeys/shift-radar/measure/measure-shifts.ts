/**
 * Measures the periods of every shift at once: four statements per batch of breakdowns, whatever the
 * number of shifts, read back into one list of measured breakdowns per shift.
 * @module
 */
import type { Store } from '../../../store/port.ts';
import type { SqlStatement } from '../../sql/dialect.ts';
import type { MeasuredBreakdown } from '../findings/measured.ts';
import { selectSeries } from '../series/catalogue.ts';
import { ALL, type NamedBreakdown } from './batch-parts.ts';
import {
  channelTableByPeriod,
  customersBySeries,
  distributionsByPeriod,
  transitionsByPeriod,
} from './period-sql.ts';
import type { ComparedPeriods } from './periods.ts';
import {
  type CellFacts,
  type DistributionRow,
  type MeasurementsOf,
  readByShift,
  readCellFacts,
  readDistributions,
  readSeriesCustomers,
  readTransitions,
  type SeriesCustomers,
  type TransitionRow,
} from './read-measurements.ts';

/** What is measured: the periods of each shift, the breakdowns (none: `all`), values and series. */
export interface ShiftMeasurement {
  periods: readonly ComparedPeriods[];
  breakdowns: readonly NamedBreakdown[];
  values?: SqlStatement;
  /** The series selected; the customers of their count series are measured when there are any. */
  series?: readonly string[];
  /** When the data begins: the customer bases look no further back (see `MeasureQuery.historyFrom`). */
  historyFrom?: number;
}

/** The rows of one batch's statements, by shift and breakdown. */
interface BatchRows {
  facts: MeasurementsOf<CellFacts>;
  transitions: MeasurementsOf<TransitionRow>;
  distributions: MeasurementsOf<DistributionRow>;
  seriesCustomers: MeasurementsOf<SeriesCustomers>;
}

/**
 * Groups breakdowns, in order, into batches whose statements can share one statement: those whose
 * parameters of the same name have the same value (two traits both bind the trait's name, so they are
 * measured apart).
 *
 * @example
 * batchBreakdowns([segment, valueTier, traitCity, traitCountry]) // [[segment, valueTier, traitCity], [traitCountry]]
 */
export function batchBreakdowns(breakdowns: readonly NamedBreakdown[]): NamedBreakdown[][] {
  const batches: { params: Map<string, unknown>; members: NamedBreakdown[] }[] = [];
  for (const b of breakdowns) {
    const entries = Object.entries(b.statement.params);
    const batch = batches.find(({ params }) =>
      entries.every(([k, v]) => !params.has(k) || params.get(k) === v),
    );
    if (batch) {
      batch.members.push(b);
      for (const [k, v] of entries) batch.params.set(k, v);
    } else batches.push({ params: new Map(entries), members: [b] });
  }
  return batches.map((b) => b.members);
}

/**
 * Runs the measurement statements for every shift and answers, per shift (in the order of `periods`),
 * its measured breakdowns in the order given (`all` alone without breakdowns).
 */
export async function measureShifts(
  db: Pick<Store, 'dialect' | 'query'>,
  source: SqlStatement,
  what: ShiftMeasurement,
): Promise<MeasuredBreakdown[][]> {
  if (what.periods.length === 0) return [];
  const run = async (statement: SqlStatement) => db.query(statement.sql, statement.params);
  const counts = selectSeries(what.series).some((s) => s.perCustomer);
  const batches = what.breakdowns.length > 0 ? batchBreakdowns(what.breakdowns) : [[]];
  const read = new Map<string, BatchRows>();
  const names: string[] = [];
  for (const batch of batches) {
    const query = {
      periods: what.periods,
      breakdowns: batch,
      values: what.values,
      historyFrom: what.historyFrom,
    };
    const measured: BatchRows = {
      facts: readByShift(await run(channelTableByPeriod(source, query, db.dialect)), readCellFacts),
      transitions: readByShift(await run(transitionsByPeriod(source, query, db.dialect)), readTransitions),
      distributions: readByShift(
        await run(distributionsByPeriod(source, query, db.dialect)),
        readDistributions,
      ),
      seriesCustomers: counts
        ? readByShift(
            await run(customersBySeries(source, query, what.series, db.dialect)),
            readSeriesCustomers,
          )
        : () => [],
    };
    for (const name of batch.length > 0 ? batch.map((b) => b.name) : [ALL]) {
      names.push(name);
      read.set(name, measured);
    }
  }
  return what.periods.map((_, shift) =>
    names.map((breakdown) => {
      const m = read.get(breakdown);
      return {
        breakdown,
        facts: m ? m.facts(shift, breakdown) : [],
        transitions: m ? m.transitions(shift, breakdown) : [],
        distributions: m ? m.distributions(shift, breakdown) : [],
        seriesCustomers: m ? m.seriesCustomers(shift, breakdown) : [],
      };
    }),
  );
}
