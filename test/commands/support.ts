import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { Deps } from '../../src/deps.js';

export const API = 'https://api.gcx.test';

/** Deps for calling a command in-process: a fixed clock, instant sleeps, captured stdout/stderr, an empty cwd. */
export function testDeps(nowIso: string, env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const deps: Deps = {
    env: {
      GENESYS_CLOUD_API_URL: API,
      GENESYS_CLOUD_CLIENT_ID: 'test-client',
      GENESYS_CLOUD_CLIENT_SECRET: 'test-secret-value',
      ...env,
    },
    cwd: mkdtempSync(join(tmpdir(), 'gcx-cmd-')),
    stdin: Readable.from([]),
    stdout,
    stderr,
    clock: { now: () => Date.parse(nowIso), sleep: async () => {} },
    signal: new AbortController().signal,
    systemTimeZone: 'UTC',
  };
  return { deps, stdout: () => out, stderr: () => err };
}

export const json = { 'Content-Type': 'application/json' };
export const token = { access_token: 'placeholder-token', token_type: 'bearer', expires_in: 86_400 };

/**
 * The reports as the CLI composes them (spec → session → source → rows), for tests that give parsed options:
 * the printed rows, as every text format receives them.
 */
import type { OccupancyOptions, ServiceLevelOptions } from '../../src/cli/options.js';
import { occupancySpec, serviceLevelSpec } from '../../src/cli/specs.js';
import { openSession } from '../../src/cli/open-session.js';
import { openSource } from '../../src/sources/open-source.js';
import { occupancyReport, runOccupancy as runOccupancyCommand } from '../../src/commands/occupancy.js';
import { runServiceLevel as runServiceLevelCommand, serviceLevelReport } from '../../src/commands/service-level.js';
import { printedTable, printedWindow, type ReportTable } from '../../src/output/report-table.js';
import type { Session } from '../../src/session.js';
import { checkReportOutput, chosenColumns } from '../../src/output/write-report.js';
import { OCCUPANCY_COLUMNS, SERVICE_LEVEL_COLUMNS } from '../../src/metrics/rows.js';
import type { SessionSpec, SourceSpec } from '../../src/spec/report-spec.js';
import { readDbReportDefaults } from '../../src/store/stored-defaults.js';

async function composed<T>(spec: { session: SessionSpec; source: SourceSpec }, deps: Deps, body: (session: Session, source: Awaited<ReturnType<typeof openSource>>) => Promise<T>): Promise<T> {
  const session = await openSession(spec.session, deps);
  try {
    return await body(session, await openSource(spec.source, session, deps));
  } finally {
    session.progress.done();
    await session.close();
  }
}

const printed = (t: ReportTable) => ({ columns: t.columns, rows: [...printedTable(t).rows], window: printedWindow(t) });

/** A --db report's stored settings, as src/cli/main.ts reads them before building the spec. */
const stored = (db: string | undefined, report: 'occupancy' | 'service-level', deps: Deps) =>
  db === undefined ? Promise.resolve({}) : readDbReportDefaults({ target: { value: db, source: '--db' }, pg: {} }, report, deps);

export async function occupancyTable(o: OccupancyOptions, deps: Deps) {
  const spec = occupancySpec(o, deps, await stored(o.db, 'occupancy', deps));
  return composed(spec, deps, async (session, source) => printed(await occupancyReport(spec, session, source)));
}

export async function serviceLevelTable(o: ServiceLevelOptions, deps: Deps) {
  const spec = serviceLevelSpec(o, deps, await stored(o.db, 'service-level', deps));
  return composed(spec, deps, async (session, source) => printed((await serviceLevelReport(spec, session, source)).table));
}

export async function runOccupancy(o: OccupancyOptions, deps: Deps) {
  const spec = occupancySpec(o, deps, await stored(o.db, 'occupancy', deps));
  // As the CLI does before anything starts (src/cli/main.ts).
  checkReportOutput(spec.output, deps, o.input);
  chosenColumns(spec.output, OCCUPANCY_COLUMNS);
  return composed(spec, deps, (session, source) => runOccupancyCommand(spec, session, source, deps));
}

export async function runServiceLevel(o: ServiceLevelOptions, deps: Deps) {
  const spec = serviceLevelSpec(o, deps, await stored(o.db, 'service-level', deps));
  checkReportOutput(spec.output, deps, o.input);
  chosenColumns(spec.output, SERVICE_LEVEL_COLUMNS);
  return composed(spec, deps, (session, source) => runServiceLevelCommand(spec, session, source, deps));
}

import type { StaffingOptions } from '../../src/cli/staffing-options.js';
import { staffingSpec } from '../../src/cli/specs.js';
import { runStaffing as runStaffingCommand, staffingReport } from '../../src/commands/staffing.js';
import { STAFFING_COLUMNS } from '../../src/metrics/rows.js';

export function staffingTable(o: StaffingOptions, deps: Deps) {
  const spec = staffingSpec(o, deps);
  return composed(spec, deps, async (session, source) => printed((await staffingReport(spec, session, source)).table));
}

export async function runStaffing(o: StaffingOptions, deps: Deps) {
  const spec = staffingSpec(o, deps);
  checkReportOutput(spec.output, deps);
  chosenColumns(spec.output, STAFFING_COLUMNS);
  return composed(spec, deps, (session, source) => runStaffingCommand(spec, session, source, deps));
}
