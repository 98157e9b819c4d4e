import type { Deps } from '../deps.js';
import { openStore, thisProcess } from './open-store.js';
import { storedSettingValues } from './stored-settings.js';
import type { ReportName } from './tables.js';
import { dbTarget } from './target.js';

/** What a `--db` report takes from the database when its flag is not given. */
export interface DbReportDefaults {
  interval?: string;
  tz?: string;
  threshold?: number | 'queue';
  shortAbandon?: number | 'org';
  formula?: 'genesys' | 'answered' | 'offered' | 'answered-flowout';
}

/**
 * The settings `report` was synced with: a `--db` report uses the database's stored zone, interval and goals unless
 * told otherwise (cli-contract.md, sync; issue 31). Nothing stored for the report: no defaults (the read that
 * follows says what is missing).
 */
export async function readDbReportDefaults(
  db: { target?: { value: string; source: string } | undefined; pg: Record<string, string> },
  report: ReportName,
  deps: Pick<Deps, 'cwd' | 'clock'>,
): Promise<DbReportDefaults> {
  const store = await openStore(dbTarget(db.target, deps.cwd), 'read', db.pg, thisProcess(deps.clock.now()));
  try {
    const state = (await store.readStates()).find((s) => s.report === report);
    if (!state) return {};
    const v = storedSettingValues(state.settings);
    const out: DbReportDefaults = {};
    if (v.interval !== undefined) out.interval = v.interval;
    if (v.tz !== undefined) out.tz = v.tz;
    if (v.threshold !== undefined) out.threshold = v.threshold;
    if (v.shortAbandon !== undefined) out.shortAbandon = v.shortAbandon;
    if (v.formula !== undefined) out.formula = v.formula;
    return out;
  } finally {
    await store.close();
  }
}
