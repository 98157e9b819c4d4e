import { UsageError } from '../errors.js';
import { describeIoError } from '../output/io-error.js';

/**
 * process.cwd(), or exit 2 in words when the system cannot say where we are: a path longer than PATH_MAX (4096 on
 * Linux) fails with ERANGE, a deleted directory with ENOENT. Called only when a path is needed, so --version and
 * --help work from anywhere.
 */
export function currentDirectory(): string {
  try {
    return process.cwd();
  } catch (err) {
    throw new UsageError(
      `the current directory cannot be used: ${describeIoError(err)}; its path may be longer than the system allows (4096 bytes) or it was removed; run gcx-metrics from another directory`,
    );
  }
}
