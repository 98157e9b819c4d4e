/**
 * Colour only on a terminal, and never when NO_COLOR is set to anything non-empty (no-color.org) or the terminal
 * says it cannot (TERM=dumb).
 */
export function useColor(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  if (isTTY !== true) return false;
  if ((env.NO_COLOR ?? '') !== '') return false;
  return env.TERM !== 'dumb';
}
