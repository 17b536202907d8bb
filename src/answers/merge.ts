// Merges answer sources by precedence, keeping where each answer came from.
import { UNSURE } from '../constants.js';
import type { AnswerSource } from '../schema.js';
import type { AnswerSet } from './validate.js';

/** The SPEC's precedence, strongest first: flag > answers file > detected > prompt default. */
const PRECEDENCE: readonly AnswerSource[] = ['flag', 'file', 'detected', 'prompt', 'default'];

export type AnswerLayers = Partial<Record<AnswerSource, Record<string, string>>>;

export interface MergedAnswers {
  answers: AnswerSet;
  /** Questions whose strongest source said `unsure`: unanswered, but not to be asked again. */
  unsure: string[];
}

export function mergeAnswers(layers: AnswerLayers): MergedAnswers {
  const answers: AnswerSet = {};
  const unsure = new Set<string>();
  for (const source of [...PRECEDENCE].reverse()) {
    for (const [id, value] of Object.entries(layers[source] ?? {})) {
      if (value === UNSURE) {
        delete answers[id];
        unsure.add(id);
      } else {
        answers[id] = { value, source };
        unsure.delete(id);
      }
    }
  }
  return { answers, unsure: [...unsure] };
}
