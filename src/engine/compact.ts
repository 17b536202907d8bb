// The compact Decision that batch writes by default: the verdict and its grounds by id, without
// the texts, flips and per-answer sources that a person reading one decision wants. Evaluation
// and writing are two steps, each built for batch's throughput: one pass over the rules, then
// JSON written by hand from pre-quoted ids.
import type { CaveatRule, FavorRule, Verdict } from '../schema.js';
import type { CompiledQuestion, CompiledRule, CompiledRuleSet } from './compile.js';
import { fire, hasFired, type ReadAnswers } from './read-answers.js';
import { confidenceOf, tallyQuestions, type Confidence } from './confidence.js';
import { roundTo, verdictOf } from './score.js';

/** What batch needs of a decision, with the fired rules themselves rather than copies. */
export interface CompactResult {
  recommendation: Verdict;
  os: number;
  app: number;
  vm: boolean;
  confidence: Confidence;
  /** The weighted rules that fired, strongest first. */
  reasons: CompiledRule<FavorRule>[];
  /** The caveats shown with this verdict. */
  caveats: CompiledRule<CaveatRule>[];
  /** The applicable questions left unanswered. */
  unanswered: CompiledQuestion[];
}

/** Finishes what readAnswers began: the rules that read several questions, caveats, confidence. */
export function evaluateCompact(compiled: CompiledRuleSet, read: ReadAnswers): CompactResult {
  const { values, fired } = read;
  let { os, app, vm } = read;
  for (const { compiled: compiledRule, position } of compiled.compositeFavorRules) {
    if (!compiledRule.test(values)) continue;
    fire(fired, position);
    const { favors, weight } = compiledRule.rule;
    if (favors === 'os') os += weight;
    else if (favors === 'app') app += weight;
    else vm = true;
  }
  // In reasons' order, so the fired rules need no sorting.
  const reasons: CompiledRule<FavorRule>[] = [];
  const ranked = compiled.favorRulesByRank;
  for (let i = 0; i < ranked.length; i++) if (hasFired(fired, i)) reasons.push(ranked[i]!);
  os = roundTo(os, 6);
  app = roundTo(app, 6);
  const recommendation = verdictOf(os, app, vm);
  const caveats: CompiledRule<CaveatRule>[] = [];
  for (const caveat of compiled.caveatRules) {
    if (caveat.shownWith[recommendation] && caveat.test(values)) caveats.push(caveat);
  }
  const { unanswered, coverage } = tallyQuestions(compiled, values);
  return { recommendation, os, app, vm, confidence: confidenceOf({ os, app, vm }, coverage), reasons, caveats, unanswered };
}

/**
 * The compact Decision's JSON (README, "Batch"): schemaVersion, recommendation, closest (vm
 * only), confidence, scores, and the ids of reasons, caveats and unanswered questions.
 */
export function compactJson(r: CompactResult): string {
  const closest = r.recommendation === 'vm' ? `"closest":"${r.os > r.app ? 'os' : 'app'}",` : '';
  // Confidence has two decimals: its text comes from a table rather than a float conversion.
  const hundredths = Math.round(r.confidence.value * 100);
  const value = hundredths >= 0 && hundredths <= 100 ? CONFIDENCE_TEXT[hundredths] : String(r.confidence.value);
  return (
    `{"schemaVersion":1,"recommendation":"${r.recommendation}",${closest}"confidence":{"level":"${r.confidence.level}","value":${value}},` +
    `"scores":{"os":${r.os},"app":${r.app}},"reasons":[${quotedIds(r.reasons)}],"caveats":[${quotedIds(r.caveats)}],"unanswered":[${quotedIds(r.unanswered)}]}`
  );
}

/** String(i / 100) for i in 0..100: the same text JSON.stringify gives a confidence value. */
const CONFIDENCE_TEXT = Array.from({ length: 101 }, (_, i) => String(i / 100));

function quotedIds(items: readonly { quotedId: string }[]): string {
  let out = '';
  for (let i = 0; i < items.length; i++) out = i === 0 ? items[i]!.quotedId : `${out},${items[i]!.quotedId}`;
  return out;
}
