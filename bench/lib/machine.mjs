/** What the figures were measured on: they mean little without it. */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
};

export function machine() {
  const free = sh('free', ['-h']).split('\n').find((l) => l.startsWith('Mem:')) ?? '';
  return {
    cpu: `${cpus()[0]?.model ?? '?'} (nproc ${sh('nproc', [])})`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB total; free -h: ${free.replace(/\s+/g, ' ')}`,
    node: process.version,
    os: sh('uname', ['-srm']),
    disk: sh('df', ['-h', '/tmp']).split('\n')[1]?.replace(/\s+/g, ' ') ?? '?',
  };
}
