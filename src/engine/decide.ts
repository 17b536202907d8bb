// Turns an answer set into the SPEC's Decision. Everything a renderer shows is computed here;
// renderers only format it.
import type { AnswerSet } from '../answers/validate.js';
import type { Caveat, Decision, ExplainedRule, Reason, Verdict } from '../schema.js';
import { valuesFrom, type AnswerValues, type CompiledRuleSet } from './compile.js';
import { confidenceOf, tallyQuestions } from './confidence.js';
import { flips } from './flips.js';
import { score } from './score.js';

export interface DecideSetOptions {
  /** Add `explain`: every rule, fired or not. */
  explain?: boolean;
}

export function decideAnswerSet(compiled: CompiledRuleSet, answers: AnswerSet, options: DecideSetOptions = {}): Decision {
  const values = valuesOf(compiled, answers);
  const result = score(compiled, values);
  const { recommendation } = result;

  const reasons: Reason[] = [];
  for (const { rule, test, reads } of compiled.favorRulesByRank) {
    if (!test(values)) continue;
    reasons.push({
      rule: rule.id,
      favors: rule.favors,
      weight: rule.weight,
      text: rule.text,
      section: rule.section,
      ...(rule.source === undefined ? {} : { source: rule.source }),
      ...originOf(compiled, rule.id),
      because: reads.filter((id) => answers[id]).map((id) => ({ question: id, answer: answers[id]!.value, source: answers[id]!.source })),
    });
  }

  const caveats: Caveat[] = [];
  for (const { rule, test, shownWith } of compiled.caveatRules) {
    if (!shownWith[recommendation] || !test(values)) continue;
    caveats.push({ id: rule.id, text: rule.text, section: rule.section, ...(rule.source === undefined ? {} : { source: rule.source }), ...originOf(compiled, rule.id) });
  }

  const { unanswered, coverage } = tallyQuestions(compiled, values);
  const decision: Decision = {
    schemaVersion: 1,
    recommendation,
    ...(recommendation === 'vm' ? { closest: result.os > result.app ? ('os' as const) : ('app' as const) } : {}),
    confidence: confidenceOf(result, coverage),
    scores: { os: result.os, app: result.app },
    reasons,
    caveats,
    flips: flips(compiled, values, recommendation),
    unanswered: unanswered.map((q) => q.id),
    answers: orderedAnswers(compiled, answers),
    tools: toolsFor(compiled, recommendation, values),
  };
  if (options.explain) decision.explain = explainRules(compiled, values, recommendation);
  return decision;
}

function explainRules(compiled: CompiledRuleSet, values: AnswerValues, verdict: Verdict): ExplainedRule[] {
  const reads = (ids: string[]) => ids.map((id) => ({ question: id, answer: values[compiled.questionById.get(id)!.index] ?? null }));
  const favors = compiled.favorRulesByRank.map(({ rule, test, reads: ids }) => ({
    rule: rule.id,
    effect: 'favor' as const,
    favors: rule.favors,
    weight: rule.weight,
    fired: test(values),
    ...originOf(compiled, rule.id),
    reads: reads(ids),
  }));
  const caveats = compiled.caveatRules.map(({ rule, test, reads: ids }) => {
    const fired = test(values);
    return { rule: rule.id, effect: 'caveat' as const, fired, ...(fired ? { shown: !rule.verdicts || rule.verdicts.includes(verdict) } : {}), ...originOf(compiled, rule.id), reads: reads(ids) };
  });
  return [...favors, ...caveats];
}

function originOf(compiled: CompiledRuleSet, ruleId: string): { origin?: string } {
  const origin = compiled.ruleSet.origins?.[ruleId];
  return origin === undefined ? {} : { origin };
}

function valuesOf(compiled: CompiledRuleSet, answers: AnswerSet): AnswerValues {
  return valuesFrom(compiled, Object.fromEntries(Object.entries(answers).map(([id, answer]) => [id, answer.value])));
}

function orderedAnswers(compiled: CompiledRuleSet, answers: AnswerSet): AnswerSet {
  const out: AnswerSet = {};
  for (const question of compiled.ruleSet.questions) {
    const answer = answers[question.id];
    if (answer) out[question.id] = { value: answer.value, source: answer.source };
  }
  return out;
}

/** The verdict's tools, and for an application container the tools the answers name (the orchestrator). */
function toolsFor(compiled: CompiledRuleSet, verdict: Verdict, values: AnswerValues): string[] {
  const tools = [...compiled.ruleSet.verdicts[verdict].tools];
  if (verdict !== 'app') return tools;
  for (const { question, index } of compiled.questions) {
    const tool = question.values.find((v) => v.value === values[index])?.tool;
    if (tool && !tools.includes(tool)) tools.push(tool);
  }
  return tools;
}
