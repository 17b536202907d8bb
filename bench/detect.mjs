// Detect over a generated tree of 20,000 files, against baselines measured in the same run:
// `node -e 0` (the floor for any run) and a walk that only lists the tree's entries.
// Target (the detect issue): a tree of 20,000 files scanned in a couple of seconds.
// Usage: npm run build && node bench/detect.mjs [FILES=20000] [RUNS=5]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, runNode } from './support/run.mjs';

const files = Number(process.argv[2] ?? 20_000);
const runs = Number(process.argv[3] ?? 5);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'which-container-detect-bench-'));

// A monorepo-like tree: 200 packages of source files, each with a Dockerfile, a k8s manifest
// and a YAML config, plus Ansible roles; most files are ones no scanner reads.
const perPackage = Math.ceil(files / 200);
let made = 0;
for (let p = 0; p < 200 && made < files; p++) {
  const dir = join(root, 'packages', `pkg-${p}`, 'src');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(root, 'packages', `pkg-${p}`, 'Dockerfile'),
    `FROM node:20-alpine\nCOPY . /app\nCMD ["node", "/app/index.js"]\n`,
  );
  writeFileSync(
    join(root, 'packages', `pkg-${p}`, 'deployment.yaml'),
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: pkg-${p}\n`,
  );
  writeFileSync(
    join(root, 'packages', `pkg-${p}`, 'config.yml'),
    `name: pkg-${p}\nport: ${3000 + p}\n`,
  );
  made += 3;
  for (let f = 3; f < perPackage && made < files; f++, made++)
    writeFileSync(join(dir, `module-${f}.ts`), `export const value${f} = ${f};\n`);
}

const measure = async (script, args, extra = {}) => {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const r = await runNode(script, args, extra);
    if (r.code !== 0) throw new Error(`${script} exited ${r.code}: ${r.stderr}`);
    times.push(r.seconds);
  }
  return median(times);
};
const empty = join(root, 'empty.mjs');
writeFileSync(empty, '');
const floor = await measure(empty, []);
const list = await measure(here('./support/list-tree.mjs'), [root]);
const detect = await measure(here('../dist/cli.js'), ['detect', root, '--format', 'json']);
rmSync(root, { recursive: true, force: true });

console.log(`Node ${process.version}; ${fmt(made)} files; medians of ${runs} runs`);
console.log('| run | wall time | vs node -e 0 |');
console.log('| --- | --- | --- |');
console.log(`| node (empty script) | ${fmt(floor * 1000)} ms | 1.0x |`);
console.log(`| list the tree only | ${fmt(list * 1000)} ms | ${fmt(list / floor, 1)}x |`);
console.log(`| which-container detect | ${fmt(detect * 1000)} ms | ${fmt(detect / floor, 1)}x |`);
console.log('');
console.log(
  `detect vs listing the tree: ${fmt(detect / list, 1)}x; detect of ${fmt(made)} files in ${fmt(detect, 2)} s (target: a couple of seconds): ${detect <= 2.5 ? 'met' : 'NOT MET'}`,
);
