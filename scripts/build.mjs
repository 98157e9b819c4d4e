// Bundles the CLI with esbuild so `gcx-metrics --version` starts fast (one file, no TypeScript at run time)
// and commands load their heavy modules lazily through code-split chunks.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * commander requires node:child_process at load (3-8 ms of every start) for executable subcommands, which this CLI
 * never has; only `spawn` is used. Load it on first use instead. If an upgrade changes that line, bundle as is.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!text.includes(eager)) return undefined;
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: text.replace(eager, lazy), loader: 'js' };
    });
  },
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  // input-worker: the worker threads a big --input file is scanned with (src/input/read-in-parallel.ts finds it
  // beside the chunk that starts it, so it must stay at the top of dist).
  entryPoints: { main: 'src/cli/main.ts', sim: 'src/sim/index.ts', 'input-worker': 'src/input/range-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  // Whitespace and syntax only: main.js shrinks from 134 kB to 64 kB (a few ms less to compile on every start),
  // while names stay readable in --verbose stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  plugins: [lazyChildProcess],
  // A native addon (better-sqlite3) cannot be bundled, and pg would bring its optional pg-native along: both load
  // from node_modules at run time, only when a command opens a database.
  external: ['better-sqlite3', 'pg'],
  define: { __GCX_VERSION__: JSON.stringify(version) },
  // Some bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __gcxCreateRequire } from 'node:module'; const require = __gcxCreateRequire(import.meta.url);" },
});
