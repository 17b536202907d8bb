// Which questions are still open to ask: not fixed by a flag, the answers file or an explicit
// `unsure`, and applicable (`when`) given the answers so far. Kept apart from the prompts so
// the CLI can tell, without loading @inquirer/prompts, whether anything will be asked.
import type { AnswerValues, CompiledRuleSet } from '../engine/compile.js';
import type { Question } from '../schema.js';

export function isOpen(compiled: CompiledRuleSet, question: Question, fixed: ReadonlySet<string>, values: AnswerValues): boolean {
  return !fixed.has(question.id) && compiled.questionById.get(question.id)!.applies(values);
}

export function openQuestions(compiled: CompiledRuleSet, fixed: ReadonlySet<string>, values: AnswerValues): Question[] {
  return compiled.ruleSet.questions.filter((q) => isOpen(compiled, q, fixed, values));
}
