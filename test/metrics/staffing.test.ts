import { describe, expect, it } from 'vitest';
import { STAFFING_COLUMNS } from '../../src/metrics/rows.js';
import { staffingMetricCells as staffingCells } from '../../src/output/report-cells.js';
import {
  staffedAgents,
  staffingValues,
  type StaffingInput,
  type StaffingOptions,
} from '../../src/metrics/staffing.js';

const HALF_HOUR_MS = 1_800_000;
const defaults: StaffingOptions = { shrinkagePct: 0, maxOccupancyPct: 85 };

/**
 * The classic example as a row: 100 offered and handled in 30 min with AHT 180 s (A = 10 Erlangs), goal 80 % in
 * 20 s, 14.5 agents on queue on average. Published figures: test/metrics/erlang-c.test.ts.
 */
function classicRow(over: Partial<StaffingInput> = {}): StaffingInput {
  return {
    offered: 100,
    handled: 100,
    handleSumMs: 18_000_000,
    windowHandled: 100,
    windowHandleSumMs: 18_000_000,
    goal: { thresholdMs: 20_000, targetPct: 80 },
    intervalMs: HALF_HOUR_MS,
    staffedOnQueueMs: 14.5 * HALF_HOUR_MS,
    serviceLevelPct: 82.5,
    ...over,
  };
}

const cells = (input: StaffingInput, options: StaffingOptions = defaults) => staffingCells(staffingValues(input, options));

describe('staffingValues and staffingCells', () => {
  it('the classic example: 14 agents, 20 FTE at 30 % shrinkage, SL(14) predicted from 14.5 staffed', () => {
    expect(cells(classicRow(), { shrinkagePct: 30, maxOccupancyPct: 85 })).toEqual({
      offered: 100,
      aht_s: 180,
      traffic_erlangs: 10,
      threshold_s: 20,
      target_pct: 80,
      required_agents: 14,
      required_fte: 20, // 14 ÷ 0.7, not 20.000000000000004
      staffed_agents: 14.5,
      staffing_gap: 0.5,
      predicted_sl_pct: 88.84, // SL(14) = 0.88835 (published), 88.835002 % at more digits
      service_level_pct: 82.5,
      target_met: true,
    });
  });

  it('a row exactly at its target needs no extra agent', () => {
    // 7 calls × 18 s in 30 min: A = 0.07; threshold 0 s: SL(1) = 1 − C(1, A) = 1 − 0.07 = 93 % exactly.
    const input = classicRow({
      offered: 7,
      handled: 7,
      handleSumMs: 126_000,
      goal: { thresholdMs: 0, targetPct: 93 },
      staffedOnQueueMs: HALF_HOUR_MS,
      serviceLevelPct: 95,
    });
    const c = cells(input);
    expect(c.traffic_erlangs).toBe(0.07);
    expect(c.required_agents).toBe(1);
    expect(c.predicted_sl_pct).toBe(93);
  });

  it('a row with no offered needs 0 agents and predicts nothing', () => {
    const input = classicRow({
      offered: 0,
      handled: 0,
      handleSumMs: 0,
      windowHandled: 50,
      windowHandleSumMs: 9_000_000,
      staffedOnQueueMs: 2 * HALF_HOUR_MS,
      serviceLevelPct: null,
    });
    expect(cells(input, { shrinkagePct: 30, maxOccupancyPct: 85 })).toEqual({
      offered: 0,
      aht_s: 180,
      traffic_erlangs: 0,
      threshold_s: 20,
      target_pct: 80,
      required_agents: 0,
      required_fte: 0,
      staffed_agents: 2,
      staffing_gap: 2,
      predicted_sl_pct: null,
      service_level_pct: null,
      target_met: null,
    });
  });

  it('no offered and no target: required agents stay empty (the goal is missing, not met)', () => {
    const c = cells(classicRow({ offered: 0, goal: { thresholdMs: 20_000, targetPct: null } }));
    expect([c.required_agents, c.required_fte, c.staffing_gap, c.predicted_sl_pct]).toEqual([null, null, null, null]);
  });

  it('a row that handled nothing takes its AHT from the window', () => {
    // Window: 40 handled in 8 000 s → AHT 200 s. A = 10 × 200 ÷ 1800 = 10/9.
    // N = 2: C = A² ÷ (2 + A) = 25/63, SL = 1 − 25/63 · e^(−(2 − 10/9) · 0.1) = 63.69 %.
    // N = 3: B(3) = 500/6467, C = 13 500/114 939 = 0.11745, SL = 1 − 0.11745 · e^(−(3 − 10/9) · 0.1) = 90.28 % ≥ 80 %.
    const input = classicRow({
      offered: 10,
      handled: 0,
      handleSumMs: 0,
      windowHandled: 40,
      windowHandleSumMs: 8_000_000,
      staffedOnQueueMs: 2.5 * HALF_HOUR_MS,
    });
    const v = staffingValues(input, defaults);
    expect(v.ahtSource).toBe('window');
    expect(v.trafficErlangs).toBeCloseTo(10 / 9, 15);
    expect(staffingCells(v)).toMatchObject({
      aht_s: 200,
      traffic_erlangs: 1.111,
      required_agents: 3,
      required_fte: 3,
      staffed_agents: 2.5,
      staffing_gap: -0.5,
      predicted_sl_pct: 63.69,
    });
  });

  it('the window handled nothing either: AHT, traffic, required and predicted are empty', () => {
    const c = cells(classicRow({ handled: 0, handleSumMs: 0, windowHandled: 0, windowHandleSumMs: 0 }));
    expect(c).toMatchObject({
      aht_s: null,
      traffic_erlangs: null,
      required_agents: null,
      required_fte: null,
      staffing_gap: null,
      predicted_sl_pct: null,
      staffed_agents: 14.5,
    });
  });

  it('the occupancy cap decides when the target is met with fewer agents', () => {
    // 153 × 90 s in 30 min: A = 7.65. SL(8) = 20.16 % meets 10 %, but 7.65 ÷ 8 = 95.6 %; 7.65 ÷ 9 = 85 % exactly.
    const input = classicRow({ offered: 153, handled: 153, handleSumMs: 153 * 90_000, goal: { thresholdMs: 20_000, targetPct: 10 } });
    expect(cells(input, { shrinkagePct: 0, maxOccupancyPct: 85 }).required_agents).toBe(9);
    expect(cells(input, { shrinkagePct: 0, maxOccupancyPct: 100 }).required_agents).toBe(8);
  });

  it('traffic at or above the whole staffed agents predicts 0 %', () => {
    expect(cells(classicRow({ staffedOnQueueMs: 10 * HALF_HOUR_MS })).predicted_sl_pct).toBe(0);
    expect(cells(classicRow({ staffedOnQueueMs: 17_982_000 })).predicted_sl_pct).toBe(0); // 9.99 agents
    expect(cells(classicRow({ staffedOnQueueMs: 10 * HALF_HOUR_MS })).staffing_gap).toBe(-4);
  });

  it('predicts from ⌊staffed⌋ of the unrounded value: 13.99999 agents (printed 14) predict SL(13)', () => {
    const c = cells(classicRow({ staffedOnQueueMs: 14 * HALF_HOUR_MS - 1 }));
    expect(c.staffed_agents).toBe(14);
    expect(c.staffing_gap).toBe(0);
    expect(c.predicted_sl_pct).toBe(79.56); // SL(13) = 0.7955948 (published)
  });

  it('uses the interval real length: a 25-hour DST day', () => {
    // 1000 × 180 s over 90 000 s: A = 2 (a 24-hour day would give 2.083); 2 agents all day on queue.
    const c = cells(
      classicRow({
        offered: 1000,
        handled: 1000,
        handleSumMs: 180_000_000,
        intervalMs: 90_000_000,
        staffedOnQueueMs: 180_000_000,
      }),
    );
    expect(c.traffic_erlangs).toBe(2);
    expect(c.staffed_agents).toBe(2);
    expect(c.predicted_sl_pct).toBe(0); // 2 agents for 2 Erlangs: N ≤ A
  });

  it('without a target, required is empty but the prediction is still made', () => {
    const c = cells(classicRow({ goal: { thresholdMs: 20_000, targetPct: null }, serviceLevelPct: 82.5 }));
    expect(c).toMatchObject({ required_agents: null, required_fte: null, staffing_gap: null, predicted_sl_pct: 88.84, target_met: null });
  });

  it('target_met compares the printed service level with the target (80 ≥ 80 is met)', () => {
    expect(cells(classicRow({ serviceLevelPct: 80 })).target_met).toBe(true);
    expect(cells(classicRow({ serviceLevelPct: 79.99 })).target_met).toBe(false);
  });
});

describe('staffingCells rounding', () => {
  it('rounds halves away from zero on the exact ratio, not on the float', () => {
    // A = 1 800 900 ÷ 1 800 000 = 1.0005 → 1.001; 1 809 000 ms ÷ 1 800 000 = 1.005 agents → 1.01
    // (Math.round(1.005 × 100) ÷ 100 gives 1).
    const c = cells(
      classicRow({ offered: 1, handled: 1, handleSumMs: 1_800_900, staffedOnQueueMs: 1_809_000, goal: { thresholdMs: 20_000, targetPct: null } }),
    );
    expect(c.aht_s).toBe(1800.9);
    expect(c.traffic_erlangs).toBe(1.001);
    expect(c.staffed_agents).toBe(1.01);
  });

  it('the gap is the printed staffed agents minus the required agents', () => {
    expect(cells(classicRow({ staffedOnQueueMs: 1_809_000 })).staffing_gap).toBe(-12.99); // 1.01 − 14
  });

  it('traffic stays exact when offered × window handle ms passes 2^53', () => {
    // 5000 × 300 s over 900 s = 1666.666… Erlangs; 5000 × 3e11 ms × 1000 is beyond a double's integers.
    const c = cells(
      classicRow({
        offered: 5000,
        handled: 0,
        handleSumMs: 0,
        windowHandled: 1_000_000,
        windowHandleSumMs: 300_000_000_000,
        intervalMs: 900_000,
        goal: { thresholdMs: 20_000, targetPct: null },
      }),
    );
    expect(c.aht_s).toBe(300);
    expect(c.traffic_erlangs).toBe(1666.667);
  });

  it('required FTE divides by 1 − shrinkage exactly', () => {
    expect(cells(classicRow(), { shrinkagePct: 12.5, maxOccupancyPct: 85 }).required_fte).toBe(16); // 14 ÷ 0.875
    expect(cells(classicRow(), { shrinkagePct: 33.33, maxOccupancyPct: 85 }).required_fte).toBe(21); // 14 ÷ 0.6667 = 20.9989
  });
});

describe('staffedAgents', () => {
  it('sums the members on-queue ms over the interval length', () => {
    expect(staffedAgents([900_000, 1_800_000, 450_000], HALF_HOUR_MS)).toBe(1.75);
    expect(staffedAgents([], HALF_HOUR_MS)).toBe(0);
  });
});

describe('STAFFING_COLUMNS', () => {
  it('is the contract column list, in order', () => {
    expect(STAFFING_COLUMNS.join(',')).toBe(
      'interval_start,interval_end,queue_id,queue_name,media_type,offered,aht_s,traffic_erlangs,threshold_s,target_pct,required_agents,required_fte,staffed_agents,staffing_gap,predicted_sl_pct,service_level_pct,target_met',
    );
  });
});
