// What each output of the build holds, by package, and what the CLI and the library load at
// start (their static imports): a look behind the start-up benchmark.
// Usage: node scripts/bundle-report.mjs
import { build } from 'esbuild';
import { buildOptions } from './build.mjs';

const { metafile } = await build({ ...buildOptions, write: false, metafile: true });
const outputs = metafile.outputs;
const packagesOf = (file) =>
  new Set(
    Object.keys(outputs[file].inputs).flatMap(
      (input) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? [],
    ),
  );

/** The outputs a file loads before it runs: itself and its static imports, transitively. */
export function loadedAtStart(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const i of outputs[file].imports)
    if (i.kind === 'import-statement' && outputs[i.path]) loadedAtStart(i.path, seen);
  return seen;
}

for (const entry of ['dist/cli.js', 'dist/index.js']) {
  const files = [...loadedAtStart(entry)];
  const bytes = files.reduce((sum, f) => sum + outputs[f].bytes, 0);
  const packages = [...new Set(files.flatMap((f) => [...packagesOf(f)]))];
  console.log(
    `${entry}: loads ${files.length} files, ${bytes} bytes at start; packages: ${packages.join(', ') || 'none'}`,
  );
}
for (const [file, output] of Object.entries(outputs)) {
  const packages = [...packagesOf(file)];
  if (packages.length > 0)
    console.log(`  ${file.padEnd(40)} ${String(output.bytes).padStart(7)}  ${packages.join(', ')}`);
}
if (process.argv.includes('--inputs'))
  for (const [file, output] of Object.entries(outputs))
    console.log(file, Object.keys(output.inputs).join(' '));
if (process.argv.includes('--start'))
  for (const f of loadedAtStart('dist/cli.js'))
    console.log(
      f,
      outputs[f].bytes,
      Object.keys(outputs[f].inputs)
        .map((i) => i.replace(/^.*node_modules\//, ''))
        .join(' ')
        .slice(0, 200),
    );
