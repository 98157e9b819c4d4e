import type { Deps } from '../deps.js';
import type { SimCommandOptions } from './options.js';
import { InterruptedError, UsageError } from '../errors.js';

/**
 * Serves the simulated org until SIGINT. The first three stdout lines are ready for `.env` or `eval`; nothing else
 * goes to stdout, so `gcx-metrics sim | head -3 > .env` works.
 */
export async function runSim(o: SimCommandOptions, deps: Deps): Promise<void> {
  const { startSim, parseFaultSpec } = await import('../sim/index.js');
  // parseFaultSpec's errors are usage errors that already name --faults.
  const faults = o.faults === undefined ? undefined : parseFaultSpec(o.faults);
  let sim;
  try {
    sim = await startSim({ port: o.port, seed: o.seed, agents: o.agents, latencyMs: o.latency, faults });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`--port: ${o.port} is already in use; pick another or use --port 0`);
    throw error;
  }
  deps.stdout.write(
    `GENESYS_CLOUD_API_URL=${sim.url}\nGENESYS_CLOUD_CLIENT_ID=${sim.clientId}\nGENESYS_CLOUD_CLIENT_SECRET=${sim.clientSecret}\n`,
  );
  deps.stderr.write(
    `gcx-metrics sim: serving a simulated org (${sim.org.agents.length} agents, ${sim.org.queues.length} queues, seed ${o.seed}) on ${sim.url}; Ctrl-C stops it\n`,
  );
  await new Promise<void>((resolve) => {
    if (deps.signal.aborted) return resolve();
    deps.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await sim.close();
  // Ctrl-C is how a sim ends; exit 130 says so, like any interrupted command.
  throw new InterruptedError();
}
