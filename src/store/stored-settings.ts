import type { ServiceLevelFormula, ShortAbandon } from '../metrics/service-level.js';
import { parseSelection } from './stored-selection.js';
import type { SyncSettings } from './tables.js';

/**
 * A database's stored settings (text, as sync_state keeps them) back as values: what a later sync or a `--db` report
 * takes when its flag is not given. A setting the report does not have ('' for occupancy's threshold), or a text
 * this version cannot read, gives undefined: the caller's default applies.
 */
export interface StoredSettingValues {
  interval: string | undefined;
  tz: string | undefined;
  media: string[];
  /** Flag → ids, as `--agent a,b --queue q` was stored. */
  selection: Map<string, string[]>;
  threshold: number | 'queue' | undefined;
  shortAbandon: ShortAbandon | undefined;
  formula: ServiceLevelFormula | undefined;
}

const FORMULAS: readonly ServiceLevelFormula[] = ['genesys', 'answered', 'offered', 'answered-flowout'];

const seconds = (text: string): number | undefined => (/^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined);

export function storedSettingValues(s: SyncSettings): StoredSettingValues {
  return {
    interval: s.interval === '' ? undefined : s.interval,
    tz: s.tz === '' ? undefined : s.tz,
    media: s.media === '' ? [] : s.media.split(','),
    selection: parseSelection(s.selection),
    threshold: s.threshold === 'queue' ? 'queue' : seconds(s.threshold),
    shortAbandon: s.shortAbandon === 'org' ? 'org' : seconds(s.shortAbandon),
    // Databases synced before the formula was stored hold '' there: their service_level_pct was genesys's.
    formula: (FORMULAS as readonly string[]).includes(s.formula) ? (s.formula as ServiceLevelFormula) : s.threshold === '' ? undefined : 'genesys',
  };
}
