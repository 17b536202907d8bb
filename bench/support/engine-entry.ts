// What the engine benchmark needs from the source: bundled by bench/batch.mjs with esbuild.
export { compileRuleSet } from '../../src/engine/compile.js';
export { evaluateCompact } from '../../src/engine/compact.js';
export { readAnswers } from '../../src/engine/read-answers.js';
export { builtinRuleSet } from '../../src/engine/rule-set.js';
