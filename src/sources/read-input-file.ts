import type { Deps } from '../deps.js';
import { forEachInputObservation } from '../input/for-each-observation.js';
import type { MetricObservation } from '../records/metric-observation.js';
import type { Session } from '../session.js';
import { observedWindow, type InputSpan } from '../time/observed-window.js';
import { describeWindow, hasWindowFlags, reportWindow, type ReportWindow, type WindowRequest } from '../time/report-window.js';

/**
 * The file-input path both reports share: the window (the flags', or else the span the file's emits fall in),
 * every `wanted` metric of `--input` handed to `visit` with where it lands, and the report window once the file is
 * read (undefined for a file with nothing in it). Duplicated conversations are one warning on the run's logger;
 * metrics without a value or emitDate are counted in the run's skipped records.
 */
export async function readInputFile(
  path: string,
  request: WindowRequest,
  run: Pick<Session, 'config' | 'logger' | 'skipped'>,
  deps: Pick<Deps, 'clock' | 'stdin' | 'signal'>,
  wanted: ReadonlySet<string>,
  visitorFor: (span: InputSpan) => (metric: MetricObservation) => void,
): Promise<ReportWindow | undefined> {
  const tz = run.config.tz;
  const fixed = hasWindowFlags(request) ? reportWindow(request, tz, deps.clock.now()) : undefined;
  const span = observedWindow(request.interval, tz, fixed);
  await forEachInputObservation(path, deps, wanted, visitorFor(span), { warn: (m) => run.logger.warn(m), skipped: run.skipped });
  if (fixed) return fixed;
  const observed = span.observed();
  return observed ? describeWindow(observed) : undefined;
}
