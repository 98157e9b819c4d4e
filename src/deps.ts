import type { Readable } from 'node:stream';
import type { Clock } from './clock.js';

/** Everything a command touches outside its own logic; main.ts passes the real ones, tests pass their own. */
export interface Deps {
  env: Record<string, string | undefined>;
  cwd: string;
  stdin: Readable;
  /** `columns`: the terminal's width, when stdout is one (the table fits it). */
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  clock: Clock;
  /** Aborted on SIGINT. */
  signal: AbortSignal;
  systemTimeZone: string;
  /** This process's id (for `sim --export`'s GCX_SIM_PID). */
  pid?: number;
  /** The script this process runs (bin/gcx-metrics.js): `sim --export` starts it again in the background. */
  entry?: string;
  /** Set in the background simulator of `sim --export`: tells the starter the simulator serves. */
  simReady?: (ready: { url: string; clientId: string; clientSecret: string }) => void;
  /**
   * A `--watch` run holds SIGINT/SIGTERM: they then abort `signal` (ending the loop after the current write, exit 0)
   * instead of exiting at once. `cleanup` runs if the process must exit anyway (a second signal). Returns the
   * release. Absent in tests: there the signal is aborted by hand.
   */
  holdSignals?: (cleanup?: () => void) => () => void;
  /** Flushes stdout and closes it for readers (`$(…)` returns) while the process goes on; absent in tests. */
  releaseStdout?: () => Promise<void>;
}
