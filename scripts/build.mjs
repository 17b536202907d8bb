// Builds dist/: the library and the CLI as ESM bundles (esbuild, with rules/*.yaml inlined)
// and the library's type declarations (tsc). Fails if the built-in rule data is invalid.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { lazyChildProcess } from './lazy-builtins.mjs';
import { esbuildYaml } from './yaml-plugin.mjs';

const pkg = (await import('../package.json', { with: { type: 'json' } })).default;

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [esbuildYaml()],
  logLevel: 'warning',
  legalComments: 'none',
};

// The CLI is dist/cli/cli.js plus one bundle per part that only some runs need, loaded by a
// dynamic import when a run needs it. Each bundle stands alone (no shared chunks): start-up
// then reads one small file rather than a graph of chunks, and loads neither commander, zod,
// the YAML parser, the prompts nor chalk for a decision from flags. Minified: start-up time is
// mostly parsing. The parts share no state but the errors, told apart by `code` (errors.ts).
export const LAZY_PARTS = {
  program: 'src/cli/program.ts',
  prompts: 'src/answers/from-prompts.ts',
  validate: 'src/answers/validate.ts',
  'load-data-file': 'src/input/load-data-file.ts',
  'load-rules': 'src/engine/load-rules.ts',
  'detect-command': 'src/cli/commands/detect.ts',
  detect: 'src/detect/detect.ts',
  'render-detection': 'src/render/detection.ts',
  batch: 'src/cli/commands/batch.ts',
  listings: 'src/cli/commands/listings.ts',
  chalk: 'chalk',
};

/** Sends each dynamic import of a lazy part to that part's own bundle, beside the importer. */
function lazyParts() {
  const byPath = new Map();
  return {
    name: 'lazy-parts',
    setup(build) {
      build.onStart(async () => {
        for (const [name, source] of Object.entries(LAZY_PARTS)) {
          const found = await build.resolve(source.startsWith('src/') ? `./${source}` : source, { kind: 'import-statement', resolveDir: process.cwd() });
          byPath.set(found.path, name);
        }
      });
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === 'lazy-parts') return undefined;
        const found = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'lazy-parts' });
        const name = byPath.get(found.path);
        return name === undefined ? found : { path: `./${name}.js`, external: true };
      });
    },
  };
}

export const cliBuildOptions = {
  ...common,
  plugins: [...common.plugins, lazyChildProcess(), lazyParts()],
  entryPoints: { cli: 'src/cli/run.ts', ...LAZY_PARTS },
  outdir: 'dist/cli',
  minify: true,
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};

/**
 * `which-container --help` as commander prints it into a pipe, rendered now from the program
 * itself, so a run that only asks for help need not load commander (src/cli/fast-path.ts).
 */
async function renderHelp() {
  const file = resolve('dist', `help-${process.pid}.mjs`);
  const { entryPoints: _parts, outdir: _dir, ...options } = cliBuildOptions;
  await build({
    ...options,
    minify: false,
    outfile: file,
    stdin: {
      contents: `
        import { buildProgram } from './src/cli/program.ts';
        export async function help(version) {
          let text = '';
          const program = buildProgram({}, version).exitOverride();
          program.configureOutput({ writeOut: (s) => (text += s), getOutHelpWidth: () => undefined, getOutHasColors: () => false });
          try { await program.parseAsync(['--help'], { from: 'user' }); } catch (error) { if (error.exitCode !== 0) throw error; }
          return text;
        }`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
  });
  try {
    return await (await import(pathToFileURL(file).href)).help(pkg.version);
  } finally {
    rmSync(file, { force: true });
  }
}

async function buildAll() {
  rmSync('dist', { recursive: true, force: true });

  // The library leaves its dependencies to the user's node_modules, so it shares their zod.
  await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: 'dist', external: Object.keys(pkg.dependencies ?? {}) });
  await build({ ...cliBuildOptions, define: { PREBUILT_HELP: JSON.stringify(await renderHelp()) } });
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

  // The data must be valid before anything ships with it: bundle the validator with the data
  // and run it, so a bad rules/*.yaml fails the build with every fault and its path.
  const check = await build({
    ...common,
    write: false,
    stdin: {
      contents: "import { validateRuleSet } from './src/engine/validate-rule-set.ts'; import { builtinData } from './src/engine/rule-set.ts'; validateRuleSet(builtinData());",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
  });
  try {
    await import(`data:text/javascript;base64,${Buffer.from(check.outputFiles[0].text).toString('base64')}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAll();
