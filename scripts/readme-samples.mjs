// Regenerates the README's sample outputs from the commands above them, so they cannot drift from what the CLI
// prints. A sample is a ```console block right after a `<!-- sample: MODE [head=N] -->` line; its first line is
// `$ npx gcx-metrics …` (continued with ` \` lines), run here with the built CLI (`npm run build` first) on the
// demo org, in UTC, with a fixed past window written in the command, so the output is the same on every run:
//   MODE terminal  the table as a wide terminal prints it (`--format table` added, no width limit)
//   MODE pipe      stdout as a pipe gets it (CSV unless the command says otherwise)
//   head=N         keep the first N lines of the output, then a line `…`
// stderr is not part of a sample.
//   node scripts/readme-samples.mjs          rewrite README.md in place
//   node scripts/readme-samples.mjs --check  exit 1 naming the samples that differ (test/e2e/readme.test.ts)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const README = `${ROOT}README.md`;
const BIN = `${ROOT}bin/gcx-metrics.js`;
const MARK = /^<!-- sample: (terminal|pipe)(?: head=(\d+))? -->$/;

/** The command of a sample block: its `$ ` line and the ` \` continuations, as arguments after `gcx-metrics`. */
export function sampleCommand(lines) {
  const parts = [];
  for (const line of lines) {
    const text = line.replace(/^\$ /, '').trim();
    parts.push(text.replace(/\\$/, '').trim());
    if (!text.endsWith('\\')) break;
  }
  const words = parts.join(' ').split(/\s+/);
  if (words[0] !== 'npx' || words[1] !== 'gcx-metrics') throw new Error(`a sample must start with "$ npx gcx-metrics": ${lines[0]}`);
  return { args: words.slice(2), lineCount: parts.length };
}

function runSample(args, mode, head) {
  const extra = mode === 'terminal' && !args.includes('--format') ? ['--format', 'table'] : [];
  const out = execFileSync(process.execPath, [BIN, ...args, ...extra], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 120_000,
  });
  const lines = out.replace(/\n$/, '').split('\n');
  return head !== undefined && lines.length > head ? [...lines.slice(0, head), '…'] : lines;
}

/** README text with every sample block's output replaced by what its command prints now; and which changed. */
export function regenerate(text) {
  const lines = text.split('\n');
  const changed = [];
  for (let i = 0; i < lines.length; i++) {
    const mark = MARK.exec(lines[i]);
    if (!mark || lines[i + 1] !== '```console') continue;
    const start = i + 2;
    const end = lines.indexOf('```', start);
    const { args, lineCount } = sampleCommand(lines.slice(start, end));
    const output = runSample(args, mark[1], mark[2] === undefined ? undefined : Number(mark[2]));
    const old = lines.slice(start + lineCount, end);
    if (old.join('\n') !== output.join('\n')) changed.push(`line ${start + 1}: ${args.slice(0, 3).join(' ')}`);
    lines.splice(start + lineCount, end - start - lineCount, ...output);
    i = start + lineCount + output.length;
  }
  return { text: lines.join('\n'), changed };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { text, changed } = regenerate(readFileSync(README, 'utf8'));
  if (process.argv.includes('--check')) {
    if (changed.length > 0) {
      process.stderr.write(`README samples out of date (node scripts/readme-samples.mjs rewrites them):\n${changed.map((c) => `  ${c}\n`).join('')}`);
      process.exit(1);
    }
  } else {
    writeFileSync(README, text);
    process.stderr.write(changed.length > 0 ? `rewrote ${changed.length} sample(s)\n` : 'samples up to date\n');
  }
}
