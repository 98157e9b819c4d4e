import type { Deps } from '../deps.js';
import type { SimSpec } from '../spec/sim-spec.js';
import { InterruptedError, UsageError } from '../errors.js';

/**
 * Serves the simulated org until SIGINT or SIGTERM. The first three stdout lines are ready for `.env`; nothing else
 * goes to stdout, so `gcx-metrics sim | head -3 > .env` works. With --export they are `export` lines for `eval`.
 */
export async function runSim(o: SimSpec, deps: Deps): Promise<void> {
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
  deps.simReady?.({ url: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret });
  const settings = `GENESYS_CLOUD_API_URL=${sim.url}\nGENESYS_CLOUD_CLIENT_ID=${sim.clientId}\nGENESYS_CLOUD_CLIENT_SECRET=${sim.clientSecret}\n`;
  if (o.export) {
    // In-process callers (tests) without a script to start in the background: shell lines, then stdout is closed
    // so a substitution ends while the simulator keeps serving; GCX_SIM_PID is what stops it.
    const pid = deps.pid !== undefined ? `export GCX_SIM_PID=${deps.pid}\n` : '';
    deps.stdout.write(settings.replace(/^/gm, 'export ').replace(/export $/, '') + pid);
    await deps.releaseStdout?.();
  } else {
    deps.stdout.write(settings);
  }
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
