// Reads a parsed answers object and scores every answer in the same pass, through each
// question's AnswerHits table: the common case of batch, several times cheaper than checking
// the object and then testing every rule. Anything unusual returns undefined, and the caller
// takes the slow path (the zod schema names the fault).
import type { AnswerValues, CompiledRuleSet } from './compile.js';

export interface ReadAnswers {
  values: (string | undefined)[];
  os: number;
  app: number;
  vm: boolean;
  /** A bit set, 32 positions a word: the positions in favorRulesByRank of the rules that fired. */
  fired: number[];
}

/** A plain object whose every key is a question (or schemaVersion: 1) with an allowed value; else undefined. */
export function readAnswers(compiled: CompiledRuleSet, input: unknown): ReadAnswers | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const record = input as Record<string, unknown>;
  const read = blank(compiled);
  // Walk the keys the input has: loads of absent keys from objects of many shapes are slow,
  // and for-in reads each value by its cached key.
  for (const key in record) {
    const value = record[key];
    const question = compiled.questionById.get(key);
    if (question === undefined) {
      if (key === 'schemaVersion' && value === 1) continue;
      return undefined; // unknown ids and any other key (even __proto__) are named by the slow path
    }
    if (typeof value !== 'string') return undefined;
    const hits = question.answers.get(value);
    if (hits === undefined) return undefined;
    add(read, question.index, hits);
  }
  return read;
}

/** The same from values already checked (the slow path's result). */
export function readValues(compiled: CompiledRuleSet, values: AnswerValues): ReadAnswers {
  const read = blank(compiled);
  for (const question of compiled.questions) {
    const value = values[question.index];
    if (value !== undefined) add(read, question.index, question.answers.get(value)!);
  }
  return read;
}

function blank(compiled: CompiledRuleSet): ReadAnswers {
  return { values: new Array(compiled.questions.length).fill(undefined), os: 0, app: 0, vm: false, fired: new Array(Math.ceil(compiled.favorRulesByRank.length / 32)).fill(0) };
}

function add(read: ReadAnswers, index: number, hits: { value: string | undefined; os: number; app: number; vm: boolean; fires: number[] }): void {
  if (hits.value === undefined) return; // unsure
  read.values[index] = hits.value;
  read.os += hits.os;
  read.app += hits.app;
  if (hits.vm) read.vm = true;
  for (let i = 0; i < hits.fires.length; i++) fire(read.fired, hits.fires[i]!);
}

export function fire(fired: number[], position: number): void {
  fired[position >>> 5]! |= 1 << (position & 31);
}

export function hasFired(fired: readonly number[], position: number): boolean {
  return (fired[position >>> 5]! & (1 << (position & 31))) !== 0;
}
