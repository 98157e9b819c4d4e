import { CommanderError } from 'commander';
import { systemClock } from '../clock.js';
import { GcxError, InterruptedError } from '../errors.js';
import { holdTerminationSignals, installSignalHandlers } from '../process/signals.js';
import { cleanupTempFiles } from '../output/write.js';
import { guardStdio } from '../process/stdio-guard.js';
import { currentDirectory } from '../process/current-directory.js';
import { terminalLine, terminalLines } from '../output/terminal-line.js';
import type { Deps } from '../deps.js';
import { buildProgram, type ParsedCommand } from './program.js';
import { nearestName } from '../selection/match-names.js';
import type { Session } from '../session.js';
import type { SessionSpec, SourceSpec } from '../spec/report-spec.js';
import type { WindowRequest } from '../time/window.js';

declare const __GCX_VERSION__: string | undefined;
const VERSION = typeof __GCX_VERSION__ === 'string' ? __GCX_VERSION__ : '0.0.0-dev';

/** Parses argv, runs one command and returns the exit code. Never exits: main() below is the only exit. */
export async function run(argv: string[], deps: Deps): Promise<number> {
  let parsed: ParsedCommand | undefined;
  const program = buildProgram(VERSION, (p) => {
    parsed = p;
  });
  let commanderMessage = '';
  program.exitOverride();
  program.configureOutput({
    writeOut: (text) => deps.stdout.write(text),
    writeErr: (text) => {
      commanderMessage += text;
    },
    outputError: (text) => {
      commanderMessage = text;
    },
  });
  for (const sub of program.commands) {
    sub.exitOverride();
    sub.configureOutput(program.configureOutput());
  }

  if (argv.length === 0) {
    deps.stderr.write(program.helpInformation());
    return 2;
  }
  if (argv[0] === 'help') return help(program, argv.slice(1), deps);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      const line = (commanderMessage || error.message).trim().split('\n')[0]!.replace(/^error: /, '').replace(/\.$/, '');
      const command = program.commands.find((c) => c.name() === argv[0]);
      const hint = didYouMean(error.code, line, command ?? program);
      deps.stderr.write(`gcx-metrics: ${line}${hint}; see gcx-metrics ${command ? `${command.name()} ` : ''}--help\n`);
      return 2;
    }
    throw error;
  }
  if (!parsed) return 0;

  try {
    await dispatch(parsed, deps);
    return 0;
  } catch (error) {
    return report(error, deps, parsed.raw.verbose === true);
  }
}

/**
 * ` (did you mean --since?)` for a mistyped flag or command, from the same nearest-name rule as queue, group and agent
 * names (commander's own suggestion is a second line, which the one-line message drops).
 */
function didYouMean(code: string, line: string, command: ReturnType<typeof buildProgram>): string {
  const typed = /^unknown (?:option|command) '([^']+)'/.exec(line)?.[1];
  if (typed === undefined) return '';
  const names =
    code === 'commander.unknownCommand'
      ? command.commands.map((c) => c.name())
      : [...command.options, ...(command.parent?.options ?? [])].flatMap((o) => (o.long ? [o.long] : []));
  const bare = (n: string) => n.replace(/^--?/, '');
  const near = nearestName(bare(typed.split('=')[0]!), names.map(bare));
  if (near === undefined) return '';
  return ` (did you mean ${code === 'commander.unknownCommand' ? near : `--${near}`}?)`;
}

/** `gcx-metrics help [command]`: the same text as --help, on stdout, exit 0; an unknown command is named, exit 2. */
function help(program: ReturnType<typeof buildProgram>, args: string[], deps: Deps): number {
  if (args.length === 0) {
    program.outputHelp();
    return 0;
  }
  const command = program.commands.find((c) => c.name() === args[0]);
  if (!command || args.length > 1) {
    const names = program.commands.map((c) => c.name()).join(', ');
    const near = command ? undefined : nearestName(args[0]!, program.commands.map((c) => c.name()));
    const what = command ? `"${args.slice(1).join(' ')}" after "help ${args[0]}"` : `"${args[0]}" is not a command${near ? ` (did you mean ${near}?)` : ''}`;
    deps.stderr.write(`gcx-metrics: help: ${what}; the commands are ${names}; see gcx-metrics --help\n`);
    return 2;
  }
  command.outputHelp();
  return 0;
}

/**
 * The composition root: flags → the command's spec; the output checked before anything starts (a month of API
 * calls must not end on a bad --output); the session (config, logger, progress, client or simulator) and the
 * source built once and handed in; closed whatever happens.
 */
async function dispatch({ name, raw }: ParsedCommand, deps: Deps): Promise<void> {
  // Commands and their dependencies load only when used, so --help and --version start fast.
  const [options, specs] = await Promise.all([import('./options.js'), import('./specs.js')]);
  // Reports and sync are batch runs whose peak memory matters; the simulator keeps hundreds of MB of generated days
  // alive on purpose, and collecting them at every 10 % of growth would only slow it down.
  if (name !== 'sim') (await import('../process/heap-growth.js')).tightenHeapGrowth();
  switch (name) {
    case 'occupancy': {
      const o = options.parseOccupancyOptions(raw);
      const spec = specs.occupancySpec(o, deps, await dbDefaults(o.db, 'occupancy', deps));
      const [{ runOccupancy }, output] = await Promise.all([import('../commands/occupancy.js'), import('../output/write-report.js')]);
      const { OCCUPANCY_COLUMNS } = await import('../metrics/rows.js');
      output.checkReportOutput(spec.output, deps, o.input);
      output.chosenColumns(spec.output, OCCUPANCY_COLUMNS);
      return withSession(spec.session, deps, { ...o, window: spec.window.request }, async (session) => runOccupancy(spec, session, await openSource(spec.source, session, deps), deps));
    }
    case 'service-level': {
      const o = options.parseServiceLevelOptions(raw);
      const spec = specs.serviceLevelSpec(o, deps, await dbDefaults(o.db, 'service-level', deps));
      const [{ runServiceLevel }, output] = await Promise.all([import('../commands/service-level.js'), import('../output/write-report.js')]);
      const { SERVICE_LEVEL_COLUMNS } = await import('../metrics/rows.js');
      output.checkReportOutput(spec.output, deps, o.input);
      output.chosenColumns(spec.output, SERVICE_LEVEL_COLUMNS);
      return withSession(spec.session, deps, { ...o, window: spec.window.request }, async (session) => runServiceLevel(spec, session, await openSource(spec.source, session, deps), deps));
    }
    case 'staffing': {
      const { parseStaffingOptions } = await import('./staffing-options.js');
      const o = parseStaffingOptions(raw);
      // staffing --db reads the stored service-level rows: their settings are its defaults.
      const spec = specs.staffingSpec(o, deps, await dbDefaults(o.db, 'service-level', deps));
      const [{ runStaffing }, output] = await Promise.all([import('../commands/staffing.js'), import('../output/write-report.js')]);
      const { STAFFING_COLUMNS } = await import('../metrics/rows.js');
      output.checkReportOutput(spec.output, deps, undefined);
      output.chosenColumns(spec.output, STAFFING_COLUMNS);
      return withSession(spec.session, deps, { ...o, window: spec.window.request }, async (session) => runStaffing(spec, session, await openSource(spec.source, session, deps), deps));
    }
    case 'now': {
      const [{ parseNowOptions }, { runNow }, output, { NOW_COLUMNS }] = await Promise.all([
        import('./now-options.js'),
        import('../commands/now.js'),
        import('../output/write-report.js'),
        import('../metrics/now.js'),
      ]);
      const spec = specs.nowSpec(parseNowOptions(raw), deps);
      output.checkReportOutput(spec.output, deps);
      output.chosenColumns(spec.output, NOW_COLUMNS);
      return withSession(spec.session, deps, {}, async (session) => runNow(spec, session, await openNowSource(session), deps));
    }
    case 'list': {
      const spec = specs.listSpec(options.parseListOptions(raw), deps);
      const { runList } = await import('../commands/list.js');
      return withSession(spec.session, deps, {}, (session) => runList(spec, session, deps));
    }
    case 'sync': {
      const o = options.parseSyncOptions(raw);
      const spec = specs.syncSpec(o);
      const { runSync } = await import('../commands/sync.js');
      // The API side first: bad credentials or flags should fail before the database is touched.
      return withSession(spec.session, deps, o, (session) => runSync(spec, session, deps));
    }
    case 'sim': {
      const spec = specs.simSpec(options.parseSimOptions(raw));
      if (spec.export && deps.entry !== undefined) return (await import('./sim-daemon.js')).startSimDaemon(spec, deps.entry, deps);
      const { runSim } = await import('../commands/sim.js');
      return runSim(spec, deps);
    }
  }
}

/** Opens the run's session, runs `body` with it, and always closes it (the --demo simulator stops with it). */
async function withSession(
  spec: SessionSpec,
  deps: Deps,
  o: { since?: string | undefined; from?: string | undefined; window?: WindowRequest },
  body: (session: Session) => Promise<void>,
): Promise<void> {
  const session = await (await import('./open-session.js')).openSession(spec, deps);
  if (o.since !== undefined && o.from !== undefined) session.logger.warn(`--from/--to win over --since: --since ${o.since} is ignored`);
  try {
    if (o.window !== undefined) {
      // Said once, before any request: the window as resolved when it is not literally what was typed.
      const [{ resolveWindow }, { windowNote }] = await Promise.all([import('../time/window.js'), import('../time/window-note.js')]);
      const note = windowNote(o.window, resolveWindow({ ...o.window, tz: session.config.tz, nowMs: deps.clock.now() }));
      if (note !== undefined) session.logger.info(note);
    }
    await body(session);
  } finally {
    session.progress.done();
    await session.close();
  }
}

/** A `--db` report's stored settings, used where its flags are not given; nothing for other reports. */
async function dbDefaults(db: string | undefined, report: 'occupancy' | 'service-level', deps: Deps) {
  if (db === undefined) return {};
  // GCX_DB's neighbours PG* (environment, then .env) reach the driver here too, as in the report's own read.
  const [{ resolveDbConfig }, { loadDotenv }, { readDbReportDefaults }] = await Promise.all([
    import('../config/resolve.js'),
    import('../config/load-dotenv.js'),
    import('../store/stored-defaults.js'),
  ]);
  return readDbReportDefaults(resolveDbConfig(db, deps.env, loadDotenv(deps.cwd)), report, deps);
}

async function openSource(spec: SourceSpec, session: Session, deps: Deps) {
  return (await import('../sources/open-source.js')).openSource(spec, session, deps);
}

async function openNowSource(session: Session) {
  if (!session.client) throw new Error('internal: now without an API client');
  return (await import('../sources/now-source.js')).nowSource(session.client, session);
}

/** One line on stderr, redacted; a stack trace only for bugs, and only with --verbose. */
function report(error: unknown, deps: Deps, verbose: boolean): number {
  if (deps.signal.aborted) {
    deps.stderr.write('gcx-metrics: interrupted\n');
    return new InterruptedError().exitCode;
  }
  if (error instanceof GcxError) {
    deps.stderr.write(`gcx-metrics: ${terminalLine(error.message)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  deps.stderr.write(`gcx-metrics: internal error (a bug, please report it): ${terminalLine(message)}\n`);
  if (verbose && error instanceof Error && error.stack) deps.stderr.write(`${terminalLines(error.stack)}\n`);
  return 1;
}

/** The process entry: real dependencies, signal handling, and the only process.exit. */
export async function main(argv: string[]): Promise<void> {
  const controller = new AbortController();
  let exiting = false;
  const exit = async (code: number) => {
    if (exiting) return;
    exiting = true;
    // Flush what is queued for a pipe before exiting, or a cron job's file ends short.
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
    process.exit(code);
  };
  guardStdio(process.stdout, process.stderr);
  installSignalHandlers({ abort: () => controller.abort(new InterruptedError()), cleanups: [cleanupTempFiles] });
  let code: number;
  try {
    code = await run(argv, {
      env: process.env,
      // A getter: a directory the system cannot name is exit 2 where a path needs it, and no obstacle to --version.
      get cwd() {
        return currentDirectory();
      },
      // Getters: resolving the zone (~20 ms) and opening stdin cost start-up time that --help never needs.
      get stdin() {
        return process.stdin;
      },
      stdout: process.stdout,
      stderr: process.stderr,
      clock: systemClock,
      signal: controller.signal,
      get systemTimeZone() {
        // TZ=UTC is what ICU would answer, without loading ICU's zone data (~30 ms, 8 MB) to say so.
        if (process.env.TZ === 'UTC') return 'UTC';
        return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
      },
      pid: process.pid,
      entry: process.argv[1],
      // The background simulator of `sim --export` tells its starter over IPC that it serves, then lets go.
      ...(process.send && process.env.GCX_SIM_DAEMON === '1'
        ? {
            simReady: (ready: { url: string; clientId: string; clientSecret: string }) => {
              process.send!(ready);
              process.disconnect?.();
            },
          }
        : {}),
      holdSignals: holdTerminationSignals,
      releaseStdout: async () => {
        await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
        // Close fd 1 so a reader's command substitution ends, and put /dev/null there so later writes are harmless.
        const { closeSync, openSync } = await import('node:fs');
        closeSync(1);
        openSync('/dev/null', 'w');
      },
    });
  } catch (error) {
    process.stderr.write(`gcx-metrics: internal error (a bug, please report it): ${terminalLine(String(error))}\n`);
    code = 1;
  }
  await exit(code);
}
