export const PG_BIN: string;
export const PG_INSTALL_HINT: string;
export function postgresMissing(): string;
export function startPgCluster(options: { durable: boolean }): { url: string; stop(): void };
