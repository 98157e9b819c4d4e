/** `gcx-metrics sim`: where and how to serve the simulated org. */
export interface SimSpec {
  port: number;
  seed: number;
  agents: number;
  latency: number;
  faults?: string | undefined;
  export: boolean;
}
