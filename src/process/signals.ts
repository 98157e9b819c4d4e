import fs from 'node:fs';

/** What cron, systemd, `timeout` and a terminal send, and the exit code each gets (128 + the signal number). */
export const TERMINATION_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type TerminationSignal = keyof typeof TERMINATION_SIGNALS;

export interface SignalHooks {
  /** Told first, so cooperative code (an abort controller) sees the interruption. */
  abort?: (signal: TerminationSignal) => void;
  /** Synchronous clean-ups run before exiting (the writer's temp files: main.ts hands that one in). */
  cleanups?: Array<() => void>;
  /** One line for the user; default: straight to fd 2, so it is out before the process ends. */
  say?: (line: string) => void;
  exit?: (code: number) => never;
}

/**
 * Exits at once on SIGINT, SIGTERM or SIGHUP, in any phase: temp files removed, an existing report untouched (it is
 * only ever replaced by a rename), one line on stderr, exit 130/143/129. Nothing is left to unwind: the API is only
 * read, and a report is either renamed into place whole or not at all.
 */
export function installSignalHandlers(hooks: SignalHooks = {}): void {
  const say = hooks.say ?? writeToStderr;
  const exit = hooks.exit ?? ((code: number) => process.exit(code));
  for (const [signal, code] of Object.entries(TERMINATION_SIGNALS) as Array<[TerminationSignal, number]>) {
    process.on(signal, () => {
      const held = holder;
      // A running `--watch` stops itself: the abort ends its loop after the write under way, and the run exits 0.
      if (held && !held.taken && signal !== 'SIGHUP') {
        held.taken = true;
        hooks.abort?.(signal);
        return;
      }
      try {
        hooks.abort?.(signal);
        // A second signal (or SIGHUP) while held: exit at once, but leave the terminal as it was found.
        held?.cleanup?.();
      } finally {
        for (const cleanup of hooks.cleanups ?? []) {
          try {
            cleanup();
          } catch {
            // The others still run; the exit code already says what happened.
          }
        }
        say(`gcx-metrics: interrupted (${signal})\n`);
        exit(code);
      }
    });
  }
}

/** The run that holds SIGINT/SIGTERM for now (at most one: a --watch loop), or none. */
let holder: { cleanup?: (() => void) | undefined; taken: boolean } | undefined;

/**
 * Lets a running `--watch` take SIGINT and SIGTERM over: the first one only aborts (the loop finishes the write
 * under way and the run ends with exit 0, as the contract says for --watch); a second one, or SIGHUP, exits at once
 * as always, after `cleanup` (leave the alternate screen). Every other command keeps exit 130/143 at once. Returns
 * the release; installSignalHandlers must have run for it to matter (main.ts).
 */
export function holdTerminationSignals(cleanup?: () => void): () => void {
  const mine = { cleanup, taken: false };
  holder = mine;
  return () => {
    if (holder === mine) holder = undefined;
  };
}

/** A closed or full stderr must not turn an interruption into a crash. */
function writeToStderr(line: string): void {
  try {
    fs.writeSync(2, line);
  } catch {
    // Nobody is listening; the exit code is all that is left.
  }
}
