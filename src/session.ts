import type { ApiClient } from './api/http.js';
import type { Config } from './config/resolve.js';
import type { Logger } from './log.js';
import type { Progress } from './output/progress.js';
import type { Skipped } from './skipped.js';

/**
 * What one run shares, built once at the composition root (src/cli/open-session.ts) and handed to a command:
 * configuration, logging, progress, the API client when there is one (the real org's, or the in-process
 * simulator's with --demo), and what records were skipped. Commands never build any of it themselves.
 */
export interface Session {
  config: Config;
  logger: Logger;
  progress: Progress;
  /** Records without a field a computation needs; reportSkipped says how many, once, when the report is done. */
  skipped: Skipped;
  /** Undefined for a database report, and for a file report without configured credentials. */
  client?: ApiClient | undefined;
  /** The simulated org's name for page headers (`demo org`), when --demo started one. */
  demo: boolean;
  close(): Promise<void>;
}

/** One warning per kind of skipped record ("3 session metrics without emitDate skipped"); never silence. */
export function reportSkipped(session: Pick<Session, 'skipped' | 'logger'>): void {
  for (const line of session.skipped.lines()) session.logger.warn(line);
}
