import { terminalLine } from './output/terminal-line.js';

export type LogLevel = 'quiet' | 'normal' | 'verbose';

/** Everything human-readable goes to stderr through here, redacted and made terminal-safe; stdout carries data only. */
export interface Logger {
  /** Always shown, even with --quiet. */
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  /** Only with --verbose: requests, retries and waits. */
  debug(message: string): void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const emit = (prefix: string, message: string) => write(`${prefix}${terminalLine(message)}\n`);
  return {
    error: (m) => emit('gcx-metrics: ', m),
    warn: (m) => level !== 'quiet' && emit('warning: ', m),
    info: (m) => level !== 'quiet' && emit('', m),
    debug: (m) => level === 'verbose' && emit('debug: ', m),
  };
}

export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };
