// report speed and size: batch results for a seeded inventory (compact Decisions, batch's
// default), then `which-container report` over them, timed with its peak memory, and the page's
// size (targets: 100,000 results in under 5 s, a page of at most 15 MB), with flips (batch
// --flips, as docs/report.md advises) and without. For information, the
// same over full Decisions (batch --explain), which are some 8 KB a line.
// Usage: npm run build && node bench/report.mjs [RESULTS=100000] [RUNS=5] [EXPLAINED=10000]
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeInventory } from './support/inventory.mjs';
import { fmt, median, runNode } from './support/run.mjs';

const count = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 5);
const explained = Number(process.argv[4] ?? 10_000);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'which-container-bench-report-'));
const { questions } = JSON.parse(
  execFileSync(process.execPath, [cli, 'questions', '--format', 'json'], { encoding: 'utf8' }),
);

/** Runs batch over an inventory of `lines` lines into a results file. */
async function results(lines, args, name) {
  const inventory = join(dir, `${name}.inventory.jsonl`);
  await writeInventory(questions, inventory, lines);
  const out = join(dir, `${name}.results.jsonl`);
  const fd = openSync(out, 'w');
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'batch', ...args, inventory], {
      stdio: ['ignore', fd, 'ignore'],
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
  closeSync(fd);
  return out;
}

async function measure(input, name, times) {
  const page = join(dir, `${name}.html`);
  const seconds = [];
  const memory = [];
  for (let i = 0; i < times; i++) {
    const run = await runNode(cli, ['report', input, '-o', page]);
    if (run.code !== 0) throw new Error(`report exited ${run.code}: ${run.stderr}`);
    seconds.push(run.seconds);
    memory.push(run.maxRssMiB);
  }
  return {
    inputMB: statSync(input).size / 1e6,
    pageMB: statSync(page).size / 1e6,
    seconds: median(seconds),
    memory: median(memory),
  };
}

try {
  const rows = [];
  // What the docs advise (batch --flips, for the flips section), and batch's plain default.
  const flipped = await results(count, ['--flips'], 'flips');
  rows.push([`${fmt(count)} compact results with flips`, await measure(flipped, 'flips', runs)]);
  const compact = await results(count, [], 'compact');
  rows.push([`${fmt(count)} compact results`, await measure(compact, 'compact', runs)]);
  const full = await results(explained, ['--explain'], 'full');
  rows.push([`${fmt(explained)} full results (--explain)`, await measure(full, 'full', runs)]);
  console.log(`report, medians of ${runs} runs (Node ${process.versions.node})\n`);
  console.log('| input | input size | time | peak memory | page size |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [label, r] of rows)
    console.log(
      `| ${label} | ${fmt(r.inputMB, 1)} MB | ${fmt(r.seconds, 2)} s | ${fmt(r.memory)} MB | ${fmt(r.pageMB, 2)} MB |`,
    );
  for (const [label, r] of rows.slice(0, 2))
    console.log(
      `${label}: ${fmt(r.seconds, 2)} s (target < 5 s): ${r.seconds < 5 ? 'met' : 'NOT MET'}; page ${fmt(r.pageMB, 2)} MB (target <= 15 MB): ${r.pageMB <= 15 ? 'met' : 'NOT MET'}`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
