/** The database when neither --db nor GCX_DB names one: a SQLite file in the working directory. */
export const DEFAULT_DB = 'gcx-metrics.sqlite';
