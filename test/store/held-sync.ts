import { spawn } from 'node:child_process';
import { BIN } from '../e2e/cli.js';

/**
 * A `gcx-metrics sync` (the built CLI, `args` after the binary) stopped inside its write transaction by the test
 * hook, waiting there to be killed: resolves once the transaction is open, with the pid and the exit to wait for.
 */
export async function startHeldSync(args: string[], env: Record<string, string>): Promise<{ pid: number; exited: Promise<void> }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env, GCX_TEST_HANG_AFTER_FIRST_WRITE: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      seen += d;
      if (seen.includes('holding the write transaction open')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the held sync exited (${code}) before its first write: ${seen}`)));
  });
  return { pid: child.pid!, exited };
}
