// Detect over a corpus of real repositories, each with the answers a careful engineer would
// give (a JSON list of { repo, path, expected: { question: { value } }, verdict, mixed }):
// accuracy per question, repositories fully right, and the time against reading every file of
// the corpus once (the floor). The corpus is not part of this repository (fetch public
// repositories, and write down what a careful reader would answer; docs/detect.md has ours).
// bench/detect-corpus.json is ours: 40 public repositories, each with the answers, the why and
// the files; `path` is the folder each was extracted to (owner+name), under ROOT.
// Usage: npm run build && node bench/detect-corpus.mjs bench/detect-corpus.json ROOT [RUNS=3]
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median } from './support/run.mjs';

const [corpusFile, root, runsArg] = process.argv.slice(2);
if (!corpusFile || !root) {
  console.error('usage: node bench/detect-corpus.mjs CORPUS.json ROOT [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg ?? 3);
const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')).map((entry) => ({
  ...entry,
  path: join(root, entry.path),
}));
const bin = fileURLToPath(new URL('../bin/which-container.js', import.meta.url));

const detect = (path) => {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, 'detect', path, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`detect ${path} exited ${r.status}: ${r.stderr}`);
  return { detection: JSON.parse(r.stdout), ms: Number(process.hrtime.bigint() - started) / 1e6 };
};
const decide = (answers) => {
  const r = spawnSync(process.execPath, [bin, '--answers', '-', '--json'], {
    input: JSON.stringify(answers),
    encoding: 'utf8',
  });
  return r.status === 0 ? JSON.parse(r.stdout).recommendation : 'none';
};

// Reading every file of a tree once, in a fresh Node process as detect is: the floor.
const readAll = (path) => {
  const script = `const fs=require('fs'),p=require('path');let n=0;const walk=(d)=>{for(const e of fs.readdirSync(d,{withFileTypes:true})){const f=p.join(d,e.name);if(e.isDirectory())walk(f);else if(e.isFile())n+=fs.readFileSync(f).length;}};walk(${JSON.stringify(path)});`;
  const started = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', script]);
  return Number(process.hrtime.bigint() - started) / 1e6;
};

const perQuestion = new Map();
let fullyRight = 0;
const rows = [];
for (const entry of corpus) {
  const { detection } = detect(entry.path);
  const got = Object.fromEntries(Object.entries(detection.answers).map(([q, a]) => [q, a.value]));
  const wrong = [];
  for (const [question, { value }] of Object.entries(entry.expected)) {
    const tally = perQuestion.get(question) ?? { right: 0, wrong: 0, missing: 0 };
    if (got[question] === undefined) tally.missing += 1;
    else if (got[question] === value) tally.right += 1;
    else {
      tally.wrong += 1;
      wrong.push(`${question}: ${got[question]} (expected ${value})`);
    }
    perQuestion.set(question, tally);
  }
  // Answers given for questions the reader left open are noted, not counted as wrong.
  const verdict = decide(got);
  const keyRight =
    wrong.length === 0 &&
    (verdict === (entry.verdict ?? 'none') || (entry.mixed && verdict !== 'none'));
  if (keyRight) fullyRight += 1;
  rows.push(
    `| ${entry.repo} | ${entry.verdict}${entry.mixed ? ' (mixed)' : ''} | ${verdict} | ${wrong.join('; ') || 'all right'} |`,
  );
}

console.log(
  `Corpus: ${corpus.length} repositories. Fully right (no wrong answer, and the verdict the reader gave, or any for a mixed one): ${fullyRight}/${corpus.length}\n`,
);
console.log('| question | right | wrong | not found | accuracy of answers given |');
console.log('| --- | --- | --- | --- | --- |');
for (const [q, t] of [...perQuestion].sort()) {
  const given = t.right + t.wrong;
  console.log(
    `| ${q} | ${t.right} | ${t.wrong} | ${t.missing} | ${given ? `${Math.round((100 * t.right) / given)}%` : '-'} |`,
  );
}
const all = [...perQuestion.values()].reduce(
  (a, t) => ({ right: a.right + t.right, wrong: a.wrong + t.wrong }),
  { right: 0, wrong: 0 },
);
console.log(
  `\nAll answers given: ${all.right} right, ${all.wrong} wrong (${Math.round((100 * all.right) / (all.right + all.wrong))}%)\n`,
);
console.log('| repository | reader | detect + decide | answers wrong |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) console.log(row);

// Speed: every repository detected, against reading all its files once; rounds alternate.
const detectTimes = [];
const readTimes = [];
for (let i = 0; i < runs; i++) {
  let d = 0;
  let r = 0;
  for (const entry of corpus) {
    r += readAll(entry.path);
    d += detect(entry.path).ms;
  }
  detectTimes.push(d);
  readTimes.push(r);
}
const files = corpus.reduce((n, e) => n + countFiles(e.path), 0);
console.log(
  `\nSpeed (${files} files, medians of ${runs}): read every file once ${fmt(median(readTimes), 0)} ms, detect ${fmt(median(detectTimes), 0)} ms: ${fmt(median(detectTimes) / median(readTimes), 2)}x (target: at most 4x)`,
);

function countFiles(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const f = join(dir, e.name);
    if (e.isDirectory()) n += countFiles(f);
    else if (e.isFile() && statSync(f).size >= 0) n += 1;
  }
  return n;
}
