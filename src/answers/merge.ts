// Merges answer sources by precedence, keeping where each answer came from.
import { SOURCES } from '../constants.js';
import type { AnswerSource } from '../schema.js';
import type { AnswerSources, Answers } from './answers.js';

/** The answers each source gave, by source. */
export type AnswerLayers = Partial<Record<AnswerSource, Answers>>;

export interface MergedAnswers {
  /** The strongest source's answer to each question (`unsure` kept: asked, but unanswered). */
  answers: Answers;
  sources: AnswerSources;
}

/**
 * The SPEC's precedence, strongest first: flag > answers file > prompt > detected. A person at
 * the prompt saw the detected value offered as the default, so their answer counts above it.
 */
export function mergeAnswers(layers: AnswerLayers): MergedAnswers {
  const answers: Answers = {};
  const sources: AnswerSources = {};
  for (const source of SOURCES) {
    for (const [id, value] of Object.entries(layers[source] ?? {})) {
      if (Object.hasOwn(answers, id)) continue;
      answers[id] = value;
      sources[id] = source;
    }
  }
  return { answers, sources };
}
