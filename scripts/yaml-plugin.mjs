// Inlines rules/*.yaml as plain data at build time, for esbuild (the bundles) and vite (the
// tests), so the code imports the data directly and no YAML is parsed when the tool runs.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

const YAML_FILE = /\.ya?ml$/;

/** Parses a data file strictly: an error, not a guess, for anything not plain JSON-like data. */
export function parseDataYaml(text, file) {
  try {
    return parse(text, {
      schema: 'core',
      uniqueKeys: true,
      merge: false,
      maxAliasCount: 0,
      prettyErrors: true,
      strict: true,
    });
  } catch (error) {
    throw new Error(`${file}: ${error.message}`);
  }
}

export function esbuildYaml() {
  return {
    name: 'yaml-data',
    setup(build) {
      build.onLoad({ filter: YAML_FILE }, async (args) => ({
        contents: JSON.stringify(parseDataYaml(await readFile(args.path, 'utf8'), args.path)),
        loader: 'json',
      }));
    },
  };
}

export function viteYaml() {
  return {
    name: 'yaml-data',
    transform(code, id) {
      if (!YAML_FILE.test(id)) return undefined;
      return { code: `export default ${JSON.stringify(parseDataYaml(code, id))};`, map: null };
    },
  };
}
