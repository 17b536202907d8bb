// Builds dist/ in one esbuild build: the CLI (dist/cli.js) and the library (dist/index.js),
// with rules/*.yaml and the report's browser script inlined and shared code split into chunks, so each module exists once and
// the parts only some runs need (prompts, YAML, zod, detect, batch) load when a run needs them.
// Then the library's type declarations (tsc). Fails if the built-in rule data is invalid.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { esbuildBrowserScript } from './browser-script-plugin.mjs';
import { esbuildYaml } from './yaml-plugin.mjs';

const nodeRequire = createRequire(import.meta.url);

/**
 * Node's built-in modules load on first use. An ESM import of a built-in evaluates every
 * export of it at once (importing node:fs reads fs.promises, which loads streams and readline;
 * node:tty loads net), and commander requires node:child_process at load for subcommands run
 * as executables, which this CLI has none of; a decision from flags needs none of these. So an
 * import by our sources gets a stand-in per function (and per object) that loads the module when
 * called (or read), and a require by a bundled package gets an object that loads it on first
 * property access.
 */
function builtinsOnFirstUse() {
  return {
    name: 'builtins-on-first-use',
    setup(build) {
      build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
        if (args.namespace !== 'file' || !isBuiltin(args.path)) return undefined;
        const path = args.path.startsWith('node:') ? args.path : `node:${args.path}`;
        if (args.kind === 'require-call') return { path, namespace: 'builtin-required' };
        if (args.kind === 'import-statement' && /[\\/]src[\\/]/.test(args.importer))
          return { path, namespace: 'builtin-imported' };
        return undefined;
      });
      // Every stand-in loads through one require, made once for the whole build.
      const load = (path, from) =>
        `${from} let loaded; const load = () => (loaded ??= nodeRequire(${JSON.stringify(path)}));`;
      build.onResolve({ filter: /^node-require$/ }, () => ({
        path: 'node-require',
        namespace: 'node-require',
      }));
      build.onLoad({ filter: /.*/, namespace: 'node-require' }, () => ({
        contents:
          "import { createRequire } from 'node:module'; export const nodeRequire = createRequire(import.meta.url);",
        loader: 'js',
      }));
      build.onLoad({ filter: /.*/, namespace: 'builtin-imported' }, ({ path }) => {
        const module = nodeRequire(path);
        const lines = [load(path, "import { nodeRequire } from 'node-require';")];
        for (const key of Object.keys(module)) {
          if (!/^[A-Za-z_$][\w$]*$/.test(key) || key === 'default') continue;
          const descriptor = Object.getOwnPropertyDescriptor(module, key);
          if (typeof descriptor?.value === 'function')
            lines.push(`export function ${key}(...args) { return load().${key}(...args); }`);
          else if (descriptor && typeof descriptor.value === 'object' && descriptor.value !== null)
            // An object (fs.constants): loads the module when a property is read.
            lines.push(
              `export const ${key} = new Proxy({}, { get: (_, name) => load().${key}[name] });`,
            );
          else if (descriptor && 'value' in descriptor)
            lines.push(`export const ${key} = load().${key};`);
        }
        return { contents: lines.join('\n'), loader: 'js' };
      });
      // A function as the target, so a package can call the module or extend a class it exports.
      build.onLoad({ filter: /.*/, namespace: 'builtin-required' }, ({ path }) => ({
        contents: `${load(path, "const { nodeRequire } = require('node-require');")}
const target = function () {};
module.exports = new Proxy(target, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  apply: (_, self, args) => Reflect.apply(load(), self, args),
  construct: (_, args, newTarget) => Reflect.construct(load(), args, newTarget),
  ownKeys: () => [...new Set([...Reflect.ownKeys(load()), 'prototype'])],
  getOwnPropertyDescriptor: (_, key) => {
    if (key === 'prototype') return Reflect.getOwnPropertyDescriptor(target, key);
    const found = Reflect.getOwnPropertyDescriptor(load(), key);
    return found && { ...found, configurable: true };
  },
});`,
        loader: 'js',
      }));
    },
  };
}

/**
 * The YAML parser's ES module build (its package serves Node the CommonJS one), so the parts
 * of it we do not use are left out and a YAML answers file loads less.
 */
function yamlModules() {
  return {
    name: 'yaml-modules',
    setup(build) {
      build.onResolve({ filter: /^yaml$/ }, () => ({
        path: nodeRequire
          .resolve('yaml/package.json')
          .replace(/package\.json$/, 'browser/index.js'),
      }));
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
  plugins: [esbuildYaml(), esbuildBrowserScript(), builtinsOnFirstUse(), yamlModules()],
  logLevel: 'warning',
  legalComments: 'none',
  // Start-up time is mostly parsing: less to parse is faster.
  minify: process.env.WC_MINIFY !== '0',
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
    write: false,
    stdin: {
      contents:
        "import { validateRuleSet } from './src/engine/validate-rule-set.ts'; import { builtinData } from './src/engine/rule-set.ts'; import { HostBaseSchema } from './src/schema.ts'; import hostBase from './rules/host-base.yaml'; validateRuleSet(builtinData()); const host = HostBaseSchema.safeParse(hostBase); if (!host.success) throw new Error('rules/host-base.yaml: ' + JSON.stringify(host.error.issues));",
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
