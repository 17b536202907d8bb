// Builds dist/: the library and the CLI as ESM bundles (esbuild, with rules/*.yaml inlined)
// and the library's type declarations (tsc). Fails if the built-in rule data is invalid.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { esbuildYaml } from './yaml-plugin.mjs';

const pkg = (await import('../package.json', { with: { type: 'json' } })).default;

rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [esbuildYaml()],
  logLevel: 'warning',
  legalComments: 'none',
};

// The library leaves its dependencies to the user's node_modules, so it shares their zod.
await build({
  ...common,
  entryPoints: { index: 'src/index.ts' },
  outdir: 'dist',
  external: Object.keys(pkg.dependencies ?? {}),
});

// The CLI bundles everything it needs into dist/cli.js; what only some runs need (the YAML
// parser, the prompts) is split into chunks loaded on demand.
await build({
  ...common,
  entryPoints: { cli: 'src/cli/run.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

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
