// How often two careful readers agree, by the measure detect-corpus.mjs holds detect to: the
// second reader's answers, put to the rule engine, are "fully right" against the first reader's
// when no answer the first gave is contradicted and the verdict is the first reader's (or any,
// where the first called the evidence mixed). Answers one reader left open do not count, so the
// measure is taken both ways. If two readers of the same commit agree on fewer repositories than
// the bar set for detect, the bar measures the readers as much as the tool.
// Usage: npm run build && node bench/reader-agreement.mjs FIRST.json SECOND.json
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [firstFile, secondFile] = process.argv.slice(2);
if (!firstFile || !secondFile) {
  console.error('usage: node bench/reader-agreement.mjs FIRST.json SECOND.json');
  process.exit(2);
}
const load = (file) => new Map(JSON.parse(readFileSync(file, 'utf8')).map((e) => [e.repo, e]));
const first = load(firstFile);
const second = load(secondFile);
const bin = fileURLToPath(new URL('../bin/which-container.js', import.meta.url));

const valuesOf = (entry) =>
  Object.fromEntries(Object.entries(entry.expected).map(([q, a]) => [q, a.value]));
const decide = (answers) => {
  const r = spawnSync(process.execPath, [bin, '--answers', '-', '--json'], {
    input: JSON.stringify(answers),
    encoding: 'utf8',
  });
  return r.status === 0 ? JSON.parse(r.stdout).recommendation : 'none';
};

/** Is `other` fully right against `reference`, as detect-corpus.mjs scores detect? */
function judge(reference, other) {
  const got = valuesOf(other);
  const wrong = Object.entries(valuesOf(reference))
    .filter(([q, value]) => got[q] !== undefined && got[q] !== value)
    .map(([q, value]) => `${q}: ${got[q]} (first said ${value})`);
  const verdict = decide(got);
  const fully =
    wrong.length === 0 &&
    (verdict === reference.verdict || (reference.mixed && verdict !== 'none'));
  return { fully, wrong, verdict };
}

const rows = [];
let secondRight = 0;
let firstRight = 0;
let both = 0;
let shared = 0;
let sameValue = 0;
for (const [repo, a] of first) {
  const b = second.get(repo);
  if (!b) continue;
  const forward = judge(a, b);
  const backward = judge(b, a);
  secondRight += forward.fully;
  firstRight += backward.fully;
  both += forward.fully && backward.fully;
  const va = valuesOf(a);
  const vb = valuesOf(b);
  for (const q of Object.keys(va)) {
    if (vb[q] === undefined) continue;
    shared += 1;
    sameValue += va[q] === vb[q];
  }
  const differences = [...forward.wrong];
  if (!forward.fully && forward.wrong.length === 0)
    differences.push(`the second's answers decide ${forward.verdict}`);
  rows.push(
    `| ${repo} | ${a.verdict}${a.mixed ? ' (mixed)' : ''} | ${b.verdict}${b.mixed ? ' (mixed)' : ''} | ${differences.join('; ') || 'same'} |`,
  );
}
const n = rows.length;
console.log(
  `Readers compared on ${n} repositories: the second fully right by the first ${secondRight}/${n}, the first by the second ${firstRight}/${n}, both ways ${both}/${n}; questions both answered: ${sameValue} of ${shared} the same (${Math.round((100 * sameValue) / shared)}%)\n`,
);
console.log('| repository | first reader | second reader | answers that differ |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) console.log(row);
