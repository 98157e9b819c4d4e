import { Command, Option } from 'commander';
import { FORMULAS, REPORT_DEFAULTS as D, SIM_DEFAULTS as S, SOURCES } from '../commands/defaults.js';
import { FORMATS } from '../output/formats.js';

/** Repeatable and comma-separated: `--agent a --agent b,c` → ['a', 'b', 'c']. */
const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value.split(',').map((v) => v.trim()).filter((v) => v.length > 0),
];

export type CommandName = 'occupancy' | 'service-level' | 'sim';

/** What a parse yields: the command and its raw flag values, validated afterwards by options.ts. */
export interface ParsedCommand {
  name: CommandName;
  raw: Record<string, unknown>;
}

function addCommonFlags(cmd: Command): Command {
  return cmd
    .option('--since <dur>', `the last <dur> of complete intervals: 90m, 24h, 7d, 2w (default ${D.since})`)
    .option('--from <iso>', 'window start, ISO-8601 date-time or date; no offset = in --tz (overrides --since)')
    .option('--to <iso>', 'window end, ISO-8601 date-time or date (a date alone means the end of that day)')
    .option('--interval <dur>', `bucket size: 15m, 30m, 60m/1h, 1d (default ${D.interval})`)
    .option('--tz <iana>', 'IANA zone the grid aligns to and times are printed in (default GCX_TZ, else the system zone)')
    .option('--media <type>', 'media type(s): voice, chat, email, message, callback, ... (repeatable or comma-separated)', collect)
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else csv)').choices(FORMATS))
    .option('--output <file>', 'write to <file> atomically instead of stdout')
    .option('--region <region>', 'Genesys Cloud region: us-east-1, eu-west-1, ... or a domain such as mypurecloud.ie')
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
    .addHelpText(
      'after',
      `
Examples:
  gcx-metrics occupancy --agent 6b1f…e2 --since 24h          per agent, per 30-minute interval
  gcx-metrics service-level --threshold 20 --format csv       per queue and media type, per interval
  gcx-metrics occupancy --demo                                 try it on the built-in simulated org
  gcx-metrics sim --port 8787                                  serve the simulated org for other tools

Credentials come from GENESYS_CLOUD_CLIENT_ID / GENESYS_CLOUD_CLIENT_SECRET (or a .env file).
Exit codes: 0 ok, 1 internal error, 2 bad usage or input, 3 authentication, 4 API or network, 130 interrupted.`,
    );

  addCommonFlags(
    program
      .command('occupancy')
      .description('per agent × interval: handled, handle/talk/hold/ACW time, occupancy and routing occupancy'),
  )
    .option('--agent <id>', 'agent (user) id(s), repeatable or comma-separated', collect)
    .option('--group <groupId>', "a group's members, repeatable", collect)
    .option('--queue <queueId>', "a queue's members, repeatable", collect)
    .option('--input <file>', 'compute handle/talk/hold/ACW from exported conversation details (JSON, NDJSON, .gz, or -)')
    .addHelpText(
      'after',
      `
Examples:
  gcx-metrics occupancy --agent 6b1f…e2 --since 24h
  gcx-metrics occupancy --group 0c5a…77 --from 2026-11-20 --to 2026-11-20 --tz Europe/London --format csv
  gcx-metrics occupancy --queue 3d9e…10 --interval 1h --output occupancy.csv`,
    )
    .action((opts: Record<string, unknown>) => onCommand({ name: 'occupancy', raw: opts }));

  addCommonFlags(
    program
      .command('service-level')
      .description('per queue × media type × interval: offered, answered, within threshold, abandoned, SL %, ASA'),
  )
    .option('--queue <queueId>', 'queue id(s), repeatable or comma-separated (default: every queue with traffic)', collect)
    .option('--threshold <seconds>', `answered in ≤ this many seconds counts as within (default ${D.thresholdS})`)
    .addOption(new Option('--formula <formula>', `SL % denominator (default ${D.formula})`).choices(FORMULAS))
    .option('--short-abandon <seconds>', `abandons at or under this leave the denominator (default ${D.shortAbandonS} = none)`)
    .addOption(new Option('--source <source>', `where numbers come from (default ${D.source}; details with --input)`).choices(SOURCES))
    .option('--input <file>', 'compute from exported conversation details (JSON, NDJSON, .gz, or - for stdin)')
    .addHelpText(
      'after',
      `
Examples:
  gcx-metrics service-level --threshold 20 --since 24h
  gcx-metrics service-level --queue 3d9e…10 --formula offered --short-abandon 5 --format json
  gcx-metrics service-level --input conversations.ndjson.gz --from 2026-11-01 --to 2026-11-30`,
    )
    .action((opts: Record<string, unknown>) => onCommand({ name: 'service-level', raw: opts }));

  program
    .command('sim')
    .description('serve the simulated Genesys Cloud org on 127.0.0.1 until interrupted')
    .option('--port <n>', `port, 0 picks a free one (default ${S.port})`)
    .option('--seed <n>', `traffic seed (default ${S.seed})`)
    .option('--agents <n>', `number of agents in the simulated org (default ${S.agents})`)
    .option('--faults <spec>', 'inject failures, e.g. rate=0.2,seed=3,kinds=429+503+reset')
    .option('--latency <ms>', `milliseconds added to every API response (default ${S.latencyMs})`)
    .addHelpText(
      'after',
      `
Examples:
  gcx-metrics sim --port 8787 --seed 7
  gcx-metrics sim --port 8787 | head -3 > .env   # then, in another shell, any report runs against it`,
    )
    .action((opts: Record<string, unknown>) => onCommand({ name: 'sim', raw: opts }));

  return program;
}
