// Builds dist/ in one esbuild build: the CLI (dist/cli.js) and the library (dist/index.js),
// with rules/*.yaml inlined and shared code split into chunks, so each module exists once and
// the parts only some runs need (prompts, YAML, zod, detect, batch) load when a run needs them.
// Then the library's type declarations (tsc). Fails if the built-in rule data is invalid.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { esbuildYaml } from './yaml-plugin.mjs';

const nodeRequire = createRequire(import.meta.url);

/**
 * Node's built-in modules, imported by our sources, load on first use through require. An ESM
 * import of a built-in evaluates every export of it at once: importing node:fs reads
 * fs.promises, which loads streams and readline, and node:tty loads net; a decision from flags
 * needs none of that. Each function becomes a stand-in that loads the module when called.
 */
function builtinsOnFirstUse() {
  return {
    name: 'builtins-on-first-use',
    setup(build) {
      build.onResolve({ filter: /^node:/ }, (args) =>
        args.kind === 'import-statement' &&
        /[\\/]src[\\/]/.test(args.importer) &&
        isBuiltin(args.path)
          ? { path: args.path, namespace: 'builtin' }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'builtin' }, ({ path }) => {
        const module = nodeRequire(path);
        const lines = [
          `let loaded; const load = () => (loaded ??= require(${JSON.stringify(path)}));`,
        ];
        for (const key of Object.keys(module)) {
          if (!/^[A-Za-z_$][\w$]*$/.test(key) || key === 'default') continue;
          const descriptor = Object.getOwnPropertyDescriptor(module, key);
          if (typeof descriptor?.value === 'function')
            lines.push(`export function ${key}(...args) { return load().${key}(...args); }`);
          else if (descriptor && 'value' in descriptor)
            lines.push(`export const ${key} = load().${key};`);
        }
        return { contents: lines.join('\n'), loader: 'js' };
      });
    },
  };
}

export const buildOptions = {
  entryPoints: { cli: 'src/cli/run.ts', index: 'src/index.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [esbuildYaml(), builtinsOnFirstUse()],
  logLevel: 'warning',
  legalComments: 'none',
  // Start-up time is mostly parsing: less to parse is faster.
  minify: process.env.WC_MINIFY !== '0',
  // commander is CommonJS; its require() of Node's modules needs a real require in ESM.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
};

async function buildAll() {
  rmSync('dist', { recursive: true, force: true });
  await build(buildOptions);
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });

  // The data must be valid before anything ships with it: bundle the validator with the data
  // and run it, so a bad rules/*.yaml fails the build with every fault and its path.
  const check = await build({
    ...buildOptions,
    entryPoints: undefined,
    outdir: undefined,
    splitting: false,
    minify: false,
    banner: undefined,
    write: false,
    stdin: {
      contents:
        "import { validateRuleSet } from './src/engine/validate-rule-set.ts'; import { builtinData } from './src/engine/rule-set.ts'; validateRuleSet(builtinData());",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
  });
  try {
    await import(
      `data:text/javascript;base64,${Buffer.from(check.outputFiles[0].text).toString('base64')}`
    );
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAll();
