import type { OccupancyRow } from '../../metrics/rows.js';
import { completeIntervals, planBuckets, type Bucket, type ReportInterval } from './time-buckets.js';

export interface HeatmapCell {
  handled: number;
  handleS: number;
  interactingS: number;
  onQueueS: number;
}

export interface HeatmapAgent {
  id: string;
  name: string;
  totals: HeatmapCell;
  /** One per bucket. */
  cells: HeatmapCell[];
}

export interface OccupancyModel {
  /** `routing`: interacting ÷ on-queue time (Genesys's occupancy); `handle`: handle time ÷ bucket length, when
   * the rows have no routing-status time (a report from an exported details file). */
  measure: 'routing' | 'handle';
  buckets: Bucket[];
  bucketSize: string;
  /** Busiest first: most handle time in the window, then name. */
  agents: HeatmapAgent[];
  /** All agents per bucket, plus how many were on queue. */
  totals: Array<HeatmapCell & { agentsOnQueue: number }>;
}

/** Limits that keep a 1,000-agent week usable: at most 96 columns and 50,000 cells (see planBuckets). */
export const HEATMAP_LIMITS = { maxColumns: 96, maxCells: 50_000 };

/** Seconds, as the rows print them (API durations are whole milliseconds). */
const seconds = (ms: number) => Math.round(ms) / 1000;
const zero = (): HeatmapCell => ({ handled: 0, handleS: 0, interactingS: 0, onQueueS: 0 });

/**
 * Collects occupancy rows compactly as they stream past (a few numbers per row, not the row), then builds the
 * heatmap: agents × buckets with summed seconds, so a coarser bucket's occupancy is a ratio of sums.
 */
export class OccupancyCollector {
  private readonly intervals = new Map<number, ReportInterval & { index: number }>();
  private readonly agents = new Map<string, { id: string; name: string; index: number }>();
  private readonly refs: number[] = [];
  private readonly values: number[] = [];

  constructor(private readonly formatTime: (ms: number) => string) {}

  add(row: OccupancyRow): void {
    let interval = this.intervals.get(row.startMs);
    if (!interval) {
      interval = { start: this.formatTime(row.startMs), end: this.formatTime(row.endMs), startMs: row.startMs, endMs: row.endMs, index: this.intervals.size };
      this.intervals.set(row.startMs, interval);
    }
    const { agentId: id, agentName: name } = row;
    const key = id || name;
    let agent = this.agents.get(key);
    if (!agent) this.agents.set(key, (agent = { id, name, index: this.agents.size }));
    this.refs.push(agent.index, interval.index);
    const c = row.counts;
    this.values.push(c.handled, seconds(c.handleMs), seconds(c.interactingMs), seconds(c.idleMs + c.interactingMs + c.communicatingMs));
  }

  build(grid: Parameters<typeof completeIntervals>[1] = {}, limits = HEATMAP_LIMITS): OccupancyModel {
    const sorted = [...this.intervals.values()].sort((a, b) => a.startMs - b.startMs);
    const all = completeIntervals(sorted, grid);
    const plan = planBuckets(all, this.agents.size, limits);
    const bucketOfStart = new Map(all.map((interval, n) => [interval.startMs, plan.bucketOf[n]!]));
    const bucketOfInterval: number[] = [];
    for (const interval of sorted) bucketOfInterval[interval.index] = bucketOfStart.get(interval.startMs)!;
    const agents: HeatmapAgent[] = [...this.agents.values()].map((a) => ({
      id: a.id,
      name: a.name,
      totals: zero(),
      cells: plan.buckets.map(zero),
    }));
    const totals = plan.buckets.map(() => ({ ...zero(), agentsOnQueue: 0 }));
    let routing = false;
    for (let r = 0; r < this.refs.length / 2; r++) {
      const agent = agents[this.refs[2 * r]!]!;
      const bucket = bucketOfInterval[this.refs[2 * r + 1]!]!;
      const v = this.values;
      const [handled, handleS, interactingS, onQueueS] = [v[4 * r]!, v[4 * r + 1]!, v[4 * r + 2]!, v[4 * r + 3]!];
      if (onQueueS > 0) routing = true;
      for (const target of [agent.cells[bucket]!, agent.totals, totals[bucket]!]) {
        target.handled += handled;
        target.handleS += handleS;
        target.interactingS += interactingS;
        target.onQueueS += onQueueS;
      }
    }
    for (const agent of agents) agent.cells.forEach((c, b) => c.onQueueS > 0 && totals[b]!.agentsOnQueue++);
    agents.sort((a, b) => b.totals.handleS - a.totals.handleS || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { measure: routing ? 'routing' : 'handle', buckets: plan.buckets, bucketSize: plan.size, agents, totals };
  }
}

/** The percentage a cell is coloured by; null when not on queue (routing measure). */
export function cellPercent(model: Pick<OccupancyModel, 'measure'>, cell: HeatmapCell, lengthMs: number, agents = 1): number | null {
  if (model.measure === 'routing') return cell.onQueueS > 0 ? (cell.interactingS / cell.onQueueS) * 100 : null;
  return lengthMs > 0 ? (cell.handleS / ((lengthMs / 1000) * agents)) * 100 : null;
}
