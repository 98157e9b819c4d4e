import type { Cell } from '../../metrics/rows.js';
import { completeIntervals, planBuckets, type Bucket } from './time-buckets.js';

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

const num = (cell: Cell | undefined) => (typeof cell === 'number' && Number.isFinite(cell) ? cell : 0);
const zero = (): HeatmapCell => ({ handled: 0, handleS: 0, interactingS: 0, onQueueS: 0 });

/**
 * Collects occupancy rows compactly as they stream past (a few numbers per row, not the row), then builds the
 * heatmap: agents × buckets with summed seconds, so a coarser bucket's occupancy is a ratio of sums.
 */
export class OccupancyCollector {
  private readonly intervals = new Map<string, { start: string; end: string; index: number }>();
  private readonly agents = new Map<string, { id: string; name: string; index: number }>();
  private readonly refs: number[] = [];
  private readonly values: number[] = [];

  add(row: Record<string, Cell>): void {
    const start = String(row.interval_start ?? '');
    const end = String(row.interval_end ?? '');
    let interval = this.intervals.get(start);
    if (!interval) this.intervals.set(start, (interval = { start, end, index: this.intervals.size }));
    const id = String(row.agent_id ?? '');
    const name = String(row.agent_name ?? '');
    const key = id || name;
    let agent = this.agents.get(key);
    if (!agent) this.agents.set(key, (agent = { id, name, index: this.agents.size }));
    this.refs.push(agent.index, interval.index);
    this.values.push(num(row.handled), num(row.handle_s), num(row.interacting_s), num(row.on_queue_s));
  }

  build(grid: Parameters<typeof completeIntervals>[1] = {}, limits = HEATMAP_LIMITS): OccupancyModel {
    const sorted = [...this.intervals.values()].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const all = completeIntervals(sorted, grid);
    const plan = planBuckets(all, this.agents.size, limits);
    const bucketOfStart = new Map(all.map((interval, n) => [interval.start, plan.bucketOf[n]!]));
    const bucketOfInterval: number[] = [];
    for (const interval of sorted) bucketOfInterval[interval.index] = bucketOfStart.get(interval.start)!;
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
