// What would change the verdict: every single answer to an applicable question that, changed to
// another of its question's values with the rest held, gives another recommendation.
import type { AnswerValues } from '../answers/answers.js';
import type { Flip, Verdict } from '../schema.js';
import type { CompiledRuleSet } from './compile.js';
import { verdictFor } from './evaluate.js';

export function flips(compiled: CompiledRuleSet, values: AnswerValues, current: Verdict): Flip[] {
  const out: Flip[] = [];
  const trial = [...values];
  for (const { question, index, appliesWhen } of compiled.questions) {
    // A question that does not apply given the other answers changes nothing (a monolith's layers).
    if (appliesWhen && !appliesWhen(values)) continue;
    const from = values[index];
    for (const { value } of question.values) {
      if (value === from) continue;
      trial[index] = value;
      const recommendation = verdictFor(compiled, trial);
      if (recommendation !== undefined && recommendation !== current)
        out.push({ question: question.id, from: from ?? null, to: value, recommendation });
    }
    trial[index] = from;
  }
  return out;
}
