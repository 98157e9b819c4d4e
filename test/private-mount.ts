import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

/**
 * Destructive filesystem cases (devices, full or read-only mounts) run only in a private mount namespace, never on
 * the machine's real paths: this needs root and `unshare -m`. Tests that need it skip without them.
 */
export const canUnshare = process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;

/** Quotes a path for `sh`. */
export const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs `script` with `sh` in a private mount namespace (mounts it makes vanish with it), with only PATH and TZ. */
export function inPrivateMount(script: string, timeoutMs: number): SpawnSyncReturns<string> {
  return spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script], {
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC' },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
}
