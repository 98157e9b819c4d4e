import type { Deps } from '../cli/deps.js';
import type { CommonOptions } from '../cli/options.js';
import { createApiClient, type ApiClient } from '../api/http.js';
import { RETRY_DEFAULTS } from '../api/retry-policy.js';
import { fetchClientCredentialsToken } from '../auth/client-credentials.js';
import { createTokenProvider } from '../auth/token-provider.js';
import { loadDotenv } from '../config/load-dotenv.js';
import { resolveConfig, type Config } from '../config/resolve.js';
import { createLogger, type Logger } from '../log.js';
import { createProgress, type Progress } from '../output/progress.js';

/** What every report command shares: configuration, logging, progress, and (unless reading a file) the API. */
export interface Session {
  config: Config;
  logger: Logger;
  progress: Progress;
  /** Undefined when the report reads --input instead of the API. */
  client?: ApiClient;
  close(): Promise<void>;
}

/**
 * Builds the session for a report: `--demo` starts the simulated org in-process and points the client at it with
 * its own credentials, ignoring .env and the credential variables (a demo must not touch a real org).
 */
export async function openSession(o: CommonOptions & { input?: string }, deps: Deps): Promise<Session> {
  const logger = createLogger(o.quiet ? 'quiet' : o.verbose ? 'verbose' : 'normal', (line) => deps.stderr.write(line));
  const progress = createProgress({
    stream: deps.stderr as NodeJS.WriteStream,
    enabled: deps.stderr.isTTY === true && !o.quiet,
  });
  let env = deps.env;
  let dotenv = loadDotenv(deps.cwd);
  let closeSim = async () => {};
  if (o.demo) {
    const { startSim } = await import('../sim/index.js');
    const sim = await startSim({ port: 0 });
    closeSim = () => sim.close();
    env = {
      GCX_TZ: deps.env.GCX_TZ,
      GENESYS_CLOUD_API_URL: sim.url,
      GENESYS_CLOUD_CLIENT_ID: sim.clientId,
      GENESYS_CLOUD_CLIENT_SECRET: sim.clientSecret,
    };
    dotenv = {};
    logger.info(`demo: reporting on the simulated org at ${sim.url} (${sim.org.agents.length} agents, ${sim.org.queues.length} queues)`);
  }
  try {
    const config = resolveConfig({
      flags: { region: o.region, tz: o.tz },
      env,
      dotenv,
      systemTimeZone: deps.systemTimeZone,
      requireCredentials: o.input === undefined,
    });
    if (o.input !== undefined) return { config, logger, progress, close: closeSim };
    const { clientId, clientSecret, loginUrl } = config;
    const tokens = createTokenProvider({
      fetchToken: () =>
        fetchClientCredentialsToken({
          loginUrl,
          clientId: clientId!,
          clientSecret: clientSecret!,
          timeoutMs: o.requestTimeout * 1000,
          clock: deps.clock,
          logger,
          signal: deps.signal,
        }),
      clock: deps.clock,
    });
    const client = createApiClient({
      apiUrl: config.apiUrl,
      tokens,
      clock: deps.clock,
      logger,
      signal: deps.signal,
      policy: { ...RETRY_DEFAULTS, requestTimeoutMs: o.requestTimeout * 1000 },
    });
    return { config, logger, progress, client, close: closeSim };
  } catch (error) {
    await closeSim();
    throw error;
  }
}
