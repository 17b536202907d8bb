// Inlines a browser script as text at build time, for esbuild (the bundles) and vite (the
// tests): `import code from './browser/table.ts?browser-script'` gives the file compiled from
// TypeScript and minified, as a string the report writes into its page. Type-checked on its
// own with the DOM's types (tsconfig.browser.json), apart from the Node code.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { transform } from 'esbuild';

const SUFFIX = '?browser-script';

async function compile(path) {
  const { code } = await transform(await readFile(path, 'utf8'), {
    loader: 'ts',
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
  });
  return `export default ${JSON.stringify(code.trim())};`;
}

export function esbuildBrowserScript() {
  return {
    name: 'browser-script',
    setup(build) {
      build.onResolve({ filter: /\?browser-script$/ }, (args) => ({
        path: resolve(args.resolveDir, args.path.slice(0, -SUFFIX.length)),
        namespace: 'browser-script',
      }));
      build.onLoad({ filter: /.*/, namespace: 'browser-script' }, async (args) => ({
        contents: await compile(args.path),
        loader: 'js',
        watchFiles: [args.path],
      }));
    },
  };
}

export function viteBrowserScript() {
  const PREFIX = '\0browser-script:';
  return {
    name: 'browser-script',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!source.endsWith(SUFFIX) || !importer) return undefined;
      return PREFIX + resolve(dirname(importer), source.slice(0, -SUFFIX.length));
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return undefined;
      return compile(id.slice(PREFIX.length));
    },
  };
}
