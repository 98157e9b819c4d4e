/**
 * The BI views, in each dialect: the reports' columns, names from the dimension tables, and every ratio
 * recomputed from the stored sums with the reports' formulas and rounding (src/metrics/round.ts): integer
 * arithmetic on whole milliseconds and counts — round(n ÷ d) half away from zero is (2n + d) div 2d for n, d ≥ 0 —
 * then one division by 100 or 1000, so each cell equals the CLI's (float division in SQL would not: 1 ÷ 8 × 100
 * must be 12.5, and 2.5 ms must round to 3). SQLite returns REAL cells, PostgreSQL exact numerics.
 *
 * Views read only stored rows: an agent with no activity in an interval has no row (the occupancy report prints
 * zeros there), and a service-level cell holding handle time but no traffic makes no row, as in the report.
 * service_level_pct uses the genesys formula (the reports' default); the count columns let a BI tool use another.
 */
import type { Dialect } from './schema-check.js';

interface SqlDialect {
  /** An integer-valued expression as an integer. */
  int(x: string): string;
  /** n ÷ d × 100, 2 decimals, null when d ≤ 0 (n, d: integer expressions). */
  pct(n: string, d: string): string;
  /** The rounded hundredths of n ÷ d × 100, as an integer: what target_met compares. */
  hundredths(n: string, d: string): string;
  /** round(t × 100) of a stored target_pct. */
  targetHundredths(t: string): string;
  /** ms ÷ 1000, 3 decimals. */
  seconds(ms: string): string;
  /** round(sum ÷ count) ms in seconds; null when count ≤ 0. */
  mean(sum: string, count: string): string;
  /** Whole milliseconds between two stored instants. */
  msBetween(start: string, end: string): string;
}

const roundDiv = (n: string, d: string) => `((2 * (${n}) + (${d})) / (2 * (${d})))`;

const SQLITE: SqlDialect = {
  int: (x) => `CAST(round(${x}) AS INTEGER)`,
  pct: (n, d) => `CASE WHEN (${d}) > 0 THEN ${roundDiv(`(${n}) * 10000`, d)} / 100.0 END`,
  hundredths: (n, d) => roundDiv(`(${n}) * 10000`, d),
  targetHundredths: (t) => `round((${t}) * 100)`,
  seconds: (ms) => `(${ms}) / 1000.0`,
  mean: (s, c) => `CASE WHEN (${c}) > 0 THEN ${roundDiv(s, c)} / 1000.0 END`,
  msBetween: (s, e) => `(CAST(strftime('%s', ${e}) AS INTEGER) - CAST(strftime('%s', ${s}) AS INTEGER)) * 1000`,
};

const POSTGRES: SqlDialect = {
  int: (x) => `(${x})::bigint`,
  pct: (n, d) => `CASE WHEN (${d}) > 0 THEN round(${roundDiv(`(${n}) * 10000`, d)}::numeric / 100, 2) END`,
  hundredths: (n, d) => roundDiv(`(${n}) * 10000`, d),
  // numeric: round() of a double would round half to even
  targetHundredths: (t) => `round((${t})::numeric * 100)`,
  seconds: (ms) => `round((${ms})::numeric / 1000, 3)`,
  mean: (s, c) => `CASE WHEN (${c}) > 0 THEN round(${roundDiv(s, c)}::numeric / 1000, 3) END`,
  msBetween: (s, e) => `(extract(epoch FROM (${e}) - (${s})) * 1000)::bigint`,
};

export const VIEW_NAMES = ['service_level_v', 'occupancy_v', 'service_level_daily_v', 'occupancy_daily_v'] as const;

/** Service-level cells from a relation `g` whose columns are the sums (integers) and goals of one row. */
function serviceLevelCells(q: SqlDialect): string {
  const denominator = 'g.answered + g.abandoned - g.abandoned_short';
  return [
    'g.offered',
    'g.answered',
    'g.answered_within',
    'g.abandoned',
    'g.abandoned_short',
    'g.flowout',
    `${q.pct('g.answered_within', denominator)} AS service_level_pct`,
    `${q.mean('g.answered_ms', 'g.answered')} AS asa_s`,
    `${q.pct('g.abandoned', 'g.offered')} AS abandon_rate_pct`,
    'g.threshold_s',
    'g.target_pct',
    `CASE WHEN (${denominator}) > 0 AND g.target_pct IS NOT NULL THEN (${q.hundredths('g.answered_within', denominator)} >= ${q.targetHundredths('g.target_pct')}) END AS target_met`,
    `${q.mean('g.handle_ms', 'g.handled')} AS aht_s`,
    'g.answered_ms',
    'g.handled',
    'g.handle_ms',
  ].join(',\n  ');
}

const SL_SUMS = ['offered', 'answered', 'answered_within', 'abandoned', 'abandoned_short', 'flowout', 'answered_ms', 'handled', 'handle_ms'];
const OCC_SUMS = ['handled', 'handle_ms', 'talk_ms', 'held_ms', 'acw_ms', 'idle_ms', 'interacting_ms', 'communicating_ms', 'not_responding_ms'];
const TRAFFIC = (t: string) => `${t}.offered + ${t}.answered + ${t}.abandoned + ${t}.flowout > 0`;

function occupancyCells(q: SqlDialect, lengthMs: string): string {
  const onQueue = 'g.idle_ms + g.interacting_ms + g.communicating_ms';
  return [
    'g.handled',
    `${q.seconds('g.handle_ms')} AS handle_s`,
    `${q.seconds('g.talk_ms')} AS talk_s`,
    `${q.seconds('g.held_ms')} AS hold_s`,
    `${q.seconds('g.acw_ms')} AS acw_s`,
    `COALESCE(${q.pct('g.handle_ms', lengthMs)}, 0) AS occupancy_pct`,
    `${q.seconds(onQueue)} AS on_queue_s`,
    `${q.seconds('g.interacting_ms')} AS interacting_s`,
    `${q.pct('g.interacting_ms', onQueue)} AS routing_occupancy_pct`,
    `${q.seconds('g.not_responding_ms')} AS not_responding_s`,
  ].join(',\n  ');
}

/** A common value of a goal column over a group's rows with traffic; null when they differ or any has none. */
function commonGoal(column: string, traffic: string): string[] {
  return [
    `MIN(CASE WHEN ${traffic} THEN s.${column} END) AS ${column}_lo`,
    `MAX(CASE WHEN ${traffic} THEN s.${column} END) AS ${column}_hi`,
    `SUM(CASE WHEN ${traffic} AND s.${column} IS NULL THEN 1 ELSE 0 END) AS ${column}_nulls`,
  ];
}
const pickGoal = (column: string) => `CASE WHEN g.${column}_nulls = 0 AND g.${column}_lo = g.${column}_hi THEN g.${column}_lo END AS ${column}`;

/** CREATE VIEW statements (after DROP VIEW IF EXISTS of each), in dependency order. */
export function viewStatements(dialect: Dialect): string[] {
  const q = dialect === 'sqlite' ? SQLITE : POSTGRES;
  const ints = (cols: string[], from: string) => cols.map((c) => `${q.int(`${from}.${c}`)} AS ${c}`).join(', ');
  const sums = (cols: string[]) => cols.map((c) => `${q.int(`SUM(s.${c})`)} AS ${c}`).join(', ');
  const inDay = 's.interval_start >= d.day_start AND s.interval_start < d.day_end';
  const traffic = TRAFFIC('s');

  const serviceLevel = `CREATE VIEW service_level_v AS
SELECT g.interval_start, g.interval_end, g.queue_id, COALESCE(qu.name, g.stored_name) AS queue_name, g.media_type,
  ${serviceLevelCells(q)}
FROM (SELECT s.interval_start, s.interval_end, s.queue_id, s.queue_name AS stored_name, s.media_type, s.threshold_s, s.target_pct, ${ints(SL_SUMS, 's')}
      FROM service_level s WHERE ${traffic}) g
LEFT JOIN queues qu ON qu.id = g.queue_id`;

  const serviceLevelDaily = `CREATE VIEW service_level_daily_v AS
SELECT d.day, d.day_start AS interval_start, d.day_end AS interval_end, g.queue_id, COALESCE(qu.name, g.stored_name) AS queue_name, g.media_type,
  ${serviceLevelCells(q)}
FROM (SELECT g.day, g.queue_id, g.media_type, g.stored_name, ${SL_SUMS.map((c) => `g.${c}`).join(', ')}, ${pickGoal('threshold_s')}, ${pickGoal('target_pct')}
      FROM (SELECT d.day, s.queue_id, s.media_type, MAX(s.queue_name) AS stored_name, ${sums(SL_SUMS)},
              ${[...commonGoal('threshold_s', traffic), ...commonGoal('target_pct', traffic)].join(', ')}
            FROM service_level s JOIN days d ON ${inDay}
            GROUP BY d.day, s.queue_id, s.media_type) g) g
JOIN days d ON d.day = g.day
LEFT JOIN queues qu ON qu.id = g.queue_id
WHERE ${TRAFFIC('g')}`;

  const occupancy = `CREATE VIEW occupancy_v AS
SELECT g.interval_start, g.interval_end, g.agent_id, COALESCE(a.name, g.stored_name) AS agent_name,
  ${occupancyCells(q, q.msBetween('g.interval_start', 'g.interval_end'))}
FROM (SELECT s.interval_start, s.interval_end, s.agent_id, s.agent_name AS stored_name, ${ints(OCC_SUMS, 's')} FROM occupancy s) g
LEFT JOIN agents a ON a.id = g.agent_id`;

  const occupancyDaily = `CREATE VIEW occupancy_daily_v AS
SELECT d.day, d.day_start AS interval_start, d.day_end AS interval_end, g.agent_id, COALESCE(a.name, g.stored_name) AS agent_name,
  ${occupancyCells(q, q.msBetween('d.day_start', 'd.day_end'))}
FROM (SELECT d.day, s.agent_id, MAX(s.agent_name) AS stored_name, ${sums(OCC_SUMS)}
      FROM occupancy s JOIN days d ON ${inDay}
      GROUP BY d.day, s.agent_id) g
JOIN days d ON d.day = g.day
LEFT JOIN agents a ON a.id = g.agent_id`;

  return [serviceLevel, occupancy, serviceLevelDaily, occupancyDaily];
}
