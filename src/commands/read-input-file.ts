import type { Deps } from '../deps.js';
import { forEachInputRecord } from '../input/for-each-record.js';
import { observedWindow, type InputSpan } from '../time/observed-window.js';
import { describeWindow, hasWindowFlags, reportWindow, type ReportWindow, type WindowRequest } from '../time/report-window.js';

/**
 * The file-input path both reports share: the window (the flags', or else the span the file's emits fall in),
 * every record of `--input` handed to `visit` with where it lands, and the report window once the file is read
 * (undefined for a file with nothing in it).
 */
export async function readInputFile(
  path: string,
  request: WindowRequest,
  tz: string,
  deps: Pick<Deps, 'clock' | 'stdin' | 'signal'>,
  visitorFor: (span: InputSpan) => (record: unknown) => void,
): Promise<ReportWindow | undefined> {
  const fixed = hasWindowFlags(request) ? reportWindow(request, tz, deps.clock.now()) : undefined;
  const span = observedWindow(request.interval, tz, fixed);
  await forEachInputRecord(path, deps, visitorFor(span));
  if (fixed) return fixed;
  const observed = span.observed();
  return observed ? describeWindow(observed) : undefined;
}
