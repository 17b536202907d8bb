// Batch results in, the report page out: read, describe the rules, sum up, render.
import type { Readable } from 'node:stream';
import { builtinRuleSet, type RuleSet } from '../engine/rule-set.js';
import { describeRules, summarise } from './aggregate.js';
import { renderPage } from './page.js';
import { readResults } from './read-results.js';

export async function buildReport(
  input: Readable,
  origin: string,
  ruleSet: RuleSet,
  context: { date: string; version: string },
): Promise<string> {
  const results = await readResults(input, origin);
  const ids = new Set<string>();
  for (const w of results.workloads) {
    for (const id of w.reasons) ids.add(id);
    for (const id of w.caveats) ids.add(id);
  }
  const rules = describeRules(results, ruleSet, ids);
  const builtinIds = new Set(builtinRuleSet.rules.map((rule) => rule.id));
  const summary = summarise(results, rules, builtinIds);
  return renderPage(summary, results, rules, { ...context, ruleSet });
}
