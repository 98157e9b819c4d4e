import { spawn } from 'node:child_process';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import type { SimSpec } from '../spec/sim-spec.js';

/** What the background simulator tells its starter once it serves. */
export interface SimReady {
  url: string;
  clientId: string;
  clientSecret: string;
}

/** Set in the background simulator's environment: it reports readiness over IPC instead of printing. */
export const SIM_DAEMON_ENV = 'GCX_SIM_DAEMON';

/**
 * `sim --export`: start the simulator as a detached background process, print its `export` lines and exit at
 * once. The starter holds no pipe the shell waits on, so `eval "$(npx gcx-metrics sim --export --port 0)"`
 * returns whichever launcher runs it (npx keeps its own stdout open for as long as its child runs, so a server in
 * the foreground process never let the substitution end). GCX_SIM_PID is the background process.
 */
export async function startSimDaemon(spec: SimSpec, entry: string, deps: Pick<Deps, 'env' | 'stdout' | 'stderr' | 'cwd'>): Promise<void> {
  const args = ['sim', '--port', String(spec.port), '--seed', String(spec.seed), '--agents', String(spec.agents), '--latency', String(spec.latency)];
  if (spec.faults !== undefined) args.push('--faults', spec.faults);
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: deps.cwd,
    detached: true,
    // stderr is read until the simulator serves, so a failure to start (a port in use) is reported here.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...deps.env, [SIM_DAEMON_ENV]: '1' },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const ready = await new Promise<SimReady | { code: number | null }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as SimReady));
    child.once('exit', (code) => resolve({ code }));
    child.once('error', reject);
  });
  if (!('url' in ready)) {
    const line = stderr.trim().split('\n').pop()?.replace(/^gcx-metrics: /, '') ?? '';
    throw new UsageError(line || `sim --export: the background simulator exited (${ready.code}) before serving`);
  }
  deps.stdout.write(
    `export GENESYS_CLOUD_API_URL=${ready.url}\nexport GENESYS_CLOUD_CLIENT_ID=${ready.clientId}\n` +
      `export GENESYS_CLOUD_CLIENT_SECRET=${ready.clientSecret}\nexport GCX_SIM_PID=${child.pid}\n`,
  );
  deps.stderr.write(`gcx-metrics sim: serving in the background on ${ready.url} (pid ${child.pid}); kill "$GCX_SIM_PID" stops it\n`);
  child.stderr!.destroy();
  child.disconnect();
  child.unref();
}
