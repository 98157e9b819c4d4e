import { parseQueryInterval } from '../engine/index.js';
import type { SimConversation } from '../data/index.js';
import type { DaySource } from './day-source.js';
import { DAY_MS, LOOKBACK_DAYS, utcDaysTouched } from './day-source.js';
import type { DetailsJobQuery } from './details-schemas.js';
import { badRequest, notFound } from './http-error.js';
import { conversationMatcher } from './match-conversation.js';
import { simUuid } from './sim-ids.js';

export type JobState = 'QUEUED' | 'PENDING' | 'FAILED' | 'CANCELLED' | 'FULFILLED' | 'EXPIRED';
type EndState = 'FULFILLED' | 'FAILED' | 'EXPIRED';

interface Job {
  id: string;
  query: DetailsJobQuery;
  startMs: number;
  endMs: number;
  submittedMs: number;
  /** Jobs read the datalake: only conversations ended by `now - dataLag` at submission are in it. */
  availabilityMs: number;
  polls: number;
  state: JobState;
  /** Where the job ends instead of FULFILLED (a jobFailed/jobExpired fault on its submission). */
  endState: EndState;
  completedMs?: number;
}

/** [UNVERIFIED] how long real job results are kept; a day is plenty for a report run. */
const JOB_LIFETIME_MS = 86_400_000;

/**
 * Async details jobs. A job advances one step per status poll: QUEUED, then PENDING, then after
 * `pollsUntilFulfilled` polls its end state. Results are computed lazily, a page at a time, from the
 * generated days, so a long interval costs nothing until it is read.
 */
export function createJobStore(opts: {
  seed: number;
  days: DaySource;
  now: () => number;
  dataLagMs: number;
  pollsUntilFulfilled: number;
}) {
  const jobs = new Map<string, Job>();
  let submitted = 0;

  const get = (id: string): Job => {
    const job = jobs.get(id);
    if (!job) throw notFound();
    return job;
  };
  const end = (job: Job, state: JobState) => {
    job.state = state;
    job.completedMs = opts.now();
  };
  const isDone = (job: Job) => !['QUEUED', 'PENDING'].includes(job.state);

  return {
    availabilityMs: () => opts.now() - opts.dataLagMs,

    submit(query: DetailsJobQuery, endState: EndState = 'FULFILLED'): Job {
      const { startMs, endMs } = parseQueryInterval(query.interval);
      conversationMatcher(query.conversationFilters, query.segmentFilters); // reject bad filters at submission
      submitted += 1;
      const now = opts.now();
      const job: Job = {
        id: simUuid(opts.seed, 'job', submitted),
        query,
        startMs,
        endMs,
        submittedMs: now,
        availabilityMs: now - opts.dataLagMs,
        polls: 0,
        state: 'QUEUED',
        endState,
      };
      jobs.set(job.id, job);
      return job;
    },

    /** A status poll. `fault` ends the job at once (FAILED or EXPIRED), whatever its state. */
    poll(id: string, fault?: 'FAILED' | 'EXPIRED'): Job {
      const job = get(id);
      if (fault) end(job, fault);
      if (isDone(job)) return job;
      job.polls += 1;
      if (job.polls > opts.pollsUntilFulfilled) end(job, job.endState);
      else job.state = job.polls === 1 ? 'QUEUED' : 'PENDING';
      return job;
    },

    /** DELETE: the job is gone afterwards (its status and results answer 404). */
    cancel(id: string): void {
      get(id);
      jobs.delete(id);
    },

    /** Marks a job FAILED/EXPIRED from a fault on its results request. */
    fail(id: string, state: 'FAILED' | 'EXPIRED'): void {
      end(get(id), state);
    },

    status(job: Job) {
      return {
        state: job.state,
        ...(job.state === 'FAILED' && { errorMessage: 'Simulated failure: the job could not be completed' }),
        submissionDate: iso(job.submittedMs),
        expirationDate: iso(job.submittedMs + JOB_LIFETIME_MS),
        ...(job.completedMs !== undefined && { completionDate: iso(job.completedMs) }),
      };
    },

    results(id: string, cursor: string | undefined, pageSize: number) {
      const job = get(id);
      if (job.state !== 'FULFILLED') {
        throw badRequest(`Job ${id} is ${job.state}; results are available only once it is FULFILLED`);
      }
      const days = startDaysOf(job).filter((d) => d <= job.availabilityMs);
      if (job.query.order === 'desc') days.reverse();
      const from = cursor === undefined ? { dayIdx: 0, offset: 0, returned: 0 } : decodeCursor(cursor, days);
      const take = Math.min(pageSize, (job.query.limit ?? Infinity) - from.returned);
      const conversations: SimConversation[] = [];
      let next: string | undefined;
      for (const hit of scan(job, days, from.dayIdx, from.offset)) {
        if (conversations.length >= take) {
          const returned = from.returned + conversations.length;
          if (returned < (job.query.limit ?? Infinity)) next = encodeCursor(hit.day, hit.offset, returned);
          break;
        }
        conversations.push(hit.conversation);
      }
      return { conversations, ...(next && { cursor: next }), dataAvailabilityDate: iso(job.availabilityMs) };
    },
  };

  /**
   * The start days a job reads: those its interval touches, and by default (overlap) the LOOKBACK_DAYS before them,
   * where only long conversations can still be open when the interval begins.
   */
  function startDaysOf(job: Job): number[] {
    const touched = utcDaysTouched(job.startMs, job.endMs);
    if (job.query.startOfDayIntervalMatching || touched.length === 0) return touched;
    return [...utcDaysTouched(touched[0]! - LOOKBACK_DAYS * DAY_MS, touched[0]!), ...touched];
  }

  function* scan(job: Job, days: number[], dayIdx: number, offset: number) {
    const matches = conversationMatcher(job.query.conversationFilters, job.query.segmentFilters);
    // Jobs match conversations whose lifetime overlaps the interval ("all conversations that had activity during
    // the interval"); startOfDayIntervalMatching asks for the query's rule instead: started on a UTC day the
    // interval touches (every conversation of a touched day).
    const inInterval = job.query.startOfDayIntervalMatching
      ? () => true
      : (c: SimConversation) => Date.parse(c.conversationStart) < job.endMs && Date.parse(c.conversationEnd) > job.startMs;
    const firstTouched = Math.floor(job.startMs / DAY_MS) * DAY_MS;
    for (let i = dayIdx; i < days.length; i++) {
      const day = days[i]!;
      const list = day < firstTouched ? opts.days.longStartedOn(day) : opts.days.day(day).conversations;
      const ordered = job.query.order === 'desc' ? [...list].reverse() : list;
      for (let o = i === dayIdx ? offset : 0; o < ordered.length; o++) {
        const c = ordered[o]!;
        if (Date.parse(c.conversationEnd) <= job.availabilityMs && inInterval(c) && matches(c)) {
          yield { conversation: c, day, offset: o };
        }
      }
    }
  }
}
export type JobStore = ReturnType<typeof createJobStore>;

/** Opaque to clients, stable for a job: the UTC day and the position in it, plus how many were returned. */
function encodeCursor(day: number, offset: number, returned: number): string {
  return Buffer.from(`sim1:${day}:${offset}:${returned}`).toString('base64url');
}

function decodeCursor(cursor: string, days: number[]) {
  const m = /^sim1:(\d+):(\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const dayIdx = m ? days.indexOf(Number(m[1])) : -1;
  if (!m || dayIdx < 0) throw badRequest(`Invalid cursor "${cursor}" for this job`);
  return { dayIdx, offset: Number(m[2]), returned: Number(m[3]) };
}

const iso = (ms: number) => new Date(ms).toISOString();
