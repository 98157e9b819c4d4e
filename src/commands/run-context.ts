import type { Deps } from '../deps.js';
import type { ApiClient } from '../api/http.js';
import { loadDotenv } from '../config/load-dotenv.js';
import { resolveConfig, type Config } from '../config/resolve.js';
import { createLogger, type Logger } from '../log.js';
import { registerSecret } from '../redact.js';
import { createProgress, type Progress } from '../output/progress.js';
import { Skipped } from '../skipped.js';
import type { CommonOptions } from './options.js';

/**
 * Where a report's numbers come from: the API (with its client), an exported details file, or a sync database; a
 * file report also gets a client when credentials are configured, for what a file cannot hold (queue targets).
 */
export type ReportSource = { kind: 'api'; client: ApiClient } | { kind: 'file'; path: string; client?: ApiClient } | { kind: 'db'; target: string };

/** What every report run shares: configuration, logging, progress, its source, and how to end it. */
export interface RunContext {
  config: Config;
  logger: Logger;
  progress: Progress;
  source: ReportSource;
  /** Records without a field a computation needs; reportSkipped says how many, once, when the report is done. */
  skipped: Skipped;
  close(): Promise<void>;
}

/** One warning per kind of skipped record ("3 session metrics without emitDate skipped"); never silence. */
export function reportSkipped(run: Pick<RunContext, 'skipped' | 'logger'>): void {
  for (const line of run.skipped.lines()) run.logger.warn(line);
}

/**
 * Builds the context of a report run. Configuration is resolved first, the same way for every run, so a bad
 * setting is reported before anything starts; `--demo` then starts the simulated org in-process and points the
 * client at it with its own credentials.
 */
export async function openRunContext(o: CommonOptions & { input?: string | undefined; db?: string | undefined }, deps: Deps): Promise<RunContext> {
  const progress = createProgress({
    stream: deps.stderr as NodeJS.WriteStream,
    enabled: deps.stderr.isTTY === true && !o.quiet,
  });
  // Messages go above the progress bar, never into the middle of it.
  const logger = createLogger(o.quiet ? 'quiet' : o.verbose ? 'verbose' : 'normal', (line) => progress.above(line));
  if (o.since !== undefined && o.from !== undefined) logger.warn(`--from/--to win over --since: --since ${o.since} is ignored`);
  // The same precedence and errors as a real run (flags > environment > .env > defaults) before anything starts.
  const config = resolveConfig({
    flags: { region: o.region, tz: o.tz, db: o.db },
    env: deps.env,
    dotenv: loadDotenv(deps.cwd),
    systemTimeZone: deps.systemTimeZone,
    requireCredentials: o.input === undefined && o.db === undefined && !o.demo,
  });
  const context = { logger, progress, skipped: new Skipped() };
  if (o.input !== undefined) {
    progress.note(`reading ${o.input === '-' ? 'stdin' : o.input}`);
    // Used only when asked: a file report that needs nothing from the API never fetches a token.
    // The HTTP stack (axios and its dependencies) is loaded only then: it would cost a file run's start-up for nothing.
    const client =
      config.clientId && config.clientSecret
        ? (await import('./api-client.js')).apiClient(config, o.requestTimeout * 1000, logger, progress, deps)
        : undefined;
    return { ...context, config, source: { kind: 'file', path: o.input, ...(client ? { client } : {}) }, close: async () => {} };
  }
  if (o.db !== undefined) return { ...context, config, source: { kind: 'db', target: o.db }, close: async () => {} };
  // On a terminal the line is there from the start, before the first answer (which may be a wait).
  progress.note('starting');
  const { apiClient } = await import('./api-client.js');
  if (!o.demo) {
    return { ...context, config, source: { kind: 'api', client: apiClient(config, o.requestTimeout * 1000, logger, progress, deps) }, close: async () => {} };
  }
  // --demo: the simulated org replaces the org, with its own credentials (a demo must not touch a real org).
  const { startSim } = await import('../sim/index.js');
  const sim = await startSim({ port: 0 });
  registerSecret(sim.clientSecret);
  logger.info(`demo: reporting on the simulated org at ${sim.url} (${sim.org.agents.length} agents, ${sim.org.queues.length} queues)`);
  const demo: Config = { ...config, apiUrl: sim.url, loginUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret };
  return { ...context, config: demo, source: { kind: 'api', client: apiClient(demo, o.requestTimeout * 1000, logger, progress, deps) }, close: () => sim.close() };
}
