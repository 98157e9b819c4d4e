/** The environment that points the CLI at a running simulator, as `gcx-metrics sim` prints it. */
import type { SimServer } from '../../src/sim/index.js';

export function simEnv(sim: Pick<SimServer, 'url' | 'clientId' | 'clientSecret'>): Record<string, string> {
  return {
    GENESYS_CLOUD_API_URL: sim.url,
    GENESYS_CLOUD_CLIENT_ID: sim.clientId,
    GENESYS_CLOUD_CLIENT_SECRET: sim.clientSecret,
  };
}

/** Seconds as printed (up to 3 decimals) back to whole milliseconds. */
export const msOf = (cell: string | undefined): number => Math.round(Number(cell) * 1000);

/** A printed number is `exact` rounded to at most `decimals` places (either way on an exact tie). */
export function isRounded(cell: string | undefined, exact: number, decimals: number): boolean {
  if (cell === undefined || !new RegExp(`^-?\\d+(\\.\\d{1,${decimals}})?$`).test(cell)) return false;
  return Math.abs(Number(cell) - exact) <= 0.5 * 10 ** -decimals + 1e-9;
}
