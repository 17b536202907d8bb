// A Decision (SPEC.md) is the evaluator's result plus what a person reads: the rules' texts and
// sources, the answers with where each came from, what would flip it, and the tools.
import type { AnswerSources, Answers, AnswerValues } from '../answers/answers.js';
import { toValues } from '../answers/answers.js';
import { ARTICLE } from '../constants.js';
import type { Caveat, Decision, ExplainedRule, Reason, Verdict } from '../schema.js';
import type { CompiledRuleSet } from './compile.js';
import { confidenceParts } from './confidence.js';
import { type Evaluation, evaluate } from './evaluate.js';
import { flips } from './flips.js';

export interface DecisionOptions {
  /** Add `explain`: every rule, fired or not. */
  explain?: boolean;
}

export function makeDecision(
  compiled: CompiledRuleSet,
  answers: Readonly<Answers>,
  sources: Readonly<AnswerSources>,
  options: DecisionOptions = {},
): Decision {
  const given = toValues(compiled, answers);
  const evaluation = evaluate(compiled, given);
  // The answers that count: a dropped answer (its question does not apply) is listed apart.
  const { recommendation, values } = evaluation;
  const origin = (id: string) => originOf(compiled, id);
  // Every reason and caveat names its public source: the article, or the page the rule cites.
  const cited = (rule: {
    section: string;
    source?: string | undefined;
    url?: string | undefined;
  }) => ({
    section: rule.section,
    source: rule.source ?? ARTICLE,
    ...(rule.url === undefined ? {} : { url: rule.url }),
  });

  const reasons: Reason[] = evaluation.reasons.map(({ rule, reads }) => ({
    rule: rule.id,
    favors: rule.favors,
    weight: rule.weight,
    text: rule.text,
    ...cited(rule),
    ...origin(rule.id),
    because: reads.flatMap((id) => {
      const value = values[compiled.questionById.get(id)!.index];
      return value === undefined ? [] : [{ question: id, answer: value, source: sources[id]! }];
    }),
  }));
  const caveats: Caveat[] = evaluation.caveats.map(({ rule }) => ({
    id: rule.id,
    text: rule.text,
    ...cited(rule),
    ...origin(rule.id),
  }));

  const { confidence } = evaluation;
  const dropped = evaluation.dropped.map(({ id }) => ({
    question: id,
    answer: answers[id]!,
    source: sources[id]!,
  }));
  const decision: Decision = {
    schemaVersion: 1,
    article: ARTICLE,
    recommendation,
    ...(recommendation === 'vm' ? { closest: closestContainer(evaluation) } : {}),
    confidence: options.explain
      ? { ...confidence, parts: confidenceParts(evaluation.evidence) }
      : confidence,
    scores: { os: evaluation.os, app: evaluation.app },
    reasons,
    caveats,
    // Each flip changes one answer given and holds the rest, a dropped one included: changing
    // the answer that made it not apply brings it back.
    flips: flips(compiled, given, recommendation),
    unanswered: evaluation.unanswered.map((q) => q.id),
    answers: answersWithSources(compiled, values, sources),
    ...(dropped.length > 0 ? { dropped } : {}),
    tools: toolsFor(compiled, recommendation, values),
  };
  if (options.explain) decision.explain = explainRules(compiled, values, recommendation);
  return decision;
}

/** The rules file a rule came from (--rules), for its reason or caveat; none for a built-in rule. */
function originOf(compiled: CompiledRuleSet, id: string): { origin?: string } {
  const file = compiled.ruleSet.origins?.[id];
  return file === undefined ? {} : { origin: file };
}

/** With a vm verdict: the container type that would come closer. */
export function closestContainer(evaluation: Pick<Evaluation, 'os' | 'app'>): 'os' | 'app' {
  return evaluation.os > evaluation.app ? 'os' : 'app';
}

function explainRules(
  compiled: CompiledRuleSet,
  values: AnswerValues,
  verdict: Verdict,
): ExplainedRule[] {
  const reads = (ids: string[]) =>
    ids.map((id) => ({
      question: id,
      answer: values[compiled.questionById.get(id)!.index] ?? null,
    }));
  const origin = (id: string) => originOf(compiled, id);
  const favors = compiled.favorRulesByRank.map(({ rule, test, reads: ids }) => ({
    rule: rule.id,
    effect: 'favor' as const,
    favors: rule.favors,
    weight: rule.weight,
    fired: test(values),
    ...origin(rule.id),
    reads: reads(ids),
  }));
  const caveats = compiled.caveatRules.map(({ rule, test, shownWith, reads: ids }) => {
    const fired = test(values);
    return {
      rule: rule.id,
      effect: 'caveat' as const,
      fired,
      ...(fired ? { shown: shownWith[verdict] } : {}),
      ...origin(rule.id),
      reads: reads(ids),
    };
  });
  return [...favors, ...caveats];
}

function answersWithSources(
  compiled: CompiledRuleSet,
  values: AnswerValues,
  sources: Readonly<AnswerSources>,
): Decision['answers'] {
  const out: Decision['answers'] = {};
  for (const { id, index } of compiled.questions) {
    const value = values[index];
    if (value !== undefined) out[id] = { value, source: sources[id]! };
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
