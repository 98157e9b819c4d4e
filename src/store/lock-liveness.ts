import { readFileSync } from 'node:fs';

/** A lock row of another host older than this is taken over: no sync runs this long, a restarted container does. */
export const FOREIGN_LOCK_EXPIRY_MS = 24 * 3_600_000;
/** Linux's USER_HZ (the unit of /proc/<pid>/stat's start time) on every architecture Node supports. */
const TICKS_PER_S = 100;
/** The lock's time is taken after its process started; a little slack for rounding. */
const SLACK_MS = 2_000;

export interface LockRow {
  pid: number;
  host: string;
  started_at: string;
}

/**
 * Does the sync that wrote this lock row still run? On this host: its pid runs AND that process started before the
 * lock was taken (a pid reused after a reboot or container restart started later). On another host we cannot look:
 * live unless older than FOREIGN_LOCK_EXPIRY_MS.
 */
export function lockIsLive(lock: LockRow, me: { pid: number; host: string }, nowMs: number, proc = '/proc'): boolean {
  const lockedMs = Date.parse(lock.started_at);
  if (lock.host !== me.host) return !(nowMs - lockedMs > FOREIGN_LOCK_EXPIRY_MS);
  if (lock.pid === me.pid) return false;
  try {
    process.kill(lock.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const startedMs = processStartMs(lock.pid, proc);
  return startedMs === undefined || !Number.isFinite(lockedMs) || startedMs <= lockedMs + SLACK_MS;
}

/** When a process started (epoch ms), from /proc; undefined where there is no /proc (macOS): then a live pid counts. */
export function processStartMs(pid: number, proc = '/proc'): number | undefined {
  try {
    const stat = readFileSync(`${proc}/${pid}/stat`, 'utf8');
    // Field 22, counted after the command name's closing parenthesis (a name may hold spaces and parentheses).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync(`${proc}/stat`, 'utf8'))?.[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(btime)) return undefined;
    return btime * 1000 + (ticks / TICKS_PER_S) * 1000;
  } catch {
    return undefined;
  }
}
