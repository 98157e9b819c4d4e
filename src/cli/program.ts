import { Command, Option } from 'commander';
import { CHECK_DEFAULTS, FORMULAS, NOW_DEFAULTS as N, REPORT_DEFAULTS as D, SIM_DEFAULTS as S, SOURCES, SYNC_DEFAULTS as Y, SYNC_REPORTS } from './defaults.js';
import { DEFAULT_DB } from '../store/defaults.js';
import { FORMATS } from '../output/formats.js';

/**
 * Repeatable and comma-separated: `--agent a --agent b,c` → ['a', 'b', 'c']. Empty pieces are kept so that
 * validation can refuse them: `--agent ""` from an unset cron variable must not mean every agent.
 */
const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim())];

/** Ids of the simulated org (seed 7), so that every example below runs as printed with --demo. */
const DEMO = {
  agent: '6d2f5aa1-465b-4794-b8cd-a552d132d99b',
  agent2: '43a07866-3b4d-4d95-9f41-f5607756f6c9',
  group: '7e860ecf-9e31-46b3-9c7f-396bb7a8cc49',
  queue: '785e97bd-d8dc-4db8-b0ba-7d967d81bf5a',
  queue2: 'a4e4d5bc-d7cc-402d-b757-9f0de75a4c3b',
};

const OCCUPANCY_EXAMPLES = [
  `gcx-metrics occupancy --demo --since 24h`,
  `gcx-metrics occupancy --demo --agent ${DEMO.agent},${DEMO.agent2} --since 4h`,
  `gcx-metrics occupancy --demo --group ${DEMO.group} --from 2026-11-20 --to 2026-11-20 --tz Europe/London --format csv`,
  `gcx-metrics occupancy --demo --queue ${DEMO.queue} --interval 1h --output occupancy.csv`,
];
const SERVICE_LEVEL_EXAMPLES = [
  `gcx-metrics service-level --demo --since 24h                  # each queue against its own target`,
  `gcx-metrics service-level --demo --since 30m --check || echo missed   # a cron alert`,
  `gcx-metrics service-level --demo --threshold 20 --target 80 --formula offered --short-abandon org`,
  `gcx-metrics service-level --demo --queue Sales --by media --interval total --since 7d`,
  `gcx-metrics service-level --demo --queue ${DEMO.queue},${DEMO.queue2} --formula offered --short-abandon 5 --format json`,
  `gcx-metrics service-level --demo --source details --since 2h --output sl.ndjson`,
];
const STAFFING_EXAMPLES = [
  `gcx-metrics staffing --demo --since 24h                      # each voice queue's required vs staffed agents per 30 min`,
  `gcx-metrics staffing --demo --since 7d --shrinkage 30 --max-occupancy 90 --output staffing.html`,
  `gcx-metrics staffing --demo --queue ${DEMO.queue} --threshold 20 --target 80 --since 4h --check || echo short`,
  `gcx-metrics staffing --demo --media chat --since 24h --interval 1h   # chat: Erlang C is conservative there`,
];
const NOW_EXAMPLES = [
  `gcx-metrics now --demo`,
  `gcx-metrics now --demo --check --max-wait 120 --quiet || echo page-oncall   # a cron pager`,
  `gcx-metrics now --demo --queue Sales --media voice --max-waiting 5 --format json`,
  `gcx-metrics now --demo --watch 5                                  # live on a terminal; Ctrl-C ends it`,
  `gcx-metrics now --demo --watch 30 --format ndjson >> queues.ndjson  # a feed`,
  `gcx-metrics now --demo --watch 15 --output wall.html              # a wallboard page`,
];
const LIST_EXAMPLES = [
  `gcx-metrics list queues --demo                  each queue and media type with its threshold_s and target_pct`,
  `gcx-metrics list agents --demo --queue Sales    the queue's members with their emails`,
  `gcx-metrics list groups --demo --format json`,
];
const SIM_EXAMPLES = [
  `gcx-metrics sim --port 8787 --seed 7               # serve until Ctrl-C; prints 3 lines for .env`,
  `eval "$(gcx-metrics sim --export --port 0)"        # serve in the background, export its settings here`,
  `gcx-metrics occupancy --since 1h && kill "$GCX_SIM_PID"`,
];
const examples = (lines: string[]) =>
  `Examples:\n${lines.map((l) => `  ${l}`).join('\n')}\n(the ids are the simulated org's, so these run as printed; drop --demo for your org)\n`;
const EXAMPLES = {
  all: examples([OCCUPANCY_EXAMPLES[1]!, SERVICE_LEVEL_EXAMPLES[1]!, `gcx-metrics occupancy --demo --since 24h`]),
  occupancy: examples(OCCUPANCY_EXAMPLES),
  serviceLevel: examples(SERVICE_LEVEL_EXAMPLES),
  staffing: examples(STAFFING_EXAMPLES),
  now: examples(NOW_EXAMPLES),
  list: `Examples:\n${LIST_EXAMPLES.map((l) => `  ${l}`).join('\n')}\n`,
  sim: `Examples:\n${SIM_EXAMPLES.map((l) => `  ${l}`).join('\n')}\n`,
};

const ENVIRONMENT = `Environment (flags win over the environment, which wins over .env in the working directory):
  GENESYS_CLOUD_CLIENT_ID, GENESYS_CLOUD_CLIENT_SECRET   OAuth client-credentials client
    (or GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET)
  GENESYS_CLOUD_REGION (or GENESYSCLOUD_REGION)          like --region; default us-east-1
  GENESYS_CLOUD_API_URL, GENESYS_CLOUD_LOGIN_URL         replace https://api.<domain> / https://login.<domain>
  GCX_TZ                                                 like --tz; default the system zone
  HTTPS_PROXY, NO_PROXY                                  proxy for the API (127.0.0.1/localhost never use it)
`;

export type CommandName = 'occupancy' | 'service-level' | 'staffing' | 'now' | 'list' | 'sync' | 'sim';

/** What a parse yields: the command and its raw flag values, validated afterwards by options.ts. */
export interface ParsedCommand {
  name: CommandName;
  raw: Record<string, unknown>;
}

/** The report flags; sync takes the same window flags except --since (it has --backfill and a high-water mark). */
function addCommonFlags(cmd: Command, kind: 'report' | 'sync' = 'report'): Command {
  if (kind === 'report') cmd.option('--since <dur>', `the last <dur> of complete intervals: 90m, 24h, 7d, 2w (default ${D.since})`);
  cmd
    .option('--from <iso>', 'window start, ISO-8601 date-time or date; no offset = in --tz (wins over --since)')
    .option('--to <iso>', 'window end, ISO-8601 date-time or date (a date alone means the end of that day)')
    .option('--interval <dur>', `bucket size: 15m, 30m, 60m/1h, 1d, or total: one bucket for the whole window (default ${D.interval})`)
    .option('--tz <iana>', 'IANA zone the grid aligns to and times are printed in (default GCX_TZ, else the system zone)')
    .option('--media <type>', 'media type(s): voice, chat, email, message, callback, ... (repeatable or comma-separated; default all media)', collect);
  return kind === 'report' ? addConnectionFlags(cmd) : addRunFlags(cmd);
}

/** Output, connection and logging flags: every command that talks to an org (the reports and list). */
function addConnectionFlags(cmd: Command): Command {
  return addRunFlags(
    cmd
      .addOption(new Option('--format <format>', 'output format (default: the --output extension .csv .json .ndjson .html .parquet, else table on a terminal, else csv)').choices(FORMATS))
      .option('--output <file>', 'write to <file> atomically (default stdout)')
      .option('--columns <names>', "only these columns, in this order (comma-separated; the report's column names)", collect)
      .option('--hide-empty', 'leave out rows where nothing happened (occupancy: no work and no on-queue time); the default of a table on a terminal')
      .option('--all', 'a table on a terminal: show every row, also those where nothing happened'),
  );
}

/** Connection and logging flags: every command that talks to an org. */
function addRunFlags(cmd: Command): Command {
  return cmd
    .option('--region <region>', 'Genesys Cloud region: us-east-1, eu-west-1, ... or a domain such as mypurecloud.ie (default GENESYS_CLOUD_REGION, else us-east-1)')
    .option('--demo', 'report on the built-in simulated org (no credentials needed)')
    .option('--request-timeout <seconds>', `give up on one HTTP request after this long, then retry (default ${D.requestTimeoutS})`)
    .option('--quiet', 'no progress or messages on stderr, except errors')
    .option('--verbose', 'log each request (method, path, status, retries) on stderr, secrets redacted');
}

/**
 * Declares every command and flag (and nothing else): the command bodies live in src/commands and are plain
 * functions of validated options, so tests call them without a process.
 */
export function buildProgram(version: string, onCommand: (parsed: ParsedCommand) => void): Command {
  const program = new Command('gcx-metrics')
    .description('Occupancy and service-level reports from the Genesys Cloud CX analytics API.')
    .version(version, '--version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .addHelpText('after', `\n${EXAMPLES.all}\n${ENVIRONMENT}\nExit codes: 0 ok, 1 internal error, 2 bad usage or input, 3 authentication, 4 API or network, 5 --check: a row missed its target (now: has an alert),\n6 database,\n130 interrupted (143 SIGTERM, 129 SIGHUP).`);

  addCommonFlags(
    program
      .command('occupancy')
      .description('per agent × interval: handled, handle/talk/hold/ACW time, occupancy and routing occupancy'),
  )
    .option('--agent <id|email|name>', 'agent (user) id(s), email(s) or exact name(s), repeatable or comma-separated (default: every agent with activity)', collect)
    .option('--group <id|name>', "a group's members (id or exact name), repeatable", collect)
    .option('--queue <id|name>', "a queue's members (id or exact name), repeatable", collect)
    .option('--input <file>', 'compute handle/talk/hold/ACW from exported conversation details (JSON, NDJSON, .gz, or -)')
    .option('--db <target>', 'report from the history gcx-metrics sync keeps (SQLite path or postgres:// URL); no API call; its stored zone and interval unless given')
    .addHelpText('after', `\n${EXAMPLES.occupancy}\n${ENVIRONMENT}`)
    .action((opts: Record<string, unknown>) => onCommand({ name: 'occupancy', raw: opts }));

  addCommonFlags(
    program
      .command('service-level')
      .description('per queue × media type × interval: offered, answered, within threshold, abandoned, SL %, ASA'),
  )
    .option('--queue <id|name>', 'queue id(s) or exact name(s), repeatable or comma-separated (default: every queue with traffic)', collect)
    .option('--threshold <seconds|queue>', `answered in ≤ this many seconds counts as within; queue = each queue's own target per media type (default ${D.threshold})`)
    .option('--target <pct>', 'the SL % goal of every row (with --threshold queue: of queues without their own)')
    .option('--check', 'exit 5 when any row misses its target (the report is still written); names the first 5')
    .option('--min-offered <n>', `--check skips rows offered fewer than n contacts (default ${CHECK_DEFAULTS.minOffered}; 0 checks every row)`)
    .option('--by <dims>', 'grouping: queue,media | queue | media | none (default queue,media)')
    .addOption(new Option('--formula <formula>', `SL % denominator: genesys (answered + abandoned), answered, offered, answered-flowout (answered + flow-outs) (default ${D.formula})`).choices(FORMULAS))
    .option('--short-abandon <seconds|org>', `abandons at or under this leave the denominator; org = Genesys's own tShortAbandon (default ${D.shortAbandonS} = none)`)
    .addOption(new Option('--source <source>', `where numbers come from (default ${D.source}; details with --input)`).choices(SOURCES))
    .option('--input <file>', 'compute from exported conversation details (JSON, NDJSON, .gz, or - for stdin)')
    .option('--db <target>', 'report from the history gcx-metrics sync keeps (SQLite path or postgres:// URL); no API call; its stored zone, interval, threshold, short-abandon and formula unless given')
    .addHelpText('after', `\n${EXAMPLES.serviceLevel}\n${ENVIRONMENT}`)
    .action((opts: Record<string, unknown>) => onCommand({ name: 'service-level', raw: opts }));

  addCommonFlags(
    program
      .command('staffing')
      .description('per queue × media type × interval: Erlang C required agents for the target vs the members\' staffed agents, the gap, predicted SL'),
  )
    .option('--queue <id|name>', 'queue id(s) or exact name(s), repeatable or comma-separated (default: every queue with traffic)', collect)
    .option('--threshold <seconds|queue>', "answered in ≤ this many seconds counts as within (default queue: each queue's own threshold and target per media type)")
    .option('--target <pct>', 'the SL % goal to staff for (with a numeric --threshold; else for queues without their own)')
    .option('--shrinkage <pct>', 'required_fte = required_agents ÷ (1 − pct/100); 0 ≤ pct < 100 (default 0)')
    .option('--max-occupancy <pct>', 'required agents keep traffic ÷ agents at or under this; 0 < pct ≤ 100 (default 85)')
    .option('--check', 'exit 5 when any row is short (printed staffing_gap below 0); the report is still written; names the first 5')
    .option('--min-offered <n>', `--check skips rows offered fewer than n contacts (default ${CHECK_DEFAULTS.minOffered}; 0 checks every row)`)
    .addOption(new Option('--formula <formula>', `SL % denominator of service_level_pct (default ${D.formula})`).choices(FORMULAS))
    .option('--short-abandon <seconds>', `abandons at or under this leave the denominator (default ${D.shortAbandonS} = none)`)
    .option('--db <target>', 'report from the history gcx-metrics sync keeps (SQLite path or postgres:// URL); no API call')
    .addHelpText(
      'after',
      `
--media defaults to voice here: Erlang C models one contact at a time; other media are allowed, with a note.
Staffed agents are the queue members' on-queue time ÷ interval length; an agent on several queues counts in each.

${EXAMPLES.staffing}
${ENVIRONMENT}`,
    )
    .action((opts: Record<string, unknown>) => onCommand({ name: 'staffing', raw: opts }));

  addConnectionFlags(
    program
      .command('now')
      .description("each queue's state this minute (waiting, longest wait, agents) and its service level today, with alerts")
      .option('--tz <iana>', 'zone of "today" (from local midnight) and of printed times (default GCX_TZ, else the system zone)')
      .option('--media <type>', 'media type(s): voice, chat, email, message, callback, ... (repeatable or comma-separated; default all media)', collect),
  )
    .option('--queue <id|name>', 'queue id(s) or exact name(s), repeatable or comma-separated (default: every queue)', collect)
    .option('--threshold <seconds|queue>', `answered in ≤ this many seconds counts as within; queue = each queue's own target per media type (default ${N.threshold})`)
    .option('--target <pct>', 'the SL % goal of every row (with --threshold queue: of queues without their own)')
    .addOption(new Option('--formula <formula>', `SL % denominator (default ${D.formula})`).choices(FORMULAS))
    .option('--short-abandon <seconds>', `abandons at or under this leave the denominator (default ${D.shortAbandonS} = none)`)
    .option('--check', 'exit 5 when any row has an alert (the report is still written)')
    .option('--max-waiting <n>', 'alert (waiting>N) when more than n conversations wait in a queue and media')
    .option('--max-wait <seconds>', 'alert (longest_wait>S) when the oldest waiting conversation has waited longer')
    .option('--watch <seconds>', `refresh every <seconds> (at least ${N.minWatchS}) until interrupted: redrawn on a terminal, appended to a csv/ndjson stdout, or an --output .html wallboard rewritten`)
    .addHelpText(
      'after',
      `
Rows: one per queue and media type with a conversation waiting, alerting or connected now, or offered today; a
selected queue with neither gets one row with media_type empty. alerts: sl_below_target, waiting>N, longest_wait>S.
Needs the permission analytics:queueObservation:view. SIGINT/SIGTERM end a --watch run after its current write, exit 0.

${EXAMPLES.now}
${ENVIRONMENT}`,
    )
    .action((opts: Record<string, unknown>) => onCommand({ name: 'now', raw: opts }));

  addConnectionFlags(
    program
      .command('list')
      .argument('<what>', 'queues | agents | groups')
      .description('find ids, names, emails and queue targets: queues (per media type), agents (of --queue/--group), groups'),
  )
    .option('--queue <id|name>', 'list agents: only members of this queue', collect)
    .option('--group <id|name>', 'list agents: only members of this group', collect)
    .addHelpText('after', `\n${EXAMPLES.list}\n${ENVIRONMENT}`)
    .action((what: string, opts: Record<string, unknown>) => onCommand({ name: 'list', raw: { ...opts, what } }));
  addCommonFlags(
    program
      .command('sync')
      .description('keep an incremental, exact history of both reports in SQLite or PostgreSQL, for cron'),
    'sync',
  )
    .option('--db <target>', `sqlite:<path>, a file path, or postgres://… (default GCX_DB, else ${DEFAULT_DB} here)`)
    .option('--report <names>', `which reports to keep: ${SYNC_REPORTS.join(',')}; now appends one snapshot of the queues per run (default occupancy,service-level)`, collect)
    .option('--restate <dur>', `re-read this much before the stored high-water mark, for late data (default ${Y.restate})`)
    .option('--backfill <dur>', `what the first run fetches (default ${Y.backfill})`)
    .option('--agent <id>', 'occupancy: agent (user) id(s), repeatable or comma-separated', collect)
    .option('--group <groupId>', "occupancy: a group's members, repeatable", collect)
    .option('--queue <queueId>', 'queue id(s): service-level queues, occupancy members', collect)
    .option('--threshold <seconds|queue>', `service-level: answered in ≤ this many seconds counts as within; queue = each queue's own target (default ${D.threshold})`)
    .option('--short-abandon <seconds|org>', `service-level: abandons at or under this leave the denominator; org = Genesys's tShortAbandon (default ${D.shortAbandonS})`)
    .addOption(new Option('--formula <formula>', `service-level: SL % denominator stored in service_level_pct (default ${D.formula})`).choices(FORMULAS))
    .addHelpText(
      'after',
      `
--interval, --tz, --threshold, --short-abandon, --formula, --media and the selection are fixed at a database's
first sync: a later run that leaves one out uses the stored value; one that gives another exits 2.
A run fetches [high-water mark - --restate, last complete interval) and replaces those intervals in one
transaction, so a failed or killed run changes nothing. A second sync on the same database exits 6.

Examples:
  gcx-metrics sync                                   # gcx-metrics.sqlite here, both reports, 30m
  gcx-metrics sync --db postgres://gcx@db/metrics --backfill 7d
  gcx-metrics occupancy --db gcx-metrics.sqlite --since 7d --interval 1d`,
    )
    .action((opts: Record<string, unknown>) => onCommand({ name: 'sync', raw: opts }));

  program
    .command('sim')
    .description('serve the simulated Genesys Cloud org on 127.0.0.1 until interrupted')
    .option('--port <n>', `port, 0 picks a free one (default ${S.port})`)
    .option('--seed <n>', `traffic seed (default ${S.seed})`)
    .option('--agents <n>', `number of agents in the simulated org (default ${S.agents})`)
    .option('--faults <spec>', 'inject failures, e.g. rate=0.2,seed=3,kinds=429+503+reset')
    .option('--export', 'serve in the background: print `export NAME=value` lines and GCX_SIM_PID, then return (for eval, see below)')
    .option('--latency <ms>', `milliseconds added to every API response (default ${S.latencyMs})`)
    .addHelpText('after', `\n${EXAMPLES.sim}`)
    .action((opts: Record<string, unknown>) => onCommand({ name: 'sim', raw: opts }));

  return program;
}
