// `detect --host` on this machine against `node -e 0`, measured side by side in the same run
// (rounds alternate, so a noisy neighbour slows both alike). Target (SPEC.md): at most 3x.
// Usage: npm run build && node bench/host.mjs [RUNS=21] [ROOT=/]  (a root tree instead of this machine)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt, median } from './support/run.mjs';

const runs = Number(process.argv[2] ?? 21);
const root = process.argv[3] ?? '/';
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const commands = {
  'node -e 0': ['-e', '0'],
  'detect --host --format json': [cli, 'detect', '--host', root, '--format', 'json'],
};

function timeRun(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0)
    throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < runs; i++)
  for (const [name, args] of Object.entries(commands)) times[name].push(timeRun(args));

const base = median(times['node -e 0']);
const host = median(times['detect --host --format json']);
const detection = JSON.parse(
  spawnSync(process.execPath, commands['detect --host --format json'], { encoding: 'utf8' }).stdout,
);
console.log(`Node ${process.version}; medians of ${runs} runs, rounds alternating`);
console.log(
  `${root === '/' ? 'this machine' : root}: ${detection.host.prettyName ?? '?'}; ${detection.scanned.entries} entries listed, ${detection.scanned.filesRead} files read, ${Object.keys(detection.answers).length} answers`,
);
console.log('| run | median | ratio | target |');
console.log('| --- | --- | --- | --- |');
console.log(`| node -e 0 | ${fmt(base, 1)} ms | 1.00x | (baseline) |`);
console.log(
  `| detect --host --format json | ${fmt(host, 1)} ms | ${fmt(host / base, 2)}x | at most 3x: ${host / base <= 3 ? 'met' : 'NOT MET'} |`,
);
