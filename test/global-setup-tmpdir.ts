import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every temporary file of a test run goes under one directory, removed when the run ends: tests make their temp
 * dirs with mkdtemp(os.tmpdir()), and the worker processes (and the CLIs and simulators they spawn) inherit TMPDIR.
 */
export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'gcx-test-run-'));
  // Searchable by others, as /tmp is: the PostgreSQL cluster runs as an unprivileged user inside it.
  chmodSync(dir, 0o755);
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
