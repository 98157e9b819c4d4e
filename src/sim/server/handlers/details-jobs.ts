import { DetailsJobSchema } from '../details-schemas.js';
import { badRequest } from '../http-error.js';
import type { ApiRequest, Handler } from '../sim-context.js';
import { validate } from '../validate.js';

/** The job-ending state a jobFailed/jobExpired fault asks for, if this request carries one. */
const faultState = (req: ApiRequest) =>
  req.fault === 'jobFailed' ? 'FAILED' : req.fault === 'jobExpired' ? 'EXPIRED' : undefined;

/** POST .../details/jobs → 202 {jobId}. A job fault here dooms the job: it ends FAILED/EXPIRED, not FULFILLED. */
export const submitJob: Handler = (req, ctx) => {
  const query = validate(DetailsJobSchema, req.body);
  const doom = faultState(req);
  const job = ctx.jobs.submit(query, doom);
  return { status: 202, body: { jobId: job.id }, faultApplied: doom !== undefined };
};

/** GET .../details/jobs/{jobId}: 202 while QUEUED/PENDING, 200 once it has ended. */
export const jobStatus: Handler = (req, ctx) => {
  const doom = faultState(req);
  const job = ctx.jobs.poll(req.params[0]!, doom);
  const running = job.state === 'QUEUED' || job.state === 'PENDING';
  return { status: running ? 202 : 200, body: ctx.jobs.status(job), faultApplied: doom !== undefined };
};

export const deleteJob: Handler = (req, ctx) => {
  ctx.jobs.cancel(req.params[0]!);
  return { status: 204 };
};

/** [UNVERIFIED] the real default and maximum pageSize of job results; 100 and 1000 here. */
const RESULTS_DEFAULT_PAGE = 100;
const RESULTS_MAX_PAGE = 1000;

/** GET .../details/jobs/{jobId}/results?cursor=&pageSize= */
export const jobResults: Handler = (req, ctx) => {
  const id = req.params[0]!;
  const doom = faultState(req);
  if (doom) ctx.jobs.fail(id, doom);
  const sizeText = req.url.searchParams.get('pageSize');
  const pageSize = sizeText === null ? RESULTS_DEFAULT_PAGE : Number(sizeText);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > RESULTS_MAX_PAGE) {
    throw badRequest(`pageSize must be an integer from 1 to ${RESULTS_MAX_PAGE}, not "${sizeText}"`);
  }
  const cursor = req.url.searchParams.get('cursor') || undefined;
  return { status: 200, body: ctx.jobs.results(id, cursor, pageSize), faultApplied: doom !== undefined };
};

/** GET .../details/jobs/availability */
export const jobsAvailability: Handler = (_req, ctx) => ({
  status: 200,
  body: { dataAvailabilityDate: new Date(ctx.jobs.availabilityMs()).toISOString() },
});
