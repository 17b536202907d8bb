// What the CLI's start-up file holds, by package and source folder, and the parts loaded
// later: a quick look behind the start-up benchmark. Usage: node scripts/bundle-report.mjs
import { build } from 'esbuild';
import { cliBuildOptions } from './build.mjs';

const result = await build({ ...cliBuildOptions, write: false, metafile: true, define: { PREBUILT_HELP: 'undefined' } });
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  const bytes = {};
  for (const [input, info] of Object.entries(output.inputs)) {
    const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(input);
    const key = m ? m[1] : input.split('/').slice(0, 2).join('/');
    bytes[key] = (bytes[key] ?? 0) + info.bytesInOutput;
  }
  const top = Object.entries(bytes).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`${file.padEnd(32)} ${String(output.bytes).padStart(7)}  ${top}`);
}
