// Batch speed and memory, each against a baseline measured in the same run on the same input:
//   1. the rule engine against json-rules-engine evaluating the same rules on the same parsed
//      answers in one process, each giving the verdict, the scores and the fired rules and
//      caveats (target: at least 100x); writing JSON is left to the pipelines below;
//   2. the whole `which-container batch` pipeline against one that only parses and
//      re-serialises each line (target: at least 0.5x), and batch's peak memory over the
//      inventory (target: at most 150 MB);
//   3. for information, batch against a json-rules-engine pipeline that also reads JSON Lines.
// Usage: npm run build && node bench/batch.mjs [LINES=1000000] [RUNS=3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { esbuildYaml } from '../scripts/yaml-plugin.mjs';
import { inventory, writeInventory } from './support/inventory.mjs';
import { jreDecide, jreEngine } from './support/jre-rules.mjs';
import { fmt, median, runNode } from './support/run.mjs';

const lines = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);
const engineInputs = 20_000; // json-rules-engine is slow; its rate per decision is steady
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const cli = here('../dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'which-container-bench-'));

// The engine from the sources, bundled as the CLI is (rules inlined).
await build({
  entryPoints: [here('./support/engine-entry.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: join(dir, 'engine.mjs'),
  plugins: [esbuildYaml()],
  logLevel: 'error',
});
const engine = await import(pathToFileURL(join(dir, 'engine.mjs')).href);
const questions = engine.builtinRuleSet.questions;

// --- 1. Engine against engine, same parsed answers, same process -------------------------
const inputs = [...inventory(questions, engineInputs)].map((item) => item.answers ?? item);
const compiled = engine.compileRuleSet(engine.builtinRuleSet);
const jre = jreEngine(engine.builtinRuleSet.rules, engine.builtinRuleSet.questions);
// Both start from the parsed answers; ours also validates them, theirs does not. An answer set
// that fires nothing is no verdict for ours (an error record in batch), zero rules for both.
const evaluateOrNone = (values) => {
  try {
    return engine.evaluate(compiled, values).reasons.length;
  } catch (error) {
    if (error.name === 'NoEvidenceError') return 0;
    throw error;
  }
};
const ours = () => {
  let fired = 0;
  for (const answers of inputs) fired += evaluateOrNone(engine.readValues(compiled, answers));
  return fired;
};
const theirs = async () => {
  let fired = 0;
  for (const answers of inputs) fired += (await jreDecide(jre, answers)).reasons.length;
  return fired;
};
if (ours() !== (await theirs()))
  throw new Error('the two engines fire different numbers of rules on the same answers');
async function rate(fn, repeat) {
  const started = process.hrtime.bigint();
  for (let r = 0; r < repeat; r++) await fn();
  return (inputs.length * repeat) / (Number(process.hrtime.bigint() - started) / 1e9);
}
// Rounds alternate between the two, so a noisy neighbour on a shared machine slows both alike;
// the ratio is taken per round and its median reported.
await rate(ours, 5);
await rate(theirs, 1); // warm-up
const engineRounds = [];
for (let i = 0; i < Math.max(runs, 5); i++)
  engineRounds.push({ ours: await rate(ours, 20), theirs: await rate(theirs, 1) });
const ourEngineRate = median(engineRounds.map((r) => r.ours));
const jreEngineRate = median(engineRounds.map((r) => r.theirs));
const vsJre = median(engineRounds.map((r) => r.ours / r.theirs));

// --- 2. and 3. Whole pipelines, each a fresh process ---------------------------------------
const big = join(dir, 'inventory.jsonl');
const small = join(dir, 'inventory-small.jsonl');
await writeInventory(questions, big, lines);
await writeInventory(questions, small, engineInputs);

async function pipeline(name, script, args, stdinFile, count) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = await runNode(script, args, { stdinFile });
    if (r.code !== 0) throw new Error(`${name} exited ${r.code}: ${r.stderr}`);
    results.push(r);
  }
  const seconds = median(results.map((r) => r.seconds));
  return {
    name,
    count,
    seconds,
    rate: count / seconds,
    maxRssMiB: Math.max(...results.map((r) => r.maxRssMiB)),
  };
}
const batch = await pipeline('which-container batch', cli, ['batch', big], undefined, lines);
const parse = await pipeline(
  'parse + re-serialise only',
  here('./support/parse-serialise.mjs'),
  [],
  big,
  lines,
);
const batchSmall = await pipeline(
  'which-container batch',
  cli,
  ['batch', small],
  undefined,
  engineInputs,
);
const jrePipeline = await pipeline(
  'json-rules-engine pipeline',
  here('./support/json-rules-engine.mjs'),
  [],
  small,
  engineInputs,
);
rmSync(dir, { recursive: true, force: true });

// --- Report -------------------------------------------------------------------------------
const verdict = (ok) => (ok ? 'met' : 'NOT MET');
const vsParse = batch.rate / parse.rate;
const peakMB = (batch.maxRssMiB * 1024 * 1024) / 1e6;
console.log(`Node ${process.version}; medians of ${runs} runs; peak memory is the largest of them`);
console.log('');
console.log('| engine, same parsed answers | decisions/s |');
console.log('| --- | --- |');
console.log(`| which-container (compiled closures) | ${fmt(ourEngineRate)} |`);
console.log(`| json-rules-engine, same rules | ${fmt(jreEngineRate)} |`);
console.log('');
console.log('| pipeline (a process each) | lines | wall time | lines/s | peak RSS |');
console.log('| --- | --- | --- | --- | --- |');
for (const m of [batch, parse, batchSmall, jrePipeline]) {
  console.log(
    `| ${m.name} | ${fmt(m.count)} | ${fmt(m.seconds, 2)} s | ${fmt(m.rate)} | ${fmt(m.maxRssMiB)} MiB |`,
  );
}
console.log('');
console.log(
  `engine vs json-rules-engine: ${fmt(vsJre)}x, median of ${engineRounds.length} alternating rounds (target >= 100x): ${verdict(vsJre >= 100)}`,
);
console.log(
  `batch vs parse + re-serialise (${fmt(lines)} lines): ${fmt(vsParse, 2)}x (target >= 0.5x): ${verdict(vsParse >= 0.5)}`,
);
console.log(
  `batch peak memory (${fmt(lines)} lines): ${fmt(peakMB)} MB (target <= 150 MB): ${verdict(peakMB <= 150)}`,
);
console.log(
  `for information, batch vs the json-rules-engine pipeline (${fmt(engineInputs)} lines, JSON work included on both sides): ${fmt(batchSmall.rate / jrePipeline.rate)}x`,
);
