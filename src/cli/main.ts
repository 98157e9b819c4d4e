import { CommanderError } from 'commander';
import { systemClock } from '../clock.js';
import { GcxError, InterruptedError } from '../errors.js';
import { installSignalHandlers } from '../process/signals.js';
import { guardStdio } from '../process/stdio-guard.js';
import { terminalLine, terminalLines } from '../output/terminal-line.js';
import type { Deps } from '../deps.js';
import { buildProgram, type ParsedCommand } from './program.js';

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
      deps.stderr.write(`gcx-metrics: ${line}; see gcx-metrics --help\n`);
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

/** `gcx-metrics help [command]`: the same text as --help, on stdout, exit 0; an unknown command is named, exit 2. */
function help(program: ReturnType<typeof buildProgram>, args: string[], deps: Deps): number {
  if (args.length === 0) {
    program.outputHelp();
    return 0;
  }
  const command = program.commands.find((c) => c.name() === args[0]);
  if (!command || args.length > 1) {
    const names = program.commands.map((c) => c.name()).join(', ');
    const what = command ? `"${args.slice(1).join(' ')}" after "help ${args[0]}"` : `"${args[0]}" is not a command`;
    deps.stderr.write(`gcx-metrics: help: ${what}; the commands are ${names}; see gcx-metrics --help\n`);
    return 2;
  }
  command.outputHelp();
  return 0;
}

async function dispatch({ name, raw }: ParsedCommand, deps: Deps): Promise<void> {
  // Commands and their dependencies load only when used, so --help and --version start fast.
  const options = await import('../commands/options.js');
  switch (name) {
    case 'occupancy': {
      const { runOccupancy } = await import('../commands/occupancy.js');
      return runOccupancy(options.parseOccupancyOptions(raw), deps);
    }
    case 'service-level': {
      const { runServiceLevel } = await import('../commands/service-level.js');
      return runServiceLevel(options.parseServiceLevelOptions(raw), deps);
    }
    case 'list': {
      const { runList } = await import('../commands/list.js');
      return runList(options.parseListOptions(raw), deps);
      }
    case 'sync': {
      const { runSync } = await import('../commands/sync.js');
      return runSync(options.parseSyncOptions(raw), deps);
    }
    case 'sim': {
      const { runSim } = await import('../commands/sim.js');
      return runSim(options.parseSimOptions(raw), deps);
    }
  }
}

/** One line on stderr, redacted and terminal-safe; a stack trace only for bugs, and only with --verbose. */
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
  installSignalHandlers({ abort: () => controller.abort(new InterruptedError()) });
  let code: number;
  try {
    code = await run(argv, {
      env: process.env,
      cwd: process.cwd(),
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
