import type { Deps } from '../deps.js';
import { loadDotenv } from '../config/load-dotenv.js';
import { resolveConfig, type Config } from '../config/resolve.js';
import { createLogger } from '../log.js';
import { registerSecret } from '../redact.js';
import { createProgress } from '../output/progress.js';
import type { Session } from '../session.js';
import { Skipped } from '../skipped.js';
import type { SessionSpec } from '../spec/report-spec.js';

/**
 * Builds the session of a run, once, at the composition root. Configuration is resolved first, the same way for
 * every run (flags > environment > .env > defaults), so a bad setting is reported before anything starts; `--demo`
 * then starts the simulated org in-process and points the client at it with its own credentials. The HTTP stack
 * (axios and its dependencies) and the simulator load only when used: a file or database report never compiles them.
 */
export async function openSession(spec: SessionSpec, deps: Deps): Promise<Session> {
  const progress = createProgress({
    stream: deps.stderr as NodeJS.WriteStream,
    enabled: deps.stderr.isTTY === true && spec.log !== 'quiet',
  });
  // Messages go above the progress bar, never into the middle of it.
  const logger = createLogger(spec.log, (line) => progress.above(line));
  const config = resolveConfig({
    flags: { region: spec.region, tz: spec.tz, db: spec.db },
    env: deps.env,
    dotenv: loadDotenv(deps.cwd),
    systemTimeZone: spec.defaultTz ?? deps.systemTimeZone,
    requireCredentials: spec.needsApi && !spec.demo,
  });
  const base = { logger, progress, skipped: new Skipped(), demo: false, close: async () => {} };
  if (spec.offline) return { ...base, config };
  if (!spec.needsApi) {
    // A file report asks the API only for what a file cannot hold (queue targets), and only when it can.
    const client = config.clientId && config.clientSecret ? (await import('./api-client.js')).apiClient(config, spec.requestTimeoutMs, logger, progress, deps) : undefined;
    return { ...base, config, client };
  }
  // On a terminal the line is there from the start, before the first answer (which may be a wait).
  progress.note('starting');
  const { apiClient } = await import('./api-client.js');
  if (!spec.demo) return { ...base, config, client: apiClient(config, spec.requestTimeoutMs, logger, progress, deps) };
  // --demo: the simulated org replaces the org, with its own credentials (a demo must not touch a real org).
  const { startSim } = await import('../sim/index.js');
  const sim = await startSim({ port: 0 });
  registerSecret(sim.clientSecret);
  logger.info(`demo: reporting on the simulated org at ${sim.url} (${sim.org.agents.length} agents, ${sim.org.queues.length} queues)`);
  const demo: Config = { ...config, apiUrl: sim.url, loginUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret };
  return { ...base, demo: true, config: demo, client: apiClient(demo, spec.requestTimeoutMs, logger, progress, deps), close: () => sim.close() };
}
