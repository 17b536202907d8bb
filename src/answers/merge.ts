// Merges answer sources by precedence, keeping where each answer came from.
import type { AnswerSource } from '../schema.js';
import type { AnswerSet } from './validate.js';

/** The SPEC's precedence, strongest first: flag > answers file > detected > prompt default. */
const PRECEDENCE: readonly AnswerSource[] = ['flag', 'file', 'detected', 'prompt', 'default'];

export type AnswerLayers = Partial<Record<AnswerSource, Record<string, string>>>;

export function mergeAnswers(layers: AnswerLayers): AnswerSet {
  const merged: AnswerSet = {};
  for (const source of [...PRECEDENCE].reverse()) {
    for (const [id, value] of Object.entries(layers[source] ?? {})) merged[id] = { value, source };
  }
  return merged;
}
