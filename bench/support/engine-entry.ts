// What the engine benchmark needs from the source: bundled by bench/batch.mjs with esbuild.
export { readValues } from '../../src/answers/check.js';
export { compileRuleSet } from '../../src/engine/compile.js';
export { evaluate } from '../../src/engine/evaluate.js';
export { builtinRuleSet } from '../../src/engine/rule-set.js';
