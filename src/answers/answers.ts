// The two shapes answers take. By id (`Answers`) for files, flags, JSON and the library; by
// position (`AnswerValues`) for the engine. One conversion each way.
import { UNSURE } from '../constants.js';
import type { CompiledRuleSet } from '../engine/compile.js';
import type { AnswerSource } from '../schema.js';

/** Answers by question id; `unsure` means unanswered (and is kept, so a replay does not ask again). */
export type Answers = Record<string, string>;

/**
 * Answer values by question position (the order of the questions data); an unanswered or
 * `unsure` question holds undefined. An array, not an object keyed by id: the compiled tests
 * then load elements by a fixed index, which V8 keeps fast however many rules share one
 * closure site; keyed loads from objects of many shapes were several times slower.
 */
export type AnswerValues = readonly (string | undefined)[];

/** Where each answer came from, by question id. */
export type AnswerSources = Record<string, AnswerSource>;

/** Answers by id → values by position (`unsure` and absent: undefined). */
export function toValues(
  compiled: CompiledRuleSet,
  answers: Readonly<Answers>,
): (string | undefined)[] {
  return compiled.questions.map(({ id }) => {
    const value = Object.hasOwn(answers, id) ? answers[id] : undefined;
    return value === UNSURE ? undefined : value;
  });
}

/** Values by position → answers by id (unanswered ones left out). */
export function toAnswers(compiled: CompiledRuleSet, values: AnswerValues): Answers {
  const answers: Answers = {};
  for (const { id, index } of compiled.questions) {
    const value = values[index];
    if (value !== undefined) answers[id] = value;
  }
  return answers;
}
